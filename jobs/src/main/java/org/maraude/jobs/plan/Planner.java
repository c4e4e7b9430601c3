package org.maraude.jobs.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * Builds a plan for one project (pure Java: used by the nightly run and by {@code maraude plan}).
 *
 * <ul>
 *   <li>Future weeks are simulated forward from the current adstock: the spend history of each
 *       channel, then (if the plan starts later than the week after the data) the gap weeks at the
 *       current weekly pace, then the planned weekly spend (the channel's total spread evenly over
 *       the weeks), with the school-calendar index of each planned week.</li>
 *   <li>Channels whose curve was refused (or that have none) have thin evidence: they keep their
 *       current share of the budget (within the bounds), flagged {@code thin}; their outcome is not
 *       predicted and totals cover the other channels.</li>
 *   <li>The rest of the budget goes to the fitted channels by {@link Allocator}, rounded to cents:
 *       the split always sums to the budget exactly and every bound holds, or the request is
 *       refused with a message naming the bound that cannot hold.</li>
 *   <li>A channel's expected outcome is the mean over the bootstrap draws of its curve (the point
 *       fit when there are none): the optimiser maximises the outcome expected under the
 *       uncertainty of the curves, not the outcome of one fit, which matters where θ, K and the
 *       shape are weakly identified.</li>
 *   <li>The current split is the share of each channel in the spend of the last {@code weeks}
 *       complete weeks, scaled to the budget. Both splits are evaluated under the same draws: 80%
 *       intervals are the 10th and 90th percentiles over the draws (they cover the uncertainty of
 *       the curves, not the chance variation of the count itself).</li>
 *   <li>The marginal cost of a channel is the extra spend for one more unit of the objective at
 *       the recommended split (finite difference).</li>
 * </ul>
 */
public final class Planner {
    private Planner() {}

    /** A plan, with what the reader should know about it. */
    public record Plan(List<PlanTables.Line> lines, PlanTables.Total total, List<String> warnings, LocalDate dataEnd) {}

    /** Weekly spend above this multiple of the largest week seen is flagged as extrapolated. */
    static final double EXTRAPOLATION = 1.5;

    public static Plan plan(ProjectData d, PlanRequest r) {
        if (d.objective() != r.objective()) {
            throw new IllegalArgumentException("curves for " + d.objective().code() + " cannot plan " + r.objective().code());
        }
        int h = r.weeks();
        LocalDate next = d.nextWeek();
        LocalDate start = r.start() == null ? next : SchoolSeasons.monday(r.start());
        if (start.isBefore(next)) {
            throw new IllegalArgumentException("the data of " + d.projectId() + " end on " + d.dataEnd()
                    + ": a plan starts on or after " + next + " (start given: " + r.start() + ")");
        }
        int gap = (int) ChronoUnit.WEEKS.between(next, start);
        TreeSet<String> all = new TreeSet<>(d.spend().keySet());
        all.addAll(d.curves().keySet());
        List<String> channels = new ArrayList<>(all);
        for (String ch : concat(r.minEur().keySet(), r.maxEur().keySet())) {
            if (!all.contains(ch)) {
                throw new IllegalArgumentException("unknown channel '" + ch + "' for " + d.projectId() + " (paid channels: "
                        + String.join(", ", channels) + ")");
            }
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(d.projectId() + " has no paid channel to plan");
        }
        int n = channels.size();
        // recent spend: the last h complete weeks
        List<Integer> recentWeeks = new ArrayList<>();
        for (int w = d.n() - 1; w >= 0 && recentWeeks.size() < h; w--) {
            if (d.days()[w] == 7) {
                recentWeeks.add(w);
            }
        }
        double[] recent = new double[n];
        double recentTotal = 0;
        for (int i = 0; i < n; i++) {
            double[] s = d.spend().get(channels.get(i));
            for (int w : recentWeeks) {
                recent[i] += s == null ? 0 : s[w];
            }
            recentTotal += recent[i];
        }
        long budget = r.budgetEur() != null ? toCents(r.budgetEur()) : Math.round(recentTotal * 100);
        if (budget <= 0) {
            throw new IllegalArgumentException(d.projectId() + " spent nothing on paid channels in its last " + h
                    + " complete weeks: give a budget");
        }
        double[] share = new double[n];
        for (int i = 0; i < n; i++) {
            share[i] = recentTotal > 0 ? recent[i] / recentTotal : 0;
        }
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            BigDecimal mn = r.minEur().get(channels.get(i));
            BigDecimal mx = r.maxEur().get(channels.get(i));
            lo[i] = mn == null ? 0 : toCents(mn);
            hi[i] = mx == null ? budget : Math.min(budget, toCents(mx));
            if (mn != null && mx != null && lo[i] > toCents(mx)) {
                throw new IllegalArgumentException("the minimum of " + channels.get(i) + " (" + eur(lo[i])
                        + ") is above its maximum (" + eur(toCents(mx)) + ")");
            }
        }
        long sumLo = sum(lo);
        long sumHi = sum(hi);
        if (sumLo > budget) {
            throw new IllegalArgumentException("the minimums add up to " + eur(sumLo) + ", more than the budget "
                    + eur(budget) + ": lower a minimum or raise the budget");
        }
        if (sumHi < budget) {
            throw new IllegalArgumentException("the maximums add up to " + eur(sumHi) + ", less than the budget "
                    + eur(budget) + ": raise a maximum, remove one, or lower the budget");
        }
        boolean[] fitted = new boolean[n];
        for (int i = 0; i < n; i++) {
            PlanTables.Curve c = d.curves().get(channels.get(i));
            fitted[i] = c != null && c.fitted();
        }
        List<String> warnings = new ArrayList<>();
        long[] alloc = new long[n];
        // thin channels keep their current share, within their bounds
        List<Integer> thin = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (fitted[i] ? free : thin).add(i);
        }
        long thinTotal = 0;
        for (int i : thin) {
            alloc[i] = Math.min(hi[i], Math.max(lo[i], Math.round(share[i] * budget)));
            thinTotal += alloc[i];
        }
        long freeLo = free.stream().mapToLong(i -> lo[i]).sum();
        long freeHi = free.stream().mapToLong(i -> hi[i]).sum();
        long rest = budget - thinTotal;
        long target = rest < freeLo ? budget - freeLo : rest > freeHi ? budget - freeHi : thinTotal;
        if (target != thinTotal) {
            double[] t = new double[thin.size()];
            double[] tl = new double[thin.size()];
            double[] th = new double[thin.size()];
            long[] cl = new long[thin.size()];
            long[] ch = new long[thin.size()];
            for (int k = 0; k < thin.size(); k++) {
                int i = thin.get(k);
                t[k] = alloc[i] / 100.0;
                tl[k] = lo[i] / 100.0;
                th[k] = hi[i] / 100.0;
                cl[k] = lo[i];
                ch[k] = hi[i];
            }
            long[] c = Allocator.cents(Allocator.project(t, tl, th, target / 100.0), cl, ch, target);
            for (int k = 0; k < thin.size(); k++) {
                alloc[thin.get(k)] = c[k];
            }
            warnings.add("channels with thin evidence were moved from their current share to meet the bounds");
            thinTotal = target;
            rest = budget - thinTotal;
        }
        // forward models of the fitted channels
        double[] futureSeason = new double[h];
        for (int k = 0; k < h; k++) {
            futureSeason[k] = SchoolSeasons.index(start.plusWeeks(k), d.season());
        }
        double[][] past = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] s = d.spend().getOrDefault(channels.get(i), new double[d.n()]);
            double pace = recentWeeks.isEmpty() ? 0 : recent[i] / recentWeeks.size();
            past[i] = java.util.Arrays.copyOf(s, s.length + gap);
            java.util.Arrays.fill(past[i], s.length, s.length + gap, pace);
        }
        // each fitted channel's outcome as a function of its total spend: the mean over the bootstrap
        // draws (the expected outcome under the uncertainty of the curve), or the point fit without draws
        int nd = Integer.MAX_VALUE;
        for (int i : free) {
            nd = Math.min(nd, d.draws().getOrDefault(channels.get(i), List.of()).size());
        }
        nd = free.isEmpty() || nd == Integer.MAX_VALUE ? 0 : nd;
        ResponseCurve.Forward[][] drawFwd = new ResponseCurve.Forward[n][];
        DoubleUnaryOperator[] fwd = new DoubleUnaryOperator[n];
        for (int i : free) {
            List<ResponseCurve> dr = d.draws().getOrDefault(channels.get(i), List.of());
            drawFwd[i] = new ResponseCurve.Forward[nd];
            for (int k = 0; k < nd; k++) {
                drawFwd[i][k] = dr.get(k).forward(past[i], futureSeason);
            }
            ResponseCurve.Forward point = d.curves().get(channels.get(i)).curve().forward(past[i], futureSeason);
            ResponseCurve.Forward[] fs = drawFwd[i];
            fwd[i] = nd == 0 ? point::outcome : x -> {
                double v = 0;
                for (ResponseCurve.Forward f : fs) {
                    v += f.outcome(x);
                }
                return v / fs.length;
            };
        }
        if (!free.isEmpty()) {
            List<DoubleUnaryOperator> f = new ArrayList<>();
            double[] flo = new double[free.size()];
            double[] fhi = new double[free.size()];
            long[] clo = new long[free.size()];
            long[] chi = new long[free.size()];
            double[] hint = new double[free.size()];
            for (int k = 0; k < free.size(); k++) {
                int i = free.get(k);
                f.add(fwd[i]);
                flo[k] = lo[i] / 100.0;
                fhi[k] = hi[i] / 100.0;
                clo[k] = lo[i];
                chi[k] = hi[i];
                hint[k] = share[i];
            }
            double[] a = Allocator.optimise(f, flo, fhi, rest / 100.0, recentTotal > 0 ? hint : null);
            long[] c = Allocator.cents(a, clo, chi, rest);
            for (int k = 0; k < free.size(); k++) {
                alloc[free.get(k)] = c[k];
            }
        }
        // the current split, scaled to the budget
        long[] current = null;
        if (recentTotal > 0) {
            double[] cur = new double[n];
            long[] zero = new long[n];
            long[] top = new long[n];
            for (int i = 0; i < n; i++) {
                cur[i] = share[i] * budget / 100.0;
                top[i] = budget;
            }
            current = Allocator.cents(cur, zero, top, budget);
        } else {
            warnings.add("no spend in the last " + h + " complete weeks: no current split to compare with");
        }
        double[][] recDraw = new double[n][nd];
        double[][] curDraw = new double[n][nd];
        for (int i : free) {
            for (int k = 0; k < nd; k++) {
                recDraw[i][k] = drawFwd[i][k].outcome(alloc[i] / 100.0);
                curDraw[i][k] = current == null ? 0 : drawFwd[i][k].outcome(current[i] / 100.0);
            }
        }
        String scenario = r.scenario();
        List<PlanTables.Line> lines = new ArrayList<>();
        double expTotal = 0;
        double curTotal = 0;
        for (int i = 0; i < n; i++) {
            String ch = channels.get(i);
            double budgetEur = alloc[i] / 100.0;
            Double curBudget = current == null ? null : current[i] / 100.0;
            if (!fitted[i]) {
                PlanTables.Curve c = d.curves().get(ch);
                String why = c == null ? "no response curve" : c.reason();
                lines.add(new PlanTables.Line(d.projectId(), scenario, ch, budgetEur, null, null, null, curBudget,
                        null, null, null, null, PlanTables.Line.THIN, r.objective().code(), h, start,
                        "evidence too thin to move money (" + why + "): current share kept"));
                continue;
            }
            double e = fwd[i].applyAsDouble(budgetEur);
            Double ce = current == null ? null : fwd[i].applyAsDouble(curBudget);
            expTotal += e;
            curTotal += ce == null ? 0 : ce;
            double step = Math.max(1.0, budgetEur * 0.01);
            double slope = (fwd[i].applyAsDouble(budgetEur + step) - e) / step;
            Double marginal = slope > 1e-9 ? round2(1 / slope) : null;
            double[] spend = d.spend().get(ch);
            double maxWeek = 0;
            for (int w = 0; spend != null && w < spend.length; w++) {
                if (d.days()[w] > 0) {
                    maxWeek = Math.max(maxWeek, spend[w] * 7.0 / d.days()[w]);
                }
            }
            String note = null;
            if (budgetEur / h > EXTRAPOLATION * maxWeek) {
                note = String.format(Locale.ROOT, "%.2f € a week is well above the most spent in a week so far "
                        + "(%.2f €): the curve is extrapolated", budgetEur / h, maxWeek);
            }
            lines.add(new PlanTables.Line(d.projectId(), scenario, ch, budgetEur, round2(e), pct(recDraw[i], .1),
                    pct(recDraw[i], .9), curBudget, ce == null ? null : round2(ce),
                    current == null ? null : pct(curDraw[i], .1), current == null ? null : pct(curDraw[i], .9),
                    marginal, PlanTables.Line.OK, r.objective().code(), h, start, note));
        }
        lines.sort(Comparator.comparing((PlanTables.Line l) -> -l.budgetEur()).thenComparing(PlanTables.Line::channel));
        double[] recTot = new double[nd];
        double[] curTot = new double[nd];
        double[] diff = new double[nd];
        for (int k = 0; k < nd; k++) {
            for (int i : free) {
                recTot[k] += recDraw[i][k];
                curTot[k] += curDraw[i][k];
            }
            diff[k] = recTot[k] - curTot[k];
        }
        boolean any = !free.isEmpty();
        boolean cur = any && current != null;
        String constraints = concat(r.minEur().keySet(), r.maxEur().keySet()).isEmpty() ? null
                : r.minEur().entrySet().stream().map(e -> "min " + e.getKey() + "=" + e.getValue().toPlainString())
                        .collect(Collectors.joining("; "))
                        + (r.minEur().isEmpty() || r.maxEur().isEmpty() ? "" : "; ")
                        + r.maxEur().entrySet().stream().map(e -> "max " + e.getKey() + "=" + e.getValue().toPlainString())
                                .collect(Collectors.joining("; "));
        PlanTables.Total total = new PlanTables.Total(d.projectId(), scenario, r.objective().code(), h, start,
                budget / 100.0, any ? round2(expTotal) : null, any ? pct(recTot, .1) : null, any ? pct(recTot, .9) : null,
                cur ? round2(curTotal) : null, cur ? pct(curTot, .1) : null, cur ? pct(curTot, .9) : null,
                cur ? round2(expTotal - curTotal) : null, cur ? pct(diff, .1) : null, cur ? pct(diff, .9) : null,
                thinTotal / 100.0, nd, constraints);
        if (!any) {
            warnings.add("no channel of " + d.projectId() + " has enough evidence for a response curve: the plan keeps "
                    + "the current split");
        }
        return new Plan(List.copyOf(lines), total, List.copyOf(warnings), d.dataEnd());
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    static long toCents(BigDecimal eur) {
        return eur.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    static String eur(long cents) {
        return String.format(Locale.ROOT, "%d.%02d €", cents / 100, cents % 100);
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }

    static Double pct(double[] v, double q) {
        if (v.length == 0) {
            return null;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double pos = q * (s.length - 1);
        int i = (int) Math.floor(pos);
        double f = pos - i;
        double x = i + 1 < s.length ? s[i] * (1 - f) + s[i + 1] * f : s[i];
        return round2(x);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The {@link Map} of bounds read from {@code CH=EUR} strings (command-line form). */
    public static Map<String, BigDecimal> bounds(List<String> specs, String flag) {
        Map<String, BigDecimal> m = new java.util.TreeMap<>();
        for (String s : specs == null ? List.<String>of() : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException(flag + " expects CHANNEL=EUR, e.g. " + flag + " tiktok=500: '" + s + "'");
            }
            String ch = s.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            BigDecimal v;
            try {
                v = new BigDecimal(s.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " " + s + ": not an amount in euros (use a dot for decimals)");
            }
            if (m.put(ch, v) != null) {
                throw new IllegalArgumentException(flag + " given twice for " + ch);
            }
        }
        return m;
    }
}
