package org.maraude.jobs.scoring;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The few distributions the scores need, written out so that results do not depend on a library
 * version: Wilson intervals, exact (Garwood) Poisson intervals through the gamma quantile, normal
 * tail probabilities, gamma and beta draws from a seeded generator, Spearman's rank correlation.
 */
public final class Stats {
    private Stats() {}

    /** Two-sided 95% normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /** Wilson score interval {lo, hi} of k successes in n trials (n ≥ k ≥ 0, n > 0). */
    public static double[] wilson(long k, long n, double z) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0");
        }
        double p = (double) k / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Exact (Garwood) interval {lo, hi} for the mean of a Poisson count k at the given confidence. */
    public static double[] poisson(long k, double confidence) {
        double a = (1 - confidence) / 2;
        double lo = k == 0 ? 0 : gammaQuantile(a, k);
        double hi = gammaQuantile(1 - a, k + 1);
        return new double[] {lo, hi};
    }

    /** ln Γ(x), Lanczos approximation (g = 7, 9 terms), relative error below 1e-14. */
    public static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double s = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            s += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }

    /** Regularised lower incomplete gamma P(a, x): series below a + 1, continued fraction above. */
    public static double gammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        double lg = logGamma(a);
        if (x < a + 1) {
            double sum = 1.0 / a;
            double term = sum;
            for (int n = 1; n < 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return sum * Math.exp(-x + a * Math.log(x) - lg);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
    }

    /** Quantile of the Gamma(shape, 1) distribution, by bisection on {@link #gammaP} (to 1e-12 relative). */
    public static double gammaQuantile(double p, double shape) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = 0;
        double hi = Math.max(1, shape);
        while (gammaP(shape, hi) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (gammaP(shape, mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Two-sided p-value of a standard normal statistic. */
    public static double twoSidedP(double zStat) {
        return erfc(Math.abs(zStat) / Math.sqrt(2));
    }

    /** A Gamma(shape, 1) draw (Marsaglia and Tsang; shape below 1 by the power boost). */
    public static double gamma(SplittableRandom r, double shape) {
        if (shape < 1) {
            return gamma(r, shape + 1) * Math.pow(r.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** A Beta(a, b) draw. */
    public static double beta(SplittableRandom r, double a, double b) {
        double x = gamma(r, a);
        double y = gamma(r, b);
        return x / (x + y);
    }

    /**
     * Probability that each arm has the largest rate, from Beta(1 + k, 1 + n − k) posteriors
     * (uniform prior), by {@code draws} joint draws; ties share the win.
     */
    public static double[] probabilityBest(long[] k, long[] n, int draws, long seed) {
        double[] one = new double[k.length];
        Arrays.fill(one, 1.0);
        return probabilityBest(k, n, one, one.clone(), draws, seed);
    }

    /** The same with a Beta(a_i, b_i) prior per arm: posteriors Beta(a + k, b + n − k). */
    public static double[] probabilityBest(long[] k, long[] n, double[] a, double[] b, int draws, long seed) {
        int m = k.length;
        double[] wins = new double[m];
        if (m == 0) {
            return wins;
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[m];
        for (int d = 0; d < draws; d++) {
            double best = -1;
            int ties = 0;
            for (int i = 0; i < m; i++) {
                x[i] = beta(r, a[i] + k[i], b[i] + n[i] - k[i]);
                if (x[i] > best) {
                    best = x[i];
                    ties = 1;
                } else if (x[i] == best) {
                    ties++;
                }
            }
            for (int i = 0; i < m; i++) {
                if (x[i] == best) {
                    wins[i] += 1.0 / ties;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            wins[i] /= draws;
        }
        return wins;
    }

    /** Spearman's rank correlation (average ranks for ties). */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (i, j) -> Double.compare(v[i], v[j]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[idx[t]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
