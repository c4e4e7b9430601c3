package org.maraude.jobs.attribution;

import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;

/**
 * Shapley values of a cooperative game over {@code n} players given by its characteristic
 * function on bit masks ({@code v(0)} is the empty coalition). Exact up to {@code exactMax}
 * players (2^n coalitions); beyond, the mean marginal contribution over random permutations drawn
 * from a fixed seed, so a run is reproducible.
 */
final class Shapley {
    private Shapley() {}

    static double[] values(int n, LongToDoubleFunction v, int exactMax, int permutations, long seed) {
        return n <= exactMax ? exact(n, v) : sampled(n, v, permutations, seed);
    }

    /** φ_i = Σ_{S ⊆ N∖{i}} |S|! (n−|S|−1)! / n! · (v(S ∪ {i}) − v(S)). */
    static double[] exact(int n, LongToDoubleFunction v) {
        if (n > 25) {
            throw new IllegalArgumentException("exact Shapley values are limited to 25 players");
        }
        int size = 1 << n;
        double[] value = new double[size];
        for (int s = 0; s < size; s++) {
            value[s] = v.applyAsDouble(s);
        }
        double[] weight = new double[n];
        for (int s = 0; s < n; s++) {
            // s! (n-s-1)! / n!, computed as a product to stay finite
            double w = 1.0 / n;
            for (int k = 1; k <= s; k++) {
                w *= (double) k / (n - k);
            }
            weight[s] = w;
        }
        double[] phi = new double[n];
        for (int s = 0; s < size; s++) {
            int card = Integer.bitCount(s);
            for (int i = 0; i < n; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += weight[card] * (value[s | (1 << i)] - value[s]);
                }
            }
        }
        return phi;
    }

    /** Mean marginal contributions over {@code permutations} random orders (seeded). */
    static double[] sampled(int n, LongToDoubleFunction v, int permutations, long seed) {
        if (n > 63) {
            throw new IllegalArgumentException("at most 63 players");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] phi = new double[n];
        int[] order = new int[n];
        double empty = v.applyAsDouble(0L);
        for (int p = 0; p < permutations; p++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long mask = 0;
            double prev = empty;
            for (int i : order) {
                mask |= 1L << i;
                double cur = v.applyAsDouble(mask);
                phi[i] += cur - prev;
                prev = cur;
            }
        }
        for (int i = 0; i < n; i++) {
            phi[i] /= permutations;
        }
        return phi;
    }
}
