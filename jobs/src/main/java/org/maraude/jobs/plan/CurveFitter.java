package org.maraude.jobs.plan;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits one series' {@link ResponseCurve} on the driver, in plain Java. The weekly attributed
 * outcome is Poisson with mean {@code max × base_w × Hill(adstock_w) + harvest × z_w}: the first
 * term is what the channel's spend causes; the second, when a harvest covariate {@code z} is given,
 * is the part of the project's other contacts credited to the channel because its ads were there
 * when those youth, already on their way, clicked (brand search, retargeting: last-touch credit
 * the spend did not cause). Method: a grid over the adstock decay θ and the Hill shape s; for
 * each pair the likelihood is profiled over the half-saturation K (log grid, then golden-section
 * refinement), with {@code max} and {@code harvest} at their maximum-likelihood values given θ, s,
 * K (closed form without harvest, a one-dimensional Newton search with it, converged). A weak normal prior on
 * {@code ln(K / mean adstock of the weeks with spend)} (sd 1) keeps K inside the range of spend the
 * data has seen when the data cannot tell. Week weights give the bootstrap refits.
 */
final class CurveFitter {
    static final double[] THETAS = {0, .1, .2, .3, .4, .5, .6, .7, .8};
    static final double[] SHAPES = {.5, .75, 1, 1.25, 1.5, 2, 2.5, 3};
    private static final double KR_LO = Math.log(0.1);
    private static final double KR_HI = Math.log(10);
    private static final int K_GRID = 17;
    private static final int GOLDEN_STEPS = 14;
    private static final double PRIOR_SD = 1.0;
    private static final double FLOOR = 1e-9;
    private static final int SHARE_STEPS = 100;
    private static final double SHARE_TOL = 1e-12;

    private final double[] spend;
    private final double[] z;
    private final int from;
    private final int to;
    private final double[] meanA;
    /** (A_w / meanA)^s per θ, s and week (from..to-1). */
    private final double[][][] scaled;

    /**
     * Prepares the fits of weeks {@code from..to-1} of the spend series (earlier weeks only feed the
     * adstock); {@code z} is the harvest covariate per week, or null for no harvest term.
     */
    CurveFitter(double[] spend, double[] z, int from, int to) {
        this.spend = spend.clone();
        this.z = z == null ? null : z.clone();
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

    /** A fitted curve and its harvest rate (0 without a harvest term). */
    record Fit(ResponseCurve curve, double harvest) {}

    /** Profile values and the K reaching them (as ln K/meanA), per θ and shape of the grid. */
    record Profile(double[][] value, double[][] lnKr, double sy) {
        int[] best() {
            int[] b = {0, 0};
            for (int t = 0; t < THETAS.length; t++) {
                for (int s = 0; s < SHAPES.length; s++) {
                    if (value[t][s] > value[b[0]][b[1]]) {
                        b[0] = t;
                        b[1] = s;
                    }
                }
            }
            return b;
        }
    }

    /** The profile of the penalised likelihood over the (θ, shape) grid; null if there is no outcome. */
    Profile profile(double[] y, double[] base, double[] wt) {
        double sy = 0;
        for (int w = from; w < to; w++) {
            sy += weight(wt, w) * y[w];
        }
        if (sy <= 0) {
            return null;
        }
        Weeks k = weeks(y, wt);
        double[][] value = new double[THETAS.length][SHAPES.length];
        double[][] lnKr = new double[THETAS.length][SHAPES.length];
        double[] g = new double[to - from];
        double step = (KR_HI - KR_LO) / (K_GRID - 1);
        double gr = (Math.sqrt(5) - 1) / 2;
        for (int t = 0; t < THETAS.length; t++) {
            for (int s = 0; s < SHAPES.length; s++) {
                double[] v = scaled[t][s];
                double[] ml = {-1, 0}; // warm start of (max, harvest) from one K to the next
                double bx = KR_LO;
                double bv = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < K_GRID; i++) {
                    double x = KR_LO + i * step;
                    double val = value(v, SHAPES[s], x, base, k, sy, g, ml);
                    if (val > bv) {
                        bv = val;
                        bx = x;
                    }
                }
                double lo = bx - step;
                double hi = bx + step;
                double x1 = hi - gr * (hi - lo);
                double x2 = lo + gr * (hi - lo);
                double f1 = value(v, SHAPES[s], x1, base, k, sy, g, ml);
                double f2 = value(v, SHAPES[s], x2, base, k, sy, g, ml);
                for (int i = 0; i < GOLDEN_STEPS; i++) {
                    if (f1 > f2) {
                        hi = x2;
                        x2 = x1;
                        f2 = f1;
                        x1 = hi - gr * (hi - lo);
                        f1 = value(v, SHAPES[s], x1, base, k, sy, g, ml);
                    } else {
                        lo = x1;
                        x1 = x2;
                        f1 = f2;
                        x2 = lo + gr * (hi - lo);
                        f2 = value(v, SHAPES[s], x2, base, k, sy, g, ml);
                    }
                }
                double x = f1 > f2 ? x1 : x2;
                double val = Math.max(f1, f2);
                if (bv > val) {
                    x = bx;
                    val = bv;
                }
                value[t][s] = val;
                lnKr[t][s] = x;
            }
        }
        return new Profile(value, lnKr, sy);
    }

    /** The grid point with the largest sum of profile values over several series (shared θ and shape). */
    static int[] best(List<Profile> profiles) {
        int[] b = {0, 0};
        double bv = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < THETAS.length; t++) {
            for (int s = 0; s < SHAPES.length; s++) {
                double v = 0;
                for (Profile p : profiles) {
                    v += p.value()[t][s];
                }
                if (v > bv) {
                    bv = v;
                    b[0] = t;
                    b[1] = s;
                }
            }
        }
        return b;
    }

    /** The fit at grid point (t, s) with the profile's K, and the scale and harvest that maximise the likelihood. */
    Fit curve(Profile p, int t, int s, double[] y, double[] base, double[] wt) {
        double[] ml = {-1, 0};
        double[] g = new double[to - from];
        value(scaled[t][s], SHAPES[s], p.lnKr()[t][s], base, weeks(y, wt), p.sy(), g, ml);
        return new Fit(new ResponseCurve(THETAS[t], Math.exp(p.lnKr()[t][s]) * meanA[t], SHAPES[s], ml[0]), ml[1]);
    }

    /**
     * One series' weeks as the likelihood reads them under one set of week weights: the weighted
     * outcome {@code wy} and, as indexes from {@code from}, the weeks with a positive weighted outcome
     * ({@code pos}) and with a non-zero weight ({@code nz}). A week outside {@code nz} adds exactly
     * zero to every sum, so skipping it leaves each sum's terms, and their order, as they were.
     * Over {@code pos}: the weighted outcome {@code wyPos} and the harvest covariate's share
     * {@code zh = z/Σz}; {@code gh} and {@code dd} are the harvest share search's scratch (a Weeks
     * is read by one thread).
     */
    private record Weeks(double[] wt, double[] wy, int[] pos, int[] nz, double sz, double[] wyPos, double[] zh,
            double[] gh, double[] dd) {}

    private Weeks weeks(double[] y, double[] wt) {
        int m = to - from;
        double[] wy = new double[m];
        int[] pos = new int[m];
        int[] nz = new int[m];
        int np = 0;
        int nn = 0;
        double sz = 0;
        for (int w = from; w < to; w++) {
            double wg = weight(wt, w);
            wy[w - from] = wg * y[w];
            if (wy[w - from] > 0) {
                pos[np++] = w - from;
            }
            if (wg != 0) {
                nz[nn++] = w - from;
            }
            if (z != null) {
                sz += wg * z[w];
            }
        }
        double[] wyPos = new double[np];
        double[] zh = new double[np];
        for (int j = 0; j < np; j++) {
            wyPos[j] = wy[pos[j]];
            zh[j] = z != null && sz > 0 ? z[from + pos[j]] / sz : 0;
        }
        return new Weeks(wt, wy, java.util.Arrays.copyOf(pos, np), java.util.Arrays.copyOf(nz, nn), sz, wyPos, zh,
                new double[np], new double[np]);
    }

    /**
     * Penalised Poisson log-likelihood (up to a constant) at ln(K/meanA) = {@code lnKr}, maximised
     * over the scale (and the harvest rate); {@code ml} holds and returns (max, harvest).
     */
    private double value(double[] v, double shape, double lnKr, double[] base, Weeks k, double sy, double[] g,
            double[] ml) {
        double ks = Math.exp(shape * lnKr);
        double[] wt = k.wt();
        double[] wy = k.wy();
        double sg = 0;
        for (int i : k.nz()) {
            double h = v[i] / (v[i] + ks);
            g[i] = base[from + i] * h;
            sg += weight(wt, from + i) * g[i];
        }
        if (sg <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double ll = 0;
        if (z == null) {
            double m = sy / sg;
            for (int i : k.pos()) {
                ll += wy[i] * Math.log(Math.max(m * g[i], FLOOR));
            }
            ll -= sy;
            ml[0] = m;
            ml[1] = 0;
        } else {
            double sz = k.sz();
            double p = sz > 0 ? harvestShare(g, k, sg, ml[0] > 0 ? ml[1] * sz / sy : 0.2) : 0;
            double m = (1 - p) * sy / sg;
            double lam = sz > 0 ? p * sy / sz : 0;
            double sum = 0;
            for (int i : k.nz()) {
                sum += weight(wt, from + i) * (m * g[i] + lam * z[from + i]);
            }
            for (int i : k.pos()) {
                ll += wy[i] * Math.log(Math.max(m * g[i] + lam * z[from + i], FLOOR));
            }
            ll -= sum;
            ml[0] = m;
            ml[1] = lam;
        }
        return ll - 0.5 * (lnKr / PRIOR_SD) * (lnKr / PRIOR_SD);
    }

    /**
     * The harvested share {@code p} of the fitted total that maximises the likelihood. For any mix
     * of the two terms the best overall scale makes the fitted total equal the observed one
     * ({@code max·Σg + harvest·Σz = Σy}), so the two-parameter maximum lies on that line:
     * {@code max = (1−p)·Σy/Σg}, {@code harvest = p·Σy/Σz}, and the log-likelihood is the concave
     * {@code f(p) = Σ wy·log(ĝ + p·(ẑ − ĝ))} with {@code ĝ = g/Σg}, {@code ẑ = z/Σz}, maximised over
     * [0, 1] by Newton steps kept inside a bracket of the root of f′ (bisection when a step leaves
     * it), from {@code start}. Converged to {@value #SHARE_TOL}, so the result does not depend on the
     * start (about five steps from the previous K's share).
     */
    private static double harvestShare(double[] g, Weeks k, double sg, double start) {
        int[] pos = k.pos();
        double[] gh = k.gh();
        double[] dd = k.dd();
        double[] zh = k.zh();
        double inv = 1 / sg;
        for (int j = 0; j < pos.length; j++) {
            gh[j] = g[pos[j]] * inv;
            dd[j] = zh[j] - gh[j];
        }
        double lo = 0;
        double hi = 1;
        double p = Math.min(0.999, Math.max(0.001, start));
        for (int it = 0; it < SHARE_STEPS; it++) {
            double d1 = 0;
            double d2 = 0;
            double[] wy = k.wyPos();
            for (int j = 0; j < pos.length; j++) {
                double q = gh[j] + p * dd[j];
                if (q > 0) { // inside (0, 1), q is a mix of two non-negative shares, zero only if both are
                    double r = dd[j] / q;
                    d1 += wy[j] * r;
                    d2 += wy[j] * r * r;
                }
            }
            if (d1 > 0) {
                lo = p;
            } else {
                hi = p;
            }
            if (d1 == 0 || hi - lo < SHARE_TOL) {
                break;
            }
            double next = d2 > 0 ? p + d1 / d2 : Double.NaN;
            if (!(next > lo && next < hi)) {
                // the step leaves the bracket: a maximum on the boundary when the bracket reaches it, else bisect
                if (lo == 0 && d1 < 0 && slopeAt(0, k) <= 0) {
                    return 0;
                }
                if (hi == 1 && d1 > 0 && slopeAt(1, k) >= 0) {
                    return 1;
                }
                next = (lo + hi) / 2;
            }
            if (Math.abs(next - p) < SHARE_TOL) {
                return next;
            }
            p = next;
        }
        return p;
    }

    /** f′(p) of {@link #harvestShare} at a boundary: ±∞ when a week's expected count is zero there. */
    private static double slopeAt(double p, Weeks k) {
        double d1 = 0;
        for (int j = 0; j < k.pos().length; j++) {
            double d = k.dd()[j];
            double q = k.gh()[j] + p * d;
            if (q > 0) {
                d1 += k.wyPos()[j] * d / q;
            } else if (d != 0) {
                return d > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            }
        }
        return d1;
    }

    private static double weight(double[] wt, int w) {
        return wt == null ? 1 : wt[w];
    }

    /** Expected outcome each week caused by the spend under a curve (no harvest). */
    static double[] predict(ResponseCurve c, double[] spend, double[] base) {
        double[] a = ResponseCurve.adstock(spend, c.theta());
        double[] p = new double[spend.length];
        for (int w = 0; w < spend.length; w++) {
            p[w] = c.maxPerWeek() * base[w] * c.hill(a[w]);
        }
        return p;
    }

    /** Moving-block bootstrap weights of the weeks (blocks keep the carry-over and the seasons together). */
    double[] blockWeights(SplittableRandom rnd, int block) {
        int m = to - from;
        int b = Math.max(1, Math.min(block, m));
        double[] wt = new double[spend.length];
        for (int covered = 0; covered < m; covered += b) {
            int start = from + rnd.nextInt(m - b + 1);
            for (int k = 0; k < b; k++) {
                wt[start + k] += 1;
            }
        }
        return wt;
    }
}
