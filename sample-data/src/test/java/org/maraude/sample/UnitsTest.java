package org.maraude.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void parisFormattingMatchesJavaTime() {
        SplittableRandom r = new SplittableRandom(1);
        DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        for (int i = 0; i < 20_000; i++) {
            long s = 1_700_000_000L + r.nextLong(200_000_000L);
            assertEquals(Instant.ofEpochSecond(s).atZone(Paris.ZONE).toOffsetDateTime().format(f), Paris.ts(s));
            assertEquals(Instant.ofEpochSecond(s).atZone(Paris.ZONE).toLocalDate().toEpochDay(), Paris.localDay(s));
        }
        for (int d = 19_000; d < 21_000; d++) assertEquals(LocalDate.ofEpochDay(d).toString(), Paris.date(d));
    }

    @Test
    void nativeNumberFormats() {
        assertEquals("1\u00A0234,56", NativeExports.frDecimal(123456));
        assertEquals("0,05", NativeExports.frDecimal(5));
        assertEquals("\"25,881\"", NativeExports.enThousands(25881));
        assertEquals("999", NativeExports.enThousands(999));
        assertEquals("\"1,234.05\"", NativeExports.enMoney(123405));
        assertEquals("12.30", DeliveryFiles.money(1230));
        assertEquals("28/02/2026", NativeExports.fr("2026-02-28"));
    }

    @Test
    void hillCurveIsHalfAtK() {
        Source.PaidChannel pc = new Source.PaidChannel("tiktok", 0.3, 1.6);
        pc.k = 500;
        assertEquals(0.5, pc.hill(500), 1e-12);
        assertTrue(pc.hill(5000) > 0.95 && pc.hill(50) < 0.05);
        assertEquals(0, pc.hill(0));
    }

    @Test
    void csvQuoting() {
        StringBuilder b = new StringBuilder();
        CsvSink.cell(b, "Jeunes des Outre-mer, \"on est là\"");
        assertEquals("\"Jeunes des Outre-mer, \"\"on est là\"\"\"", b.toString());
    }

    @Test
    void exactProbabilitiesAreProbabilities() {
        double[] e = TrueModel.exact(TrueModel.byChannel("twitch"), -1.0, new double[]{1, 0, 0, 0, 0}, -0.5, -1, 0.5);
        for (double v : e) assertTrue(v > 0 && v < 1);
        double[] hi = TrueModel.exact(TrueModel.byChannel("twitch"), 0.0, new double[]{1, 0, 0, 0, 0}, -0.5, -1, 0.5);
        assertTrue(hi[0] > e[0], "a larger logit shift raises the unknown probability");
    }
}
