package org.maraude.dashboards;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * The contract's small-cell rule (section 5) for everything that leaves a project (funder pages,
 * reports, cross-project tables): a count between 1 and k-1 is shown as {@code < k}; zero may be
 * shown; and wherever a published total would let a reader recompute a hidden cell, a second
 * cell is hidden too (complementary suppression).
 */
public final class SmallCells {
    private SmallCells() {}

    /** True for counts that must not be shown (1..k-1). */
    public static boolean primary(long n, int k) {
        return n >= 1 && n < k;
    }

    /** Formats a count for an outside reader: {@code < k} for 1..k-1, else French-formatted. */
    public static String show(long n, int k, Locale locale) {
        return primary(n, k) ? "< " + k : NumberFormat.getIntegerInstance(locale).format(n);
    }

    /**
     * Which cells of a table must be hidden when every row total and every column total is
     * published. Primary cells are hidden first; then, until nothing changes, any row or column with
     * exactly one hidden cell hides its smallest other non-zero cell as well, so no hidden value is
     * the difference between a total and the shown cells.
     */
    public static boolean[][] suppress(long[][] table, int k) {
        int rows = table.length;
        int cols = rows == 0 ? 0 : table[0].length;
        boolean[][] hidden = new boolean[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                hidden[r][c] = primary(table[r][c], k);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < rows; r++) {
                int count = 0;
                for (int c = 0; c < cols; c++) {
                    count += hidden[r][c] ? 1 : 0;
                }
                if (count == 1) {
                    int best = -1;
                    for (int c = 0; c < cols; c++) {
                        if (!hidden[r][c] && table[r][c] > 0 && (best < 0 || table[r][c] < table[r][best])) {
                            best = c;
                        }
                    }
                    if (best >= 0) {
                        hidden[r][best] = true;
                        changed = true;
                    }
                }
            }
            for (int c = 0; c < cols; c++) {
                int count = 0;
                for (int r = 0; r < rows; r++) {
                    count += hidden[r][c] ? 1 : 0;
                }
                if (count == 1) {
                    int best = -1;
                    for (int r = 0; r < rows; r++) {
                        if (!hidden[r][c] && table[r][c] > 0 && (best < 0 || table[r][c] < table[best][c])) {
                            best = r;
                        }
                    }
                    if (best >= 0) {
                        hidden[best][c] = true;
                        changed = true;
                    }
                }
            }
        }
        return hidden;
    }

    /** One row with a published total: {@link #suppress(long[][], int)} on a single row. */
    public static boolean[] suppressRow(long[] row, int k) {
        // a single row has no column totals to protect: only the row total matters
        boolean[] hidden = new boolean[row.length];
        for (int c = 0; c < row.length; c++) {
            hidden[c] = primary(row[c], k);
        }
        int count = 0;
        for (boolean h : hidden) {
            count += h ? 1 : 0;
        }
        if (count == 1) {
            int best = -1;
            for (int c = 0; c < row.length; c++) {
                if (!hidden[c] && row[c] > 0 && (best < 0 || row[c] < row[best])) {
                    best = c;
                }
            }
            if (best >= 0) {
                hidden[best] = true;
            }
        }
        return hidden;
    }

    /**
     * One line of cells whose total is published, some of which are already hidden for another
     * reason ({@code preHidden}): adds the primary cells, then, if exactly one cell is hidden, the
     * smallest other non-zero cell.
     */
    public static boolean[] suppressLine(long[] line, boolean[] preHidden, int k) {
        boolean[] hidden = new boolean[line.length];
        int count = 0;
        for (int c = 0; c < line.length; c++) {
            hidden[c] = primary(line[c], k) || (preHidden != null && preHidden[c]);
            count += hidden[c] ? 1 : 0;
        }
        if (count == 1) {
            int best = -1;
            for (int c = 0; c < line.length; c++) {
                if (!hidden[c] && line[c] > 0 && (best < 0 || line[c] < line[best])) {
                    best = c;
                }
            }
            if (best >= 0) {
                hidden[best] = true;
            }
        }
        return hidden;
    }

    /** Why a cell is not shown. */
    public enum Mask { SHOWN, SMALL, COMPLEMENT }

    /** Masks of a funnel table: rows (projects, months…) × stages, with a published total per stage. */
    public record StageMasks(Mask[][] totals, Mask[][] unknown) {}

    /**
     * Protects a funnel table whose every stage column has a published total (the programme row),
     * where each cell shows a stage count and, beside it, how many of them were previously unknown.
     * Stage counts are nested, not additive, so only column totals are protected. The number
     * already known (count − unknown) is never shown but could be computed, so it is treated as
     * an implicit cell: when it is between 1 and k-1, the unknown count beside it is hidden.
     *
     * @param totals  rows × stages counts
     * @param unknown rows × stages previously-unknown counts (same shape, each ≤ its total)
     */
    public static StageMasks stageTable(long[][] totals, long[][] unknown, int k) {
        int rows = totals.length;
        int stages = rows == 0 ? 0 : totals[0].length;
        Mask[][] t = new Mask[rows][stages];
        Mask[][] u = new Mask[rows][stages];
        for (int s = 0; s < stages; s++) {
            long[] col = new long[rows];
            long[] ucol = new long[rows];
            boolean[] uPre = new boolean[rows];
            for (int r = 0; r < rows; r++) {
                col[r] = totals[r][s];
                ucol[r] = unknown[r][s];
            }
            boolean[] th = suppressLine(col, null, k);
            for (int r = 0; r < rows; r++) {
                t[r][s] = mask(col[r], th[r], k);
                long known = col[r] - ucol[r];
                uPre[r] = (th[r] && ucol[r] > 0) || primary(known, k);
            }
            boolean[] uh = suppressLine(ucol, uPre, k);
            for (int r = 0; r < rows; r++) {
                u[r][s] = mask(ucol[r], uh[r], k);
            }
        }
        return new StageMasks(t, u);
    }

    /** The mask of one cell given whether it is hidden: {@code SMALL} for 1..k-1, else {@code COMPLEMENT}. */
    public static Mask mask(long n, boolean hidden, int k) {
        return !hidden ? Mask.SHOWN : primary(n, k) ? Mask.SMALL : Mask.COMPLEMENT;
    }

    /** Masks of one line with a published total ({@link #suppressLine}). */
    public static Mask[] lineMasks(long[] line, int k) {
        boolean[] h = suppressLine(line, null, k);
        Mask[] m = new Mask[line.length];
        for (int i = 0; i < line.length; i++) {
            m[i] = mask(line[i], h[i], k);
        }
        return m;
    }
}
