package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The pseudonymisation secret shared by the funder and the projects (contract §2). It is read
 * from a file or an environment variable, never from the command line (it would show in the
 * process list and the shell history). The bytes are used as they are, except that line breaks
 * at the end of a file or variable are dropped: {@code echo secret > file} adds one, and every
 * producer must get the same key.
 *
 * <p>Messages name the file or variable, never the secret; {@link #toString()} hides it.
 */
public final class Secret {

    /** The shortest secret accepted: 16 bytes (128 bits) against guessing by brute force. */
    public static final int MIN_BYTES = 16;

    private final byte[] bytes;

    private Secret(byte[] bytes, String source) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException("the pseudonymisation secret from " + source + " is empty");
        }
        if (end < MIN_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation secret from " + source + " is " + end
                    + " bytes long; at least " + MIN_BYTES + " are required (use the secret shared by the funder)");
        }
        this.bytes = Arrays.copyOf(bytes, end);
    }

    /** A secret from bytes already in memory (tests, or a caller with its own vault). */
    public static Secret of(byte[] bytes) {
        return new Secret(bytes.clone(), "memory");
    }

    /** Reads the secret from a file (its raw bytes, trailing line breaks dropped). */
    public static Secret fromFile(Path path) {
        byte[] b;
        try {
            b = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pseudonymisation secret file " + path, e);
        }
        try {
            return new Secret(b, "file " + path);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /** Reads the secret from an environment variable (its UTF-8 bytes). */
    public static Secret fromEnv(String variable) {
        return fromEnv(variable, System::getenv);
    }

    static Secret fromEnv(String variable, Function<String, String> env) {
        String value = env.apply(variable);
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        return new Secret(value.getBytes(StandardCharsets.UTF_8), "environment variable " + variable);
    }

    /** A copy of the secret's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of bytes, for diagnostics. */
    public int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes, hidden]";
    }
}
