package org.maraude.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run at a time per output folder: {@code <out>/run.lock} holds the owner's PID. A lock
 * whose process is gone (a run that crashed or was killed) is stale and taken over.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;

    private RunLock(Path file) {
        this.file = file;
    }

    public static RunLock acquire(Path out) {
        Path file = out.resolve("run.lock");
        try {
            Files.createDirectories(out);
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    Files.writeString(file, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    return new RunLock(file);
                } catch (FileAlreadyExistsException e) {
                    Optional<Long> owner = owner(file);
                    if (owner.isPresent() && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                        throw new IllegalStateException("another maraude run (pid " + owner.get() + ") is using " + out
                                + "; wait for it to finish");
                    }
                    Files.deleteIfExists(file); // stale: its process is gone
                }
            }
            throw new IllegalStateException("could not take the lock " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + out + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Long> owner(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
