package org.maraude.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    static final Table T = Table.of(List.of("platform", "contacted", "unknown", "spend"), List.of(
            List.of("tiktok", 10L, 5L, new BigDecimal("1234.5")),
            List.of("=cmd", 0L, 0L, 0.125),
            Arrays.asList("a, \"b\"", 4L, 1L, null)));

    @Test
    void printsAnAlignedTextTable() {
        assertEquals(String.join("\n",
                "platform  contacted  unknown   spend",
                "--------  ---------  -------  ------",
                "tiktok           10        5  1234.5",
                "=cmd              0        0   0.125",
                "a, \"b\"            4        1    null",
                "(3 rows)", ""), T.toString());
        assertEquals("… 2 more rows (3 in all)", T.toText(1).lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void givesColumnsAndValues() {
        assertEquals(List.of("tiktok", "=cmd", "a, \"b\""), T.strings("platform"));
        assertArrayEquals(new long[] {10, 0, 4}, T.longs("contacted"));
        assertEquals(14.0, T.sum("contacted"));
        assertEquals(5L, T.get(0, "UNKNOWN"));
        assertEquals("tiktok", T.value());
        assertEquals(List.of("spend", "platform"), T.keep("spend", "nope", "platform").columns());
        assertThrows(IllegalArgumentException.class, () -> T.column("nope"));
    }

    @Test
    void writesCsvThatSpreadsheetsReadSafely() {
        assertEquals("platform,contacted,unknown,spend\r\ntiktok,10,5,1234.5\r\n'=cmd,0,0,0.125\r\n\"a, \"\"b\"\"\",4,1,\r\n",
                T.toCsv());
    }

    @Test
    void addsSharesWithTheirWilsonInterval() {
        Table s = T.withShare("unknown_share", "unknown", "contacted");
        // 5 of 10: Wilson 95 % interval [0.2366, 0.7634]
        assertEquals(0.5, s.get(0, "unknown_share"));
        assertEquals(0.2366, (double) s.get(0, "unknown_share_low"), 1e-4);
        assertEquals(0.7634, (double) s.get(0, "unknown_share_high"), 1e-4);
        assertNull(s.get(1, "unknown_share"), "no share of nobody");
        assertNull(s.get(1, "unknown_share_low"));
    }

    @Test
    void pivotsLongToWide() {
        Table longT = Table.of(List.of("platform", "model", "credit"), List.of(
                List.of("tiktok", "linear", 1.5), List.of("tiktok", "last_touch", 2.0),
                List.of("snapchat", "linear", 0.5), List.of("tiktok", "linear", 1.0)));
        Table w = longT.pivot("platform", "model", "credit");
        assertEquals(List.of("platform", "linear", "last_touch"), w.columns());
        assertEquals(2.5, w.get(0, "linear"));
        assertNull(w.get(1, "last_touch"));
    }
}
