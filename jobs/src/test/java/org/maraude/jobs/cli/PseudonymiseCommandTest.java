package org.maraude.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiseCommandTest {
    @TempDir
    Path dir;

    @Test
    void sameInputGivesTheSameKeysAndNoRawValueSurvives() throws Exception {
        Path raw = dir.resolve("raw.csv");
        Files.writeString(raw, "first_name,last_name,birth_date,email,event\n"
                + "Inès,Dupont,2007-03-14,Ines.Dupont@Example.org,first_contact\n"
                + "INES ,dupont,14/03/2007, ines.dupont@example.org ,inbound_message\n");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "a-very-long-shared-secret-0123456789\n");
        Path out = dir.resolve("keyed.csv");
        int code = Maraude.commandLine().execute("pseudonymise", "--in", raw.toString(), "--out", out.toString(),
                "--key", "youth_key=name_birth:first_name,last_name,birth_date", "--key", "email=email",
                "--secret-file", secret.toString());
        assertEquals(0, code);
        List<String> lines = Files.readAllLines(out);
        assertEquals("youth_key,email,event", lines.get(0));
        String[] a = lines.get(1).split(",");
        String[] b = lines.get(2).split(",");
        assertEquals(a[0], b[0], "same person, spelled differently, same youth_key");
        assertEquals(a[1], b[1]);
        assertTrue(a[0].matches("[0-9a-f]{64}"));
        String all = Files.readString(out).toLowerCase();
        assertFalse(all.contains("dupont") || all.contains("example.org") || all.contains("2007"));
    }

    @Test
    void theSecretIsRefusedOnTheCommandLine() {
        assertEquals(Maraude.USAGE, Maraude.commandLine().execute("pseudonymise", "--in", "x", "--out", "y",
                "--key", "email=email", "--secret", "not-here"));
    }
}
