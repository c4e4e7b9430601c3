package org.maraude.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Interval and sampling functions against published reference values. */
class ScoringStatsTest {
    @Test
    void wilsonIntervalsMatchReferenceValues() {
        // R: binom::binom.wilson(8, 10) → 0.4901625 0.9433178; (0, 10) → 0 0.2775328; (50, 100) → 0.4038315 0.5961685
        assertArrayEquals(new double[] {0.4901625, 0.9433178}, Stats.wilson(8, 10, Stats.Z95), 1e-7);
        assertArrayEquals(new double[] {0.0, 0.2775328}, Stats.wilson(0, 10, Stats.Z95), 1e-7);
        assertArrayEquals(new double[] {0.4038315, 0.5961685}, Stats.wilson(50, 100, Stats.Z95), 1e-7);
    }

    @Test
    void exactPoissonIntervalsMatchReferenceValues() {
        // R: poisson.test(k)$conf.int → k=0: 0 3.688879; k=5: 1.623486 11.668332; k=10: 4.795389 18.390356
        assertArrayEquals(new double[] {0.0, 3.688879}, Stats.poisson(0, 0.95), 1e-6);
        assertArrayEquals(new double[] {1.623486, 11.668332}, Stats.poisson(5, 0.95), 1e-6);
        assertArrayEquals(new double[] {4.795389, 18.390356}, Stats.poisson(10, 0.95), 1e-6);
    }

    @Test
    void gammaFunctionsAndNormalTail() {
        assertEquals(Math.log(24), Stats.logGamma(5), 1e-12);
        assertEquals(1 - Math.exp(-2), Stats.gammaP(1, 2), 1e-12);
        assertEquals(0.05, Stats.twoSidedP(1.959963984540054), 1e-7);
        assertEquals(0.3173105, Stats.twoSidedP(1), 1e-7);
    }

    @Test
    void betaDrawsHaveTheRightMeanAndProbabilityBestIsSeeded() {
        SplittableRandom r = new SplittableRandom(1);
        double s = 0;
        for (int i = 0; i < 20_000; i++) {
            s += Stats.beta(r, 3, 7);
        }
        assertEquals(0.3, s / 20_000, 0.005);
        double[] a = Stats.probabilityBest(new long[] {30, 20, 2}, new long[] {100, 100, 4}, 4000, 9);
        double[] b = Stats.probabilityBest(new long[] {30, 20, 2}, new long[] {100, 100, 4}, 4000, 9);
        assertArrayEquals(a, b, 0.0);
        assertEquals(1.0, a[0] + a[1] + a[2], 1e-12);
        // 2 of 4 (posterior Beta(3,3)) is wide: it often beats 30 of 100, while 20 of 100 rarely does
        assertTrue(a[0] > a[1] && a[2] > a[1], java.util.Arrays.toString(a));
    }

    @Test
    void spearmanWithTies() {
        assertEquals(1.0, Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}), 1e-12);
        assertEquals(-1.0, Stats.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        // ranks (1.5, 1.5, 3) and (1, 2, 3): r = 0.8660254
        assertEquals(0.8660254, Stats.spearman(new double[] {5, 5, 7}, new double[] {1, 2, 3}), 1e-7);
    }
}
