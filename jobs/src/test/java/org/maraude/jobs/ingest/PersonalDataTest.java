package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataTest {

    @ParameterizedTest(name = "[{index}] e-mail: {0}")
    @ValueSource(strings = {
        "jean.dupont@gmail.com",
        "  JEAN.DUPONT@GMAIL.COM  ",
        "a@b.fr",
        "prenom+tag@sous.domaine.example.org",
        "écrire à lea_77@laposte.net pour un rdv",
        "contact:moi@orange.fr;",
        "<mailto:x-y@z.io>",
        "jean@école.fr",
    })
    void findsEmails(String cell) {
        assertEquals(Optional.of(PersonalData.Kind.EMAIL), PersonalData.find(cell));
    }

    @ParameterizedTest(name = "[{index}] phone: {0}")
    @ValueSource(strings = {
        "0612345678",
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "06\u00A012\u00A034\u00A056\u00A078",
        "01 45 67 89 10",
        "+33 6 12 34 56 78",
        "+33612345678",
        "+33 (0)6 12 34 56 78",
        "(+33) 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "0033612345678",
        "+44 20 7946 0958",
        "+1 415 555 0100",
        "+1-415-555-0100",
        "6 12 34 56 78",
        "appelle moi au 07 81 22 33 44 demain",
        "tel: 0781223344.",
        "2024 0612345678",
        "rdv 12/03 au 06 12 34 56 78",
    })
    void findsPhones(String cell) {
        assertEquals(Optional.of(PersonalData.Kind.PHONE), PersonalData.find(cell));
    }

    @ParameterizedTest(name = "[{index}] NIR: {0}")
    @ValueSource(strings = {
        "185057800608491",
        "1 85 05 78 006 084 91",
        "1.85.05.78.006.084.91",
        "1 85 05 78 006 084 - 91",
        "290122A12345644",
        "2 90 12 2A 123 456 44",
        "2 90 12 2b 123 456 71",
        "169037511600135",
        "mon numéro sécu est 1 85 05 78 006 084 91 voilà",
    })
    void findsNirs(String cell) {
        assertEquals(Optional.of(PersonalData.Kind.NIR), PersonalData.find(cell));
    }

    @ParameterizedTest(name = "[{index}] clean: {0}")
    @ValueSource(strings = {
        // pseudonyms, uuids, ids
        "3f2a9c0e6123456789b0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829",
        "0612345678abcdef0612345678abcdef0612345678abcdef0612345678abcdef",
        "a1b2c3d40612345678e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5",
        "123e4567-e89b-12d3-a456-426614174000",
        "12345678-1234-1234-1234-123456789012",
        "abcdefab-0612-3456-78ab-0123456789ab",
        "cmp-2024-09-tiktok-01",
        "crea_0612345678_v2",
        "qr-0612345678",
        "0612345678-v2",
        "poster-0033612345678",
        "abcdef01-2345-6789-abcd-003361234567",
        "id-185057800608491",
        "utm_campaign=rentree-2025-06-12",
        "paris-75-ouest",
        // dates and timestamps
        "2026-03-29T01:30:00+01:00",
        "2026-03-29T01:30:00Z",
        "2026-03-29",
        "29/03/2026 14:30:00",
        "2025-07-08 - 2025-07-31",
        // numbers
        "1234.56",
        "12345678",
        "1234567890",
        "123456789012",
        "612345678",
        "1 234 567",
        "1\u202F234\u202F567,89",
        "25,881",
        "0.0612345678",
        "-1234567.89",
        // département codes, enums, empty
        "2A", "2B", "971", "976", "95", "",
        "   ",
        // NIR-shaped numbers with a wrong key, and longer platform ids
        "185057800608490",
        "1 85 05 78 006 084 92",
        "290122A12345645",
        "23851234567890123",
        "120210000000000000",
        "20748319012",
        // at-signs that are not addresses
        "@maraude_officiel",
        "rdv @ 14h",
        "jean@localhost",
        "a@b.c",
        "user@domain.123",
        "free text with no numbers at all, just words",
        "+01:00",
        "version 1.2.3.4.5",
    })
    void ignoresLegitimateValues(String cell) {
        assertEquals(Optional.empty(), PersonalData.find(cell), "cell should be clean");
    }

    @Test
    void nullIsClean() {
        assertEquals(Optional.empty(), PersonalData.find(null));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "jean@gmail.com 0612345678 | EMAIL",
        "1 85 05 78 006 084 91 et 06 12 34 56 78 | NIR",
    })
    void priorityBetweenKinds(String cell, PersonalData.Kind kind) {
        assertEquals(Optional.of(kind), PersonalData.find(cell));
    }

    @Test
    void nirKeyIsCheckedAgainstEveryWrongKey() {
        int valid = 0;
        for (int key = 0; key < 100; key++) {
            String cell = "1850578006084" + String.format("%02d", key);
            if (PersonalData.find(cell).isPresent()) {
                valid++;
                assertEquals(91, key);
            }
        }
        assertEquals(1, valid);
    }

    @Test
    void isFastOnLongCells() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            sb.append("12 ").append("a@").append(' ');
        }
        String pathological = sb.toString();
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            PersonalData.find(pathological);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void typicalCellsCostAboutAMicrosecond() {
        String[] cells = {"12345678", "2026-03-29T01:30:00+01:00", "cmp-2024-09-tiktok-01", "1234.56",
            "3f2a9c0e6123456789b0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829", "tiktok", "75"};
        int found = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 300_000; i++) {
            if (PersonalData.find(cells[i % cells.length]).isPresent()) {
                found++;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, found);
        assertTrue(ms < 3_000, "took " + ms + " ms");
    }
}
