package org.maraude.jobs.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Fits the response curves of every paid channel (and creative theme) of every project from the
 * weekly series, on the driver (the series are small: about a hundred weeks each).
 *
 * <ol>
 *   <li>Refuses series with too little evidence: fewer than {@code minWeeksWithSpend} weeks with
 *       spend, a weekly spend that barely varies (coefficient of variation below {@code minSpendCv}),
 *       or fewer than {@code minContacts} paid-attributed contacts.</li>
 *   <li>Seasonality: the school-calendar term indices ({@link SchoolSeasons}) are estimated on all
 *       fitted channels together (alternating with the curve fits, shrunk towards 1 by
 *       {@code seasonPrior} pseudo-contacts per term): one project's weekly counts are too few to
 *       estimate eight terms, and the school calendar is the same for every project.</li>
 *   <li>Each curve is fitted to weekly <em>contacts</em> ({@link CurveFitter}); the curve of another
 *       objective is the contact curve times the channel's share of contacts reaching it (shrunk
 *       towards the project's share by {@code sharePrior} pseudo-contacts; for accompanied and
 *       handed off, on contacts at least 13 weeks old). The rare outcomes (a few a week) are too
 *       noisy to fit a saturation curve on their own, and who a channel reaches does not depend on
 *       how much it spends.</li>
 *   <li>Quality on the last {@code holdoutWeeks} weeks, refitted without them: weighted MAPE
 *       (Σ|actual − predicted| / Σ actual, defined when some weeks have none) and R².</li>
 *   <li>Uncertainty: {@code draws} refits on moving-block bootstrap resamples of the weeks (blocks of
 *       {@code block} weeks), each paired with a Beta draw of the objective's share; seeded.</li>
 * </ol>
 */
public final class ResponseFitting {
    private ResponseFitting() {}

    /** Evidence thresholds, holdout, bootstrap and priors. */
    public record Settings(int holdoutWeeks, int minWeeksWithSpend, double minSpendCv, int minContacts, int draws,
            int block, long seed, double sharePrior, double seasonPrior, int seasonRounds) {
        public static Settings defaults() {
            return new Settings(12, 26, 0.10, 20, 100, 4, 42L, 20, 5, 3);
        }

        public Settings withDraws(int d) {
            return new Settings(holdoutWeeks, minWeeksWithSpend, minSpendCv, minContacts, d, block, seed, sharePrior,
                    seasonPrior, seasonRounds);
        }
    }

    /** What the fitting produced: curves of every objective, their draws, the weeks with the fitted contacts. */
    public record Result(List<PlanTables.Curve> curves, List<PlanTables.Draw> draws, List<PlanTables.Week> weeks,
            double[] season) {}

    /** A project's data period (Paris calendar days, both included). */
    public record Period(LocalDate first, LocalDate last) {}

    /** One weekly series, weeks aligned on the project's period; {@code from} is its first week with spend. */
    static final class Series {
        final String projectId;
        final String channel;
        final String theme;
        final LocalDate firstWeek;
        final LocalDate dataEnd;
        final int[] days;
        final double[] spend;
        final double[][] outcomes; // [objective ordinal][week]
        final double[][] shares; // [week][term]
        final int from;
        String refusal;
        ResponseCurve point;
        ResponseCurve train;
        List<ResponseCurve> draws = List.of();
        int holdout;

        Series(String projectId, String channel, String theme, Period p, List<PlanTables.Week> rows) {
            this.projectId = projectId;
            this.channel = channel;
            this.theme = theme;
            this.firstWeek = SchoolSeasons.monday(p.first());
            this.dataEnd = p.last();
            int n = (int) ChronoUnit.WEEKS.between(firstWeek, SchoolSeasons.monday(p.last())) + 1;
            days = new int[n];
            spend = new double[n];
            outcomes = new double[Objective.values().length][n];
            shares = new double[n][];
            for (int w = 0; w < n; w++) {
                LocalDate mon = firstWeek.plusWeeks(w);
                shares[w] = SchoolSeasons.shares(mon);
                int c = 0;
                for (int k = 0; k < 7; k++) {
                    LocalDate day = mon.plusDays(k);
                    if (!day.isBefore(p.first()) && !day.isAfter(p.last())) {
                        c++;
                    }
                }
                days[w] = c;
            }
            for (PlanTables.Week r : rows) {
                int w = (int) ChronoUnit.WEEKS.between(firstWeek, r.weekStart());
                if (w < 0 || w >= n) {
                    continue; // outside the period: cannot happen with periods from the same data
                }
                spend[w] += r.spendEur();
                for (Objective o : Objective.values()) {
                    outcomes[o.ordinal()][w] += r.outcome(o);
                }
            }
            int f = 0;
            while (f < n && spend[f] <= 0) {
                f++;
            }
            from = f;
        }

        int n() {
            return spend.length;
        }

        boolean hasSpend() {
            return from < n();
        }

        double[] y() {
            return outcomes[Objective.CONTACTED.ordinal()];
        }

        double[] base(double[] season) {
            double[] b = new double[n()];
            for (int w = 0; w < n(); w++) {
                b[w] = days[w] / 7.0 * SchoolSeasons.index(shares[w], season);
            }
            return b;
        }

        int weeksWithSpend() {
            int c = 0;
            for (int w = from; w < n(); w++) {
                if (spend[w] > 0) {
                    c++;
                }
            }
            return c;
        }

        double spendCv() {
            double sum = 0;
            double sq = 0;
            int c = 0;
            for (int w = from; w < n(); w++) {
                if (spend[w] > 0) {
                    // per day in the period: partial first and last weeks are not low-spend weeks
                    double x = spend[w] * 7.0 / Math.max(1, days[w]);
                    sum += x;
                    sq += x * x;
                    c++;
                }
            }
            if (c < 2) {
                return 0;
            }
            double mean = sum / c;
            double var = Math.max(0, (sq - c * mean * mean) / (c - 1));
            return mean > 0 ? Math.sqrt(var) / mean : 0;
        }

        double total(double[] v, int a, int b) {
            double t = 0;
            for (int w = Math.max(0, a); w < b; w++) {
                t += v[w];
            }
            return t;
        }

        long seed(long base) {
            return base * 1_000_003L + (projectId + "|" + channel + "|" + theme).hashCode();
        }
    }

    public static Result fit(List<PlanTables.Week> rows, Map<String, Period> periods, Settings st) {
        Map<List<String>, List<PlanTables.Week>> byKey = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2) == null ? "" : "~" + k.get(2)));
        for (PlanTables.Week r : rows) {
            byKey.computeIfAbsent(java.util.Arrays.asList(r.projectId(), r.channel(), r.theme()), k -> new ArrayList<>())
                    .add(r);
        }
        List<Series> all = new ArrayList<>();
        byKey.forEach((k, v) -> {
            Period p = periods.get(k.get(0));
            if (p != null) {
                Series s = new Series(k.get(0), k.get(1), k.get(2), p, v);
                if (s.hasSpend()) {
                    all.add(s);
                }
            }
        });
        for (Series s : all) {
            s.refusal = refusal(s, st);
        }
        double[] season = estimateSeason(all.stream().filter(s -> s.theme == null && s.refusal == null).toList(), st);
        all.parallelStream().filter(s -> s.refusal == null).forEach(s -> finalFit(s, season, st));
        return assemble(all, season, st);
    }

    static String refusal(Series s, Settings st) {
        int weeks = s.weeksWithSpend();
        if (weeks < st.minWeeksWithSpend()) {
            return String.format(Locale.ROOT, "only %d weeks with spend (at least %d needed)", weeks,
                    st.minWeeksWithSpend());
        }
        double cv = s.spendCv();
        if (cv < st.minSpendCv()) {
            return String.format(Locale.ROOT, "weekly spend barely varies (coefficient of variation %.2f, below %.2f):"
                    + " the data cannot show how contacts respond to spend", cv, st.minSpendCv());
        }
        long contacts = Math.round(s.total(s.y(), s.from, s.n()));
        if (contacts < st.minContacts()) {
            return String.format(Locale.ROOT, "only %d contacts attributed to its ads (at least %d needed)", contacts,
                    st.minContacts());
        }
        return null;
    }

    /** School-calendar term indices from all fitted channels, alternating with their curve fits. */
    static double[] estimateSeason(List<Series> series, Settings st) {
        double[] terms = SchoolSeasons.flat();
        int k = terms.length;
        for (int round = 0; round < st.seasonRounds() && !series.isEmpty(); round++) {
            double[] current = terms.clone();
            double[][] oe = series.parallelStream().map(s -> {
                double[] base = s.base(current);
                ResponseCurve c = new CurveFitter(s.spend, s.from, s.n()).fit(s.y(), base, null);
                double[] acc = new double[2 * k];
                if (c == null) {
                    return acc;
                }
                double[] mu = CurveFitter.predict(c, s.spend, base);
                for (int w = s.from; w < s.n(); w++) {
                    double idx = SchoolSeasons.index(s.shares[w], current);
                    for (int j = 0; j < k; j++) {
                        double part = s.shares[w][j] * current[j] / idx;
                        acc[j] += s.y()[w] * part; // contacts of the term's days
                        acc[k + j] += mu[w] * s.shares[w][j] / idx; // expected at index 1 on those days
                    }
                }
                return acc;
            }).toArray(double[][]::new);
            double[] next = new double[k];
            for (int j = 0; j < k; j++) {
                double o = 0;
                double e = 0;
                for (double[] a : oe) {
                    o += a[j];
                    e += a[k + j];
                }
                next[j] = (o + st.seasonPrior()) / (e + st.seasonPrior());
            }
            terms = next;
        }
        return terms;
    }

    private static void finalFit(Series s, double[] season, Settings st) {
        double[] base = s.base(season);
        CurveFitter all = new CurveFitter(s.spend, s.from, s.n());
        s.point = all.fit(s.y(), base, null);
        if (s.point == null) {
            s.refusal = "no contact attributed to its ads";
            return;
        }
        int trainEnd = s.n() - st.holdoutWeeks();
        if (trainEnd - s.from >= st.minWeeksWithSpend()) {
            s.train = new CurveFitter(s.spend, s.from, trainEnd).fit(s.y(), base, null);
            s.holdout = st.holdoutWeeks();
        }
        if (s.theme == null && st.draws() > 0) {
            s.draws = all.bootstrap(s.y(), base, st.draws(), st.block(), s.seed(st.seed()));
        }
    }

    private static Result assemble(List<Series> all, double[] season, Settings st) {
        List<PlanTables.Curve> curves = new ArrayList<>();
        List<PlanTables.Draw> draws = new ArrayList<>();
        List<PlanTables.Week> weeks = new ArrayList<>();
        // each project's share of paid contacts reaching each objective: the prior of its channels
        Map<String, double[]> projectShare = new LinkedHashMap<>();
        for (Series s : all) {
            if (s.theme != null) {
                continue;
            }
            double[] acc = projectShare.computeIfAbsent(s.projectId, p -> new double[2 * Objective.values().length]);
            for (Objective o : Objective.values()) {
                int end = s.n() - o.maturityWeeks();
                acc[2 * o.ordinal()] += s.total(s.outcomes[o.ordinal()], s.from, end);
                acc[2 * o.ordinal() + 1] += s.total(s.y(), s.from, end);
            }
        }
        for (Series s : all) {
            double[] base = s.base(season);
            double[] fitted = s.point == null ? null : CurveFitter.predict(s.point, s.spend, base);
            for (int w = 0; w < s.n(); w++) {
                weeks.add(new PlanTables.Week(s.projectId, s.channel, s.theme, s.firstWeek.plusWeeks(w), s.days[w],
                        round2(s.spend[w]), Math.round(s.outcomes[0][w]), Math.round(s.outcomes[1][w]),
                        Math.round(s.outcomes[2][w]), Math.round(s.outcomes[3][w]),
                        fitted == null || w < s.from ? null : round4(fitted[w])));
            }
            double[] prior = projectShare.getOrDefault(s.projectId, new double[2 * Objective.values().length]);
            for (Objective o : Objective.values()) {
                curves.add(curve(s, o, base, prior, season, st, draws));
            }
        }
        return new Result(curves, draws, weeks, season);
    }

    private static PlanTables.Curve curve(Series s, Objective o, double[] base, double[] prior, double[] season,
            Settings st, List<PlanTables.Draw> draws) {
        double[] y = s.outcomes[o.ordinal()];
        long outcomes = Math.round(s.total(y, s.from, s.n()));
        long contacts = Math.round(s.total(s.y(), s.from, s.n()));
        double spendEur = round2(s.total(s.spend, s.from, s.n()));
        boolean fitted = s.refusal == null && s.point != null;
        Double share = null;
        double alpha = 0;
        double beta = 0;
        if (fitted) {
            if (o == Objective.CONTACTED) {
                share = 1.0;
            } else {
                int end = s.n() - o.maturityWeeks();
                double k = s.total(y, s.from, end);
                double n = s.total(s.y(), s.from, end);
                double pk = prior[2 * o.ordinal()];
                double pn = prior[2 * o.ordinal() + 1];
                double p0 = pn > 0 ? pk / pn : 0;
                alpha = k + st.sharePrior() * p0;
                beta = Math.max(0, n - k) + st.sharePrior() * (1 - p0);
                share = alpha + beta > 0 ? alpha / (alpha + beta) : 0.0;
            }
        }
        Double mape = null;
        Double r2 = null;
        Double actual = null;
        Double predicted = null;
        if (fitted && s.train != null) {
            double[] p = CurveFitter.predict(s.train, s.spend, base);
            double sa = 0;
            double sp = 0;
            double abs = 0;
            double mean = 0;
            int h = s.n() - s.holdout;
            for (int w = h; w < s.n(); w++) {
                mean += y[w];
            }
            mean /= s.holdout;
            double ssr = 0;
            double sst = 0;
            for (int w = h; w < s.n(); w++) {
                double pr = p[w] * share;
                sa += y[w];
                sp += pr;
                abs += Math.abs(y[w] - pr);
                ssr += (y[w] - pr) * (y[w] - pr);
                sst += (y[w] - mean) * (y[w] - mean);
            }
            actual = sa;
            predicted = round4(sp);
            mape = sa > 0 ? round4(abs / sa) : null;
            r2 = sst > 0 ? round4(1 - ssr / sst) : null;
        }
        int nDraws = 0;
        if (fitted && !s.draws.isEmpty()) {
            SplittableRandom rnd = new SplittableRandom(s.seed(st.seed()) ^ (0x9E3779B97F4A7C15L * (o.ordinal() + 1)));
            for (int d = 0; d < s.draws.size(); d++) {
                ResponseCurve c = s.draws.get(d);
                double sh = o == Objective.CONTACTED ? 1.0 : betaDraw(rnd, alpha, beta);
                draws.add(new PlanTables.Draw(s.projectId, s.channel, s.theme, o.code(), d, c.theta(),
                        round4(c.halfSaturationEur()), c.shape(), c.maxPerWeek() * sh));
            }
            nDraws = s.draws.size();
        }
        ResponseCurve c = fitted ? s.point : null;
        return new PlanTables.Curve(s.projectId, s.channel, s.theme, o.code(),
                fitted ? PlanTables.Curve.FITTED : PlanTables.Curve.REFUSED, fitted ? null : s.refusal,
                c == null ? null : c.theta(), c == null ? null : round4(c.halfSaturationEur()),
                c == null ? null : c.shape(), c == null ? null : c.maxPerWeek() * share, share == null ? null : round4(share),
                roundAll(season), mape, r2, actual, predicted, fitted && s.train != null ? s.holdout : 0, s.n() - s.from,
                s.weeksWithSpend(), round4(s.spendCv()), spendEur, contacts, outcomes, s.firstWeek.plusWeeks(s.from),
                s.dataEnd, nDraws);
    }

    static double betaDraw(SplittableRandom r, double a, double b) {
        if (a <= 0) {
            return 0;
        }
        if (b <= 0) {
            return 1;
        }
        double x = gamma(r, a);
        double y = gamma(r, b);
        return x + y > 0 ? x / (x + y) : a / (a + b);
    }

    /** Marsaglia–Tsang gamma variate (shape a, scale 1). */
    static double gamma(SplittableRandom r, double a) {
        if (a < 1) {
            return gamma(r, a + 1) * Math.pow(r.nextDouble(), 1 / a);
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = r.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static double[] roundAll(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = round4(v[i]);
        }
        return r;
    }
}
