package org.maraude.sample;

import java.util.SplittableRandom;

/** Seeded random helpers. Every stream is a {@link SplittableRandom} derived from the seed and a path of ids. */
final class Rnd {
    private Rnd() {}

    static long mix(long seed, long... parts) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h ^= p + 0x632BE59BD9B4E019L;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
        }
        return h;
    }

    static SplittableRandom rng(long seed, long... parts) {
        return new SplittableRandom(mix(seed, parts));
    }

    static long id(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
        return h;
    }

    static int poisson(SplittableRandom r, double lambda) {
        if (!(lambda > 0)) return 0;
        if (lambda < 30) {
            double l = Math.exp(-lambda), p = 1.0;
            int k = 0;
            do { k++; p *= r.nextDouble(); } while (p > l);
            return k - 1;
        }
        double v = lambda + Math.sqrt(lambda) * r.nextGaussian();
        return (int) Math.max(0, Math.round(v));
    }

    static int binomial(SplittableRandom r, int n, double p) {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (n < 40) {
            int k = 0;
            for (int i = 0; i < n; i++) if (r.nextDouble() < p) k++;
            return k;
        }
        double mean = n * p;
        if (mean < 15) return Math.min(n, poisson(r, mean));
        double v = mean + Math.sqrt(mean * (1 - p)) * r.nextGaussian();
        return (int) Math.max(0, Math.min(n, Math.round(v)));
    }

    static double lognormal(SplittableRandom r, double median, double sigma) {
        return median * Math.exp(sigma * r.nextGaussian());
    }

    /** Index drawn from non-negative weights (need not sum to 1). */
    static int pick(SplittableRandom r, double[] w) {
        double t = 0;
        for (double x : w) t += x;
        double u = r.nextDouble() * t;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) return i;
        }
        for (int i = w.length - 1; i >= 0; i--) if (w[i] > 0) return i;
        return 0;
    }

    /** Geometric number of failures before success with success probability p, capped. */
    static int geometric(SplittableRandom r, double p, int cap) {
        int k = 0;
        while (k < cap && r.nextDouble() >= p) k++;
        return k;
    }

    static double sigmoid(double x) { return 1.0 / (1.0 + Math.exp(-x)); }
}
