package org.maraude.jobs.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Splits a budget between channels to maximise the sum of their expected outcomes, each a function
 * of the channel's total spend, within per-channel bounds.
 *
 * <p>Why not a plain greedy marginal allocation: with a Hill shape above 1 the response is S-shaped
 * (convex at low spend), so the first euros of an unfunded channel look worthless and a greedy
 * allocation from zero never starts it, even when it is the best channel. Instead: pairwise
 * exchange (move a step of money from one channel to another while it improves the total; steps
 * halve from a quarter of the budget down to one cent), started from several feasible points (the
 * current split, an equal split, and each channel alone) — the best local optimum is kept. With
 * concave curves this reaches the same optimum as a greedy allocation; with a few channels it is
 * fast (milliseconds). The result is then rounded to cents so that it sums exactly to the budget
 * ({@link #cents}).
 */
public final class Allocator {
    private Allocator() {}

    /**
     * @param f      outcome of each channel as a function of its total spend (€)
     * @param lo     lower bounds (€)
     * @param hi     upper bounds (€)
     * @param budget total to place (€); requires Σlo ≤ budget ≤ Σhi
     * @param hint   a preferred starting split (any scale; e.g. the current split), or null
     */
    public static double[] optimise(List<DoubleUnaryOperator> f, double[] lo, double[] hi, double budget, double[] hint) {
        int n = f.size();
        if (n == 0) {
            return new double[0];
        }
        List<double[]> starts = new ArrayList<>();
        if (hint != null) {
            starts.add(hint.clone());
        }
        double[] eq = new double[n];
        java.util.Arrays.fill(eq, 1);
        starts.add(eq);
        if (n > 1) {
            for (int i = 0; i < n; i++) {
                double[] c = new double[n];
                c[i] = 1;
                starts.add(c);
            }
        }
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double[] s : starts) {
            double[] a = exchange(f, lo, hi, budget, project(s, lo, hi, budget));
            double v = total(f, a);
            if (v > bestValue + 1e-12) {
                bestValue = v;
                best = a;
            }
        }
        return best;
    }

    static double total(List<DoubleUnaryOperator> f, double[] a) {
        double v = 0;
        for (int i = 0; i < a.length; i++) {
            v += f.get(i).applyAsDouble(a[i]);
        }
        return v;
    }

    /** A point with Σ = budget within the bounds, close to {@code x} scaled to the budget. */
    static double[] project(double[] x, double[] lo, double[] hi, double budget) {
        int n = x.length;
        double sum = 0;
        for (double v : x) {
            sum += Math.max(0, v);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double v = sum > 0 ? Math.max(0, x[i]) / sum * budget : budget / n;
            a[i] = Math.min(hi[i], Math.max(lo[i], v));
        }
        double diff = budget - sumOf(a);
        if (diff > 0) {
            double room = 0;
            for (int i = 0; i < n; i++) {
                room += hi[i] - a[i];
            }
            for (int i = 0; i < n && room > 0; i++) {
                a[i] += diff * (hi[i] - a[i]) / room;
            }
        } else if (diff < 0) {
            double excess = 0;
            for (int i = 0; i < n; i++) {
                excess += a[i] - lo[i];
            }
            for (int i = 0; i < n && excess > 0; i++) {
                a[i] += diff * (a[i] - lo[i]) / excess;
            }
        }
        for (int i = 0; i < n; i++) {
            a[i] = Math.min(hi[i], Math.max(lo[i], a[i]));
        }
        return a;
    }

    private static double[] exchange(List<DoubleUnaryOperator> f, double[] lo, double[] hi, double budget, double[] a) {
        int n = a.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.get(i).applyAsDouble(a[i]);
        }
        for (double step = budget / 4; step >= 0.01; step /= 2) {
            boolean improved = true;
            while (improved) {
                improved = false;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (i == j) {
                            continue;
                        }
                        double m = Math.min(step, Math.min(a[i] - lo[i], hi[j] - a[j]));
                        if (m <= 1e-9) {
                            continue;
                        }
                        double vi = f.get(i).applyAsDouble(a[i] - m);
                        double vj = f.get(j).applyAsDouble(a[j] + m);
                        if (vi + vj > v[i] + v[j] + 1e-12 * (1 + Math.abs(v[i] + v[j]))) {
                            a[i] -= m;
                            a[j] += m;
                            v[i] = vi;
                            v[j] = vj;
                            improved = true;
                        }
                    }
                }
            }
        }
        return a;
    }

    /**
     * Rounds a split to cents so that it sums exactly to {@code budgetCents} and stays within the
     * bounds: floor every amount, then hand the missing cents to the largest remainders (or take
     * surplus cents from the smallest).
     */
    public static long[] cents(double[] a, long[] lo, long[] hi, long budgetCents) {
        int n = a.length;
        long[] c = new long[n];
        double[] frac = new double[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i] * 100;
            c[i] = Math.min(hi[i], Math.max(lo[i], (long) Math.floor(x + 1e-6)));
            frac[i] = x - Math.floor(x + 1e-6);
            sum += c[i];
        }
        long rem = budgetCents - sum;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (rem > 0) {
            java.util.Arrays.sort(order, (x, y) -> Double.compare(frac[y], frac[x]));
            for (int k = 0; k < n && rem > 0; k++) { // one cent each, largest remainders first
                if (c[order[k]] < hi[order[k]]) {
                    c[order[k]]++;
                    rem--;
                }
            }
            for (int k = 0; k < n && rem > 0; k++) {
                long add = Math.min(rem, hi[order[k]] - c[order[k]]);
                c[order[k]] += add;
                rem -= add;
            }
        } else if (rem < 0) {
            java.util.Arrays.sort(order, (x, y) -> Double.compare(frac[x], frac[y]));
            for (int k = 0; k < n && rem < 0; k++) {
                if (c[order[k]] > lo[order[k]]) {
                    c[order[k]]--;
                    rem++;
                }
            }
            for (int k = 0; k < n && rem < 0; k++) {
                long take = Math.min(-rem, c[order[k]] - lo[order[k]]);
                c[order[k]] -= take;
                rem += take;
            }
        }
        if (rem != 0) {
            throw new IllegalArgumentException("cannot place " + rem + " cents within the bounds");
        }
        return c;
    }

    private static double sumOf(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
