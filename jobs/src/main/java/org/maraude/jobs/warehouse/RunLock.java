package org.maraude.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.maraude.jobs.spark.Location;

/**
 * One run at a time per output folder: {@code <out>/run.lock}, created exclusively, holds the owner's
 * {@code pid@host}. A lock whose process is gone (a run on this host that crashed or was killed) is stale and
 * taken over; a lock taken on another host cannot be checked from here and is never taken over.
 */
public final class RunLock implements AutoCloseable {
    private final Location file;

    private RunLock(Location file) {
        this.file = file;
    }

    public static RunLock acquire(Path out) {
        return acquire(Location.local(out));
    }

    public static RunLock acquire(Location out) {
        Location file = out.resolve("run.lock");
        try {
            out.mkdirs();
            for (int attempt = 0; attempt < 2; attempt++) {
                if (file.createNew(ProcessHandle.current().pid() + "@" + host())) {
                    return new RunLock(file);
                }
                Optional<String[]> owner = owner(file);
                if (owner.isPresent() && !owner.get()[1].isEmpty() && !owner.get()[1].equals(host())) {
                    throw new IllegalStateException("another maraude run (pid " + owner.get()[0] + " on " + owner.get()[1]
                            + ") is using " + out + "; if it is gone, delete " + file);
                }
                if (owner.isPresent() && ProcessHandle.of(Long.parseLong(owner.get()[0])).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    throw new IllegalStateException("another maraude run (pid " + owner.get()[0] + ") is using " + out
                            + "; wait for it to finish");
                }
                file.deleteTree(); // stale: its process is gone
            }
            throw new IllegalStateException("could not take the lock " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + out + ": " + e.getMessage(), e);
        }
    }

    /** {pid, host} of the lock's owner; host is empty in locks written by older versions (pid only). */
    private static Optional<String[]> owner(Location file) {
        try {
            String[] s = file.readString().strip().split("@", 2);
            Long.parseLong(s[0]);
            return Optional.of(new String[] {s[0], s.length > 1 ? s[1] : ""});
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        try {
            file.deleteTree();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
