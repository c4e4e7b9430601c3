package org.maraude.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    static Path dir;
    static SampleSummary a, b, c;

    @BeforeAll
    static void generate() {
        dir = TestFiles.tempDir("determinism");
        a = SampleGenerator.generate(SampleOptions.builder(dir.resolve("a/inbox")).scale(0.3).build());
        b = SampleGenerator.generate(SampleOptions.builder(dir.resolve("b/inbox")).scale(0.3).build());
        c = SampleGenerator.generate(SampleOptions.builder(dir.resolve("c/inbox")).scale(0.3).seed(43).build());
    }

    @AfterAll
    static void clean() {
        TestFiles.delete(dir);
    }

    @Test
    void sameSeedGivesByteIdenticalInboxAndTruth() throws IOException {
        for (String part : List.of("inbox", "truth")) {
            Path ra = dir.resolve("a").resolve(part), rb = dir.resolve("b").resolve(part);
            List<Path> fa = TestFiles.files(ra), fb = TestFiles.files(rb);
            assertEquals(fa.stream().map(ra::relativize).toList(), fb.stream().map(rb::relativize).toList());
            for (int i = 0; i < fa.size(); i++) {
                assertArrayEquals(Files.readAllBytes(fa.get(i)), Files.readAllBytes(fb.get(i)), "differs: " + fa.get(i));
            }
        }
        assertEquals(a.rowsPerDataset(), b.rowsPerDataset());
    }

    @Test
    void differentSeedGivesDifferentData() throws IOException {
        Path p = Path.of("coach-whatsapp-tiktok/touchpoints/touchpoints.csv.gz");
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/inbox").resolve(p)),
                Files.readAllBytes(dir.resolve("c/inbox").resolve(p))));
        assertTrue(c.youthCount() > 0);
    }

    @Test
    void gzipHeadersCarryNoTimestamp() throws IOException {
        for (Path f : TestFiles.files(dir.resolve("a/inbox"))) {
            if (!f.toString().endsWith(".gz")) continue;
            byte[] h = Arrays.copyOf(Files.readAllBytes(f), 10);
            assertEquals(0x1f, h[0] & 0xff);
            assertEquals(0x8b, h[1] & 0xff);
            assertEquals(0, h[3], "no FNAME/FCOMMENT/FEXTRA flags: " + f);
            assertArrayEquals(new byte[4], Arrays.copyOfRange(h, 4, 8), "mtime must be 0: " + f);
        }
    }

    @Test
    void otherPeriodsScaleTheVolumes() {
        SampleSummary s = SampleGenerator.generate(SampleOptions.builder(dir.resolve("short/inbox")).scale(1)
                .months(3).start(java.time.LocalDate.of(2025, 11, 10)).build());
        // the calibrated volumes are per 24 months: three months give about an eighth (Poisson noise aside)
        assertTrue(s.contactedPairs() > 2103 / 8 * 0.7 && s.contactedPairs() < 2103 / 8 * 1.3, "" + s.contactedPairs());
        SampleSummary again = SampleGenerator.generate(SampleOptions.builder(dir.resolve("short/inbox")).scale(1)
                .months(3).start(java.time.LocalDate.of(2025, 11, 10)).overwrite(true).build());
        assertEquals(s.rowsPerDataset(), again.rowsPerDataset());
    }

    @Test
    void truthIsBesideTheInboxAndRefusesToOverwrite() {
        assertTrue(Files.isDirectory(dir.resolve("a/truth")));
        assertFalse(Files.exists(dir.resolve("a/inbox/truth")));
        assertThrows(IllegalStateException.class,
                () -> SampleGenerator.generate(SampleOptions.builder(dir.resolve("a/inbox")).scale(0.3).build()));
        assertThrows(IllegalArgumentException.class,
                () -> SampleOptions.builder(dir.resolve("x")).truth(dir.resolve("x/truth")).build());
    }
}
