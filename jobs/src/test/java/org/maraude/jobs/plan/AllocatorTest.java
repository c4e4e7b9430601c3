package org.maraude.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The optimiser and the rounding to cents, on curves whose optimum is known. */
class AllocatorTest {
    @Test
    void concaveCurvesReachTheAnalyticOptimum() {
        // f_i(x) = a_i ln(1 + x / b_i): at the optimum every funded channel has the same slope
        // a_i / (b_i + x_i) = λ, so x_i = a_i / λ - b_i; with a = (3, 2, 1), b = (100, 100, 100), budget 600:
        // Σ a_i / λ = 600 + 300 → λ = 6 / 900, x = (350, 200, 50).
        double[] a = {3, 2, 1};
        List<DoubleUnaryOperator> f = new ArrayList<>();
        for (double ai : a) {
            f.add(x -> ai * Math.log1p(x / 100));
        }
        double[] x = Allocator.optimise(f, new double[3], new double[] {600, 600, 600}, 600, null);
        assertArrayEquals(new double[] {350, 200, 50}, x, 0.05);
    }

    @Test
    void sShapedCurvesAreNotStalledAtZero() {
        // Hill curves with shape 3: the first euros of either channel bring almost nothing, so a greedy
        // allocation from zero cannot tell them apart; channel B saturates higher. With 200 € the best
        // is everything on B (B alone: 10 × 200³/(100³ + 200³) = 8.89; A alone: 4 × 0.8889 = 3.56).
        ResponseCurve ca = new ResponseCurve(0, 100, 3, 4);
        ResponseCurve cb = new ResponseCurve(0, 100, 3, 10);
        List<DoubleUnaryOperator> g = List.of(x -> ca.maxPerWeek() * ca.hill(x), x -> cb.maxPerWeek() * cb.hill(x));
        double[] x = Allocator.optimise(g, new double[2], new double[] {200, 200}, 200, new double[] {1, 1});
        assertArrayEquals(new double[] {0, 200}, x, 0.05);
        // with a floor of 50 € on A, B gets the rest
        double[] y = Allocator.optimise(g, new double[] {50, 0}, new double[] {200, 200}, 200, null);
        assertArrayEquals(new double[] {50, 150}, y, 0.05);
    }

    @Test
    void boundsHoldAndTheOptimumBeatsEveryStart() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + r.nextInt(5);
            List<DoubleUnaryOperator> f = new ArrayList<>();
            double[] lo = new double[n];
            double[] hi = new double[n];
            double budget = 1000 + r.nextInt(9000);
            for (int i = 0; i < n; i++) {
                ResponseCurve c = new ResponseCurve(0, 200 + r.nextInt(2000), 0.5 + 2.5 * r.nextDouble(), 1 + 9 * r.nextDouble());
                f.add(x -> c.maxPerWeek() * c.hill(x));
                lo[i] = r.nextInt(4) == 0 ? r.nextInt((int) (budget / (2 * n))) : 0;
                hi[i] = r.nextInt(4) == 0 ? lo[i] + budget / n + r.nextInt((int) budget) : budget;
            }
            double sumHi = 0;
            for (double h : hi) {
                sumHi += h;
            }
            if (sumHi < budget) {
                continue;
            }
            double[] x = Allocator.optimise(f, lo, hi, budget, null);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(x[i] >= lo[i] - 1e-6 && x[i] <= hi[i] + 1e-6, "bounds of channel " + i);
                sum += x[i];
            }
            assertEquals(budget, sum, 1e-6);
            double best = Allocator.total(f, x);
            double[] eq = Allocator.project(new double[n], lo, hi, budget);
            assertTrue(best >= Allocator.total(f, eq) - 1e-9, "no worse than the projected equal split");
        }
    }

    @Test
    void centsSumExactlyToTheBudgetWithinBounds() {
        // three equal thirds of 100 €: 33.33 + 33.33 + 33.34
        long[] c = Allocator.cents(new double[] {100 / 3.0, 100 / 3.0, 100 / 3.0}, new long[3],
                new long[] {10_000, 10_000, 10_000}, 10_000);
        assertEquals(10_000, c[0] + c[1] + c[2]);
        assertTrue(c[0] >= 3333 && c[0] <= 3334);
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(6);
            long budget = 1 + r.nextLong(5_000_000);
            double[] w = new double[n];
            double s = 0;
            for (int i = 0; i < n; i++) {
                w[i] = r.nextDouble();
                s += w[i];
            }
            long[] lo = new long[n];
            long[] hi = new long[n];
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = w[i] / s * budget / 100.0;
                lo[i] = 0;
                hi[i] = budget;
            }
            long[] k = Allocator.cents(a, lo, hi, budget);
            long sum = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(Math.abs(k[i] - a[i] * 100) <= n, "close to the unrounded split");
                sum += k[i];
            }
            assertEquals(budget, sum);
        }
    }
}
