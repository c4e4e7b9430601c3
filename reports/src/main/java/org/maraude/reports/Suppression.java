package org.maraude.reports;

import java.util.List;
import org.maraude.dashboards.SmallCells;

/**
 * Complementary suppression for tables whose rows are not all shown, or whose subtotals are
 * published elsewhere in the report (contract §5). {@link SmallCells#suppressRow} covers a
 * column with its total; this covers <em>groups</em>: sets of cells whose total a reader can
 * find in the report (a platform's count in the channel table, a project's in the project
 * table). Cells that are not displayed at all (the creatives outside the top rows) are unknown
 * to the reader but still take part: if a group's only unknown part were a small count, a reader
 * could recompute it as total minus shown cells.
 */
final class Suppression {
    private Suppression() {}

    /**
     * Which displayed cells to hide.
     *
     * @param values    the true counts
     * @param displayed whether each cell is printed (others are folded away, never shown)
     * @param groups    indices of cells whose sum is published; each should cover its whole total
     * @return hidden flags for displayed cells (false for non-displayed ones)
     */
    static boolean[] groups(long[] values, boolean[] displayed, List<int[]> groups, int k) {
        int n = values.length;
        boolean[] unknown = new boolean[n];
        for (int i = 0; i < n; i++) {
            unknown[i] = displayed[i] ? SmallCells.primary(values[i], k) : values[i] > 0;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] g : groups) {
                int only = -1;
                int count = 0;
                for (int i : g) {
                    if (unknown[i] && values[i] > 0) {
                        count++;
                        only = i;
                    }
                }
                // One unknown cell is the total minus the shown ones: protect it if it is a hidden
                // displayed cell, or a folded-away remainder that is itself a small count.
                if (count == 1 && (displayed[only] || SmallCells.primary(values[only], k))) {
                    int best = -1;
                    for (int i : g) {
                        if (displayed[i] && !unknown[i] && values[i] > 0 && (best < 0 || values[i] < values[best])) {
                            best = i;
                        }
                    }
                    if (best >= 0) {
                        unknown[best] = true;
                        changed = true;
                    }
                }
            }
        }
        boolean[] hidden = new boolean[n];
        for (int i = 0; i < n; i++) {
            hidden[i] = displayed[i] && unknown[i];
        }
        return hidden;
    }

    /** A column whose total is shown: {@link SmallCells#suppressRow}, or nothing for an internal report. */
    static boolean[] column(long[] values, int k, boolean apply) {
        return apply ? SmallCells.suppressRow(values, k) : new boolean[values.length];
    }

    /** A figure shown alone (a total, a key indicator): masked only if it is itself small. */
    static boolean single(long value, int k, boolean apply) {
        return apply && SmallCells.primary(value, k);
    }
}
