package org.maraude.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

final class TestDirs {
    private TestDirs() {}

    /** Surefire points java.io.tmpdir at target/tmp, which may not exist yet. */
    static void ensureTmp() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
