package org.maraude.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maraude.dashboards.SmallCells;

class SuppressionTest {

    @Test
    void aLoneHiddenCreativeHidesItsNeighbourAgainstThePlatformTotal() {
        // tt-1 20 and tt-2 3 make the TikTok total 23 shown in the channel table: tt-1 must go too
        long[] v = {20, 3, 0};
        boolean[] shown = {true, true, false};
        assertArrayEquals(new boolean[] {true, true, false},
                Suppression.groups(v, shown, List.of(new int[] {0, 1, 2}), 11));
    }

    @Test
    void aFoldedAwayRemainderThatIsSmallIsProtectedTooButALargeOneIsNot() {
        // listed 30 shown; the unlisted rest (4) would be total - 30: hide the listed one
        assertArrayEquals(new boolean[] {true, false},
                Suppression.groups(new long[] {30, 4}, new boolean[] {true, false}, List.of(new int[] {0, 1}), 11));
        // the rest is 15: knowing it discloses nothing small
        assertArrayEquals(new boolean[] {false, false},
                Suppression.groups(new long[] {30, 15}, new boolean[] {true, false}, List.of(new int[] {0, 1}), 11));
    }

    @Test
    void overlappingGroupsPropagate() {
        // cells 0..3; groups {0,1} and {1,2,3}: hiding 0 (small) hides 1, which then needs a partner in {1,2,3}
        long[] v = {5, 12, 30, 14};
        boolean[] shown = {true, true, true, true};
        boolean[] h = Suppression.groups(v, shown, List.of(new int[] {0, 1}, new int[] {1, 2, 3}), 11);
        assertArrayEquals(new boolean[] {true, true, false, true}, h);
    }

    @Test
    void noGroupEverLeavesExactlyOneHiddenDisplayedCell() {
        Random rnd = new Random(42);
        for (int run = 0; run < 2000; run++) {
            int n = 2 + rnd.nextInt(8);
            long[] v = new long[n];
            boolean[] shown = new boolean[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40);
                shown[i] = rnd.nextInt(5) != 0;
            }
            List<int[]> groups = new ArrayList<>();
            for (int g = 0; g < 3; g++) {
                groups.add(java.util.stream.IntStream.range(0, n).filter(i -> rnd.nextBoolean()).toArray());
            }
            boolean[] h = Suppression.groups(v, shown, groups, 11);
            for (int i = 0; i < n; i++) {
                if (shown[i] && SmallCells.primary(v[i], 11)) {
                    assertTrue(h[i], "small displayed cell shown");
                }
                if (!shown[i]) {
                    assertFalse(h[i]);
                }
            }
            for (int[] g : groups) {
                int unknown = 0;
                int only = -1;
                boolean canHideMore = false;
                for (int i : g) {
                    boolean u = shown[i] ? h[i] : v[i] > 0;
                    if (u && v[i] > 0) {
                        unknown++;
                        only = i;
                    }
                }
                for (int i : g) {
                    canHideMore |= shown[i] && !h[i] && v[i] > 0;
                }
                if (unknown == 1 && (shown[only] || SmallCells.primary(v[only], 11))) {
                    assertFalse(canHideMore, "a group with one recomputable cell left a partner shown");
                }
            }
        }
    }

    @Test
    void internalReportsHideNothing() {
        assertArrayEquals(new boolean[3], Suppression.column(new long[] {1, 2, 30}, 11, false));
        assertArrayEquals(new boolean[] {true, true, false}, Suppression.column(new long[] {1, 2, 30}, 11, true));
        assertArrayEquals(new boolean[] {true, true, false}, Suppression.column(new long[] {3, 12, 30}, 11, true));
    }
}
