package org.maraude.jobs.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits one {@link ResponseCurve} to a weekly series on the driver, in plain Java: a grid over the
 * adstock decay θ and the Hill shape s; for each pair the Poisson likelihood is profiled over the
 * half-saturation K (log grid, then golden-section refinement) with the scale {@code max} in
 * closed form (its maximum-likelihood value given θ, s, K). A weak normal prior on
 * {@code ln(K / mean adstock of the weeks with spend)} (sd 1) keeps K inside the range of spend
 * the data has seen when the data cannot tell. Weights per week give the bootstrap refits without
 * recomputing the adstock.
 */
final class CurveFitter {
    static final double[] THETAS = {0, .1, .2, .3, .4, .5, .6, .7, .8};
    static final double[] SHAPES = {.5, .75, 1, 1.25, 1.5, 2, 2.5, 3};
    private static final double KR_LO = Math.log(0.1);
    private static final double KR_HI = Math.log(10);
    private static final int K_GRID = 17;
    private static final int GOLDEN_STEPS = 14;
    private static final double PRIOR_SD = 1.0;
    private static final double H_FLOOR = 1e-9;

    private final double[] spend;
    private final int from;
    private final int to;
    private final double[] meanA;
    /** (A_w / meanA)^s per θ, s and week (from..to-1). */
    private final double[][][] scaled;

    /** Prepares the fits of weeks {@code from..to-1} of the spend series (earlier weeks only feed the adstock). */
    CurveFitter(double[] spend, int from, int to) {
        this.spend = spend.clone();
        this.from = from;
        this.to = to;
        meanA = new double[THETAS.length];
        scaled = new double[THETAS.length][SHAPES.length][];
        for (int t = 0; t < THETAS.length; t++) {
            double[] a = ResponseCurve.adstock(spend, THETAS[t]);
            double sum = 0;
            int n = 0;
            for (int w = from; w < to; w++) {
                if (spend[w] > 0) {
                    sum += a[w];
                    n++;
                }
            }
            meanA[t] = n == 0 ? 1 : sum / n;
            for (int s = 0; s < SHAPES.length; s++) {
                double[] v = new double[to - from];
                for (int w = from; w < to; w++) {
                    v[w - from] = a[w] <= 0 ? 0 : Math.pow(a[w] / meanA[t], SHAPES[s]);
                }
                scaled[t][s] = v;
            }
        }
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    /** The best curve for outcomes {@code y} with week weights {@code wt} (null = all 1), or null if no outcome. */
    ResponseCurve fit(double[] y, double[] base, double[] wt) {
        double sy = 0;
        for (int w = from; w < to; w++) {
            sy += weight(wt, w) * y[w];
        }
        if (sy <= 0) {
            return null;
        }
        double best = Double.NEGATIVE_INFINITY;
        ResponseCurve bestCurve = null;
        for (int t = 0; t < THETAS.length; t++) {
            for (int s = 0; s < SHAPES.length; s++) {
                double[] v = scaled[t][s];
                // log grid over K/meanA, then golden section around the best grid point
                double step = (KR_HI - KR_LO) / (K_GRID - 1);
                double bx = KR_LO;
                double bv = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < K_GRID; i++) {
                    double x = KR_LO + i * step;
                    double val = profile(v, SHAPES[s], x, y, base, wt, sy);
                    if (val > bv) {
                        bv = val;
                        bx = x;
                    }
                }
                double lo = bx - step;
                double hi = bx + step;
                double g = (Math.sqrt(5) - 1) / 2;
                double x1 = hi - g * (hi - lo);
                double x2 = lo + g * (hi - lo);
                double f1 = profile(v, SHAPES[s], x1, y, base, wt, sy);
                double f2 = profile(v, SHAPES[s], x2, y, base, wt, sy);
                for (int i = 0; i < GOLDEN_STEPS; i++) {
                    if (f1 > f2) {
                        hi = x2;
                        x2 = x1;
                        f2 = f1;
                        x1 = hi - g * (hi - lo);
                        f1 = profile(v, SHAPES[s], x1, y, base, wt, sy);
                    } else {
                        lo = x1;
                        x1 = x2;
                        f1 = f2;
                        x2 = lo + g * (hi - lo);
                        f2 = profile(v, SHAPES[s], x2, y, base, wt, sy);
                    }
                }
                double x = f1 > f2 ? x1 : x2;
                double val = Math.max(f1, f2);
                if (bv > val) {
                    x = bx;
                    val = bv;
                }
                if (val > best) {
                    best = val;
                    double kr = Math.exp(x);
                    double ks = Math.pow(kr, SHAPES[s]);
                    double d = 0;
                    for (int w = from; w < to; w++) {
                        double h = v[w - from] / (v[w - from] + ks);
                        d += weight(wt, w) * base[w] * h;
                    }
                    bestCurve = new ResponseCurve(THETAS[t], kr * meanA[t], SHAPES[s], d > 0 ? sy / d : 0);
                }
            }
        }
        return bestCurve;
    }

    /** Poisson log-likelihood (up to a constant) maximised over the scale, minus the prior on ln K/meanA. */
    private double profile(double[] v, double shape, double lnKr, double[] y, double[] base, double[] wt, double sy) {
        double ks = Math.exp(shape * lnKr);
        double ll = 0;
        double d = 0;
        for (int w = from; w < to; w++) {
            double wgt = weight(wt, w);
            if (wgt == 0) {
                continue;
            }
            double h = v[w - from] / (v[w - from] + ks);
            d += wgt * base[w] * h;
            if (y[w] > 0) {
                ll += wgt * y[w] * Math.log(Math.max(h, H_FLOOR));
            }
        }
        if (d <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        ll += sy * Math.log(sy / d) - sy;
        return ll - 0.5 * (lnKr / PRIOR_SD) * (lnKr / PRIOR_SD);
    }

    private static double weight(double[] wt, int w) {
        return wt == null ? 1 : wt[w];
    }

    /** Expected outcome of each week of the series under a curve. */
    static double[] predict(ResponseCurve c, double[] spend, double[] base) {
        double[] a = ResponseCurve.adstock(spend, c.theta());
        double[] p = new double[spend.length];
        for (int w = 0; w < spend.length; w++) {
            p[w] = c.maxPerWeek() * base[w] * c.hill(a[w]);
        }
        return p;
    }

    /**
     * Refits on moving-block bootstrap resamples of the weeks (blocks of {@code block} weeks keep the
     * carry-over and the seasons together), seeded.
     */
    List<ResponseCurve> bootstrap(double[] y, double[] base, int draws, int block, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = to - from;
        int b = Math.max(1, Math.min(block, m));
        List<ResponseCurve> out = new ArrayList<>(draws);
        double[] wt = new double[spend.length];
        for (int d = 0; d < draws; d++) {
            java.util.Arrays.fill(wt, 0);
            for (int covered = 0; covered < m; covered += b) {
                int start = from + rnd.nextInt(m - b + 1);
                for (int k = 0; k < b; k++) {
                    wt[start + k] += 1;
                }
            }
            ResponseCurve c = fit(y, base, wt);
            out.add(c == null ? new ResponseCurve(0, 1, 1, 0) : c);
        }
        return out;
    }
}
