package org.maraude.dashboards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SmallCellsTest {
    @Test
    void countsUnderKAreShownAsLessThanK() {
        assertEquals("0", SmallCells.show(0, 11, Locale.FRANCE));
        assertEquals("< 11", SmallCells.show(1, 11, Locale.FRANCE));
        assertEquals("< 11", SmallCells.show(10, 11, Locale.FRANCE));
        assertEquals("11", SmallCells.show(11, 11, Locale.FRANCE));
        assertEquals("1\u202f234", SmallCells.show(1234, 11, Locale.FRANCE));
    }

    @Test
    void aTotalCannotRevealAHiddenCell() {
        // Row total 5+40+20 = 65 is published: hiding only 5 would let 65-40-20 reveal it,
        // so the smallest other non-zero cell (20) is hidden too. Zero stays visible.
        assertArrayEquals(new boolean[] {true, false, true, false}, SmallCells.suppressRow(new long[] {5, 40, 20, 0}, 11));
        // Two small cells protect each other.
        assertArrayEquals(new boolean[] {true, true, false}, SmallCells.suppressRow(new long[] {3, 4, 50}, 11));
    }

    @Test
    void rowAndColumnTotalsAreBothProtected() {
        // projects × months, with row and column totals published
        long[][] t = {
            {3, 30, 40},
            {25, 35, 45},
            {50, 60, 70}};
        boolean[][] h = SmallCells.suppress(t, 11);
        // 3 is primary; row 0 hides 30 (its smallest other); column 0 hides 25; column 1 then has
        // 30 hidden alone → hides 35; row 1 has 25 and 35 hidden → stable.
        assertArrayEquals(new boolean[] {true, true, false}, h[0]);
        assertArrayEquals(new boolean[] {true, true, false}, h[1]);
        assertArrayEquals(new boolean[] {false, false, false}, h[2]);
        for (int r = 0; r < 3; r++) {
            int rowHidden = 0;
            int colHidden = 0;
            for (int c = 0; c < 3; c++) {
                rowHidden += h[r][c] ? 1 : 0;
                colHidden += h[c][r] ? 1 : 0;
            }
            // never exactly one hidden cell in a line whose total is shown
            org.junit.jupiter.api.Assertions.assertNotEquals(1, rowHidden);
            org.junit.jupiter.api.Assertions.assertNotEquals(1, colHidden);
        }
    }
}
