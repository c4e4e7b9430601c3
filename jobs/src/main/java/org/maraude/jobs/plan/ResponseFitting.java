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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * Fits the response curves of every paid channel (and creative theme) of every project from the
 * weekly series, on the driver (the series are small: about a hundred weeks each).
 *
 * <ol>
 *   <li>Refuses series with too little evidence: fewer than {@code minWeeksWithSpend} weeks with
 *       spend, a weekly spend that barely varies (coefficient of variation below {@code minSpendCv}),
 *       or fewer than {@code minContacts} paid-attributed contacts.</li>
 *   <li>Each curve is fitted to weekly paid-attributed <em>contacts</em> ({@link CurveFitter}),
 *       with a harvest term: the share of the project's other contacts that last-touch credits to
 *       the channel while its ads run (brand search and retargeting ads sit on the path of youth
 *       who were coming anyway). Only the part caused by spend is planned on.</li>
 *   <li>With {@code poolShapes}, θ and the Hill shape are shared by every project's series of the
 *       same channel (platform); K, the scale and the harvest rate are each series' own. One
 *       project's hundred weeks of a few contacts cannot separate θ, K and the shape.</li>
 *   <li>Seasonality: the school-calendar term indices ({@link SchoolSeasons}) are estimated on all
 *       fitted channels together (alternating with the curve fits, shrunk towards 1 by
 *       {@code seasonPrior} pseudo-contacts per term): the school calendar is the same for every
 *       project, one project's counts are too few for eight terms.</li>
 *   <li>The curve of another objective is the contact curve times the share of the channel's own
 *       contacts reaching it (its attributed outcomes minus the harvested contacts at the rate of the
 *       project's other youth; shrunk towards the project's share by {@code sharePrior}
 *       pseudo-contacts; for accompanied and handed off, on contacts at least 13 weeks old). The rare
 *       outcomes (a few a week) are too noisy to fit a saturation curve on their own, and whom a
 *       channel reaches does not depend on how much it spends.</li>
 *   <li>Quality on the last {@code holdoutWeeks} weeks, refitted without them: weighted MAPE
 *       (Σ|actual − predicted| / Σ actual, defined when some weeks have none) and R², of the
 *       attributed counts.</li>
 *   <li>Uncertainty: {@code draws} refits on moving-block bootstrap resamples of the weeks (blocks of
 *       {@code block} weeks), each paired with a Beta draw of the objective's share; seeded.</li>
 * </ol>
 */
public final class ResponseFitting {
    private ResponseFitting() {}

    /** Evidence thresholds, holdout, bootstrap, priors and model options. */
    public record Settings(int holdoutWeeks, int minWeeksWithSpend, double minSpendCv, int minContacts, int draws,
            int block, long seed, double sharePrior, double seasonPrior, int seasonRounds, boolean poolShapes,
            boolean harvest) {
        public static Settings defaults() {
            return new Settings(12, 26, 0.10, 20, 100, 4, 42L, 20, 5, 3, true, true);
        }

        public Settings withDraws(int d) {
            return new Settings(holdoutWeeks, minWeeksWithSpend, minSpendCv, minContacts, d, block, seed, sharePrior,
                    seasonPrior, seasonRounds, poolShapes, harvest);
        }

        public Settings withModel(boolean pool, boolean harv) {
            return new Settings(holdoutWeeks, minWeeksWithSpend, minSpendCv, minContacts, draws, block, seed, sharePrior,
                    seasonPrior, seasonRounds, pool, harv);
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
        final double[] active;
        final double[][] outcomes; // [objective ordinal][week]
        final double[][] project; // [objective ordinal][week]: all the project's youth
        final double[][] shares; // [week][term]
        final int from;
        String refusal;
        ResponseCurve point;
        double harvest;
        CurveFitter.Fit train;
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
            active = new double[n];
            outcomes = new double[Objective.values().length][n];
            project = new double[Objective.values().length][n];
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
                active[w] += r.activeDays();
                for (Objective o : Objective.values()) {
                    outcomes[o.ordinal()][w] += r.outcome(o);
                    project[o.ordinal()][w] = Math.max(project[o.ordinal()][w], r.project(o));
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

        /** The harvest covariate: the project's other contacts of the week, times the share of its days with ads. */
        double[] z() {
            double[] z = new double[n()];
            double[] all = project[Objective.CONTACTED.ordinal()];
            for (int w = 0; w < n(); w++) {
                z[w] = Math.max(0, all[w] - y()[w]) * Math.min(1, active[w] / Math.max(1, days[w]));
            }
            return z;
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

        static double total(double[] v, int a, int b) {
            double t = 0;
            for (int w = Math.max(0, a); w < b; w++) {
                t += v[w];
            }
            return t;
        }

        long seed(long base) {
            return base * 1_000_003L + (projectId + "|" + channel + "|" + theme).hashCode();
        }

        String group(Settings st) {
            return channel + (st.poolShapes() ? "" : "|" + projectId);
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
        Map<String, List<Series>> groups = new TreeMap<>();
        for (Series s : all) {
            if (s.theme == null && s.refusal == null) {
                groups.computeIfAbsent(s.group(st), k -> new ArrayList<>()).add(s);
            }
        }
        double[] season = estimateSeason(List.copyOf(groups.values()), st);
        Map<String, int[]> grid = new ConcurrentHashMap<>();
        groups.entrySet().parallelStream().forEach(e -> fitGroup(e.getKey(), e.getValue(), season, st, grid));
        all.parallelStream().filter(s -> s.theme != null && s.refusal == null)
                .forEach(s -> fitTheme(s, season, st, grid.get(s.group(st))));
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
        long contacts = Math.round(Series.total(s.y(), s.from, s.n()));
        if (contacts < st.minContacts()) {
            return String.format(Locale.ROOT, "only %d contacts attributed to its ads (at least %d needed)", contacts,
                    st.minContacts());
        }
        return null;
    }

    /** School-calendar term indices from all fitted channels, alternating with their curve fits. */
    static double[] estimateSeason(List<List<Series>> groups, Settings st) {
        double[] terms = SchoolSeasons.flat();
        int k = terms.length;
        for (int round = 0; round < st.seasonRounds() && !groups.isEmpty(); round++) {
            double[] current = terms.clone();
            Map<Series, CurveFitter.Fit> fits = new ConcurrentHashMap<>();
            groups.parallelStream().forEach(g -> fits.putAll(pooled(g, current, Series::n, null, st)));
            double[] acc = new double[2 * k];
            for (List<Series> g : groups) {
                for (Series s : g) {
                    CurveFitter.Fit f = fits.get(s);
                    if (f == null) {
                        continue;
                    }
                    double[] mu = CurveFitter.predict(f.curve(), s.spend, s.base(current));
                    double[] z = s.z();
                    for (int w = s.from; w < s.n(); w++) {
                        double idx = SchoolSeasons.index(s.shares[w], current);
                        double own = mu[w] + f.harvest() * z[w] > 0 ? mu[w] / (mu[w] + f.harvest() * z[w]) : 0;
                        for (int j = 0; j < k; j++) {
                            acc[j] += s.y()[w] * own * s.shares[w][j] * current[j] / idx; // own contacts of the term's days
                            acc[k + j] += mu[w] * s.shares[w][j] / idx; // expected at index 1 on those days
                        }
                    }
                }
            }
            double[] next = new double[k];
            for (int j = 0; j < k; j++) {
                next[j] = (acc[j] + st.seasonPrior()) / (acc[k + j] + st.seasonPrior());
            }
            terms = next;
        }
        return terms;
    }

    /**
     * Fits a group with a shared θ and shape (the grid point with the largest sum of the series'
     * profile likelihoods), each series over its weeks {@code from..end(s)} with its own K, scale
     * and harvest rate; with {@code seeds}, on moving-block bootstrap weights of the weeks (one seed
     * per series). Series without any outcome are left out.
     */
    private static Map<Series, CurveFitter.Fit> pooled(List<Series> g, double[] season, ToIntFunction<Series> end,
            long[] seeds, Settings st) {
        List<CurveFitter> fitters = new ArrayList<>();
        List<CurveFitter.Profile> profiles = new ArrayList<>();
        List<double[]> bases = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        List<Series> kept = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            Series s = g.get(i);
            int e = end.applyAsInt(s);
            if (e - s.from < 2) {
                continue;
            }
            CurveFitter f = new CurveFitter(s.spend, st.harvest() ? s.z() : null, s.from, e);
            double[] base = s.base(season);
            double[] wt = seeds == null ? null : f.blockWeights(new SplittableRandom(seeds[i]), st.block());
            CurveFitter.Profile p = f.profile(s.y(), base, wt);
            if (p == null) {
                continue;
            }
            fitters.add(f);
            profiles.add(p);
            bases.add(base);
            weights.add(wt);
            kept.add(s);
        }
        Map<Series, CurveFitter.Fit> out = new LinkedHashMap<>();
        if (kept.isEmpty()) {
            return out;
        }
        int[] b = CurveFitter.best(profiles);
        for (int i = 0; i < kept.size(); i++) {
            out.put(kept.get(i), fitters.get(i).curve(profiles.get(i), b[0], b[1], kept.get(i).y(), bases.get(i),
                    weights.get(i)));
        }
        return out;
    }

    private static void fitGroup(String key, List<Series> g, double[] season, Settings st, Map<String, int[]> grid) {
        Map<Series, CurveFitter.Fit> point = pooled(g, season, Series::n, null, st);
        for (Series s : g) {
            CurveFitter.Fit f = point.get(s);
            if (f == null || !(f.curve().maxPerWeek() > 0)) {
                s.refusal = "no contact attributed to its ads";
            } else {
                s.point = f.curve();
                s.harvest = f.harvest();
            }
        }
        point.values().stream().findFirst().ifPresent(f -> grid.put(key, gridIndex(f.curve())));
        List<Series> fitted = g.stream().filter(s -> s.point != null).toList();
        List<Series> withHoldout = fitted.stream()
                .filter(s -> s.n() - st.holdoutWeeks() - s.from >= st.minWeeksWithSpend()).toList();
        pooled(withHoldout, season, s -> s.n() - st.holdoutWeeks(), null, st).forEach((s, f) -> {
            s.train = f;
            s.holdout = st.holdoutWeeks();
        });
        if (st.draws() > 0 && !fitted.isEmpty()) {
            List<Map<Series, CurveFitter.Fit>> draws = IntStream.range(0, st.draws()).parallel().mapToObj(d -> {
                long[] seeds = fitted.stream().mapToLong(s -> s.seed(st.seed()) + 0x9E3779B97F4A7C15L * (d + 1)).toArray();
                return pooled(fitted, season, Series::n, seeds, st);
            }).toList();
            for (Series s : fitted) {
                List<ResponseCurve> l = new ArrayList<>(st.draws());
                for (Map<Series, CurveFitter.Fit> d : draws) {
                    CurveFitter.Fit f = d.get(s);
                    l.add(f == null ? s.point.withMax(0) : f.curve());
                }
                s.draws = l;
            }
        }
    }

    private static int[] gridIndex(ResponseCurve c) {
        int t = 0;
        int s = 0;
        for (int i = 0; i < CurveFitter.THETAS.length; i++) {
            if (Math.abs(CurveFitter.THETAS[i] - c.theta()) < 1e-9) {
                t = i;
            }
        }
        for (int i = 0; i < CurveFitter.SHAPES.length; i++) {
            if (Math.abs(CurveFitter.SHAPES[i] - c.shape()) < 1e-9) {
                s = i;
            }
        }
        return new int[] {t, s};
    }

    /** A creative theme's curve: its channel's θ and shape when fitted, its own K, scale and harvest. */
    private static void fitTheme(Series s, double[] season, Settings st, int[] grid) {
        double[] base = s.base(season);
        double[] z = st.harvest() ? s.z() : null;
        CurveFitter all = new CurveFitter(s.spend, z, s.from, s.n());
        CurveFitter.Profile p = all.profile(s.y(), base, null);
        if (p == null) {
            s.refusal = "no contact attributed to its ads";
            return;
        }
        int[] b = grid != null ? grid : p.best();
        CurveFitter.Fit f = all.curve(p, b[0], b[1], s.y(), base, null);
        if (!(f.curve().maxPerWeek() > 0)) {
            s.refusal = "no contact attributed to its ads";
            return;
        }
        s.point = f.curve();
        s.harvest = f.harvest();
        int trainEnd = s.n() - st.holdoutWeeks();
        if (trainEnd - s.from >= st.minWeeksWithSpend()) {
            CurveFitter tf = new CurveFitter(s.spend, z, s.from, trainEnd);
            CurveFitter.Profile tp = tf.profile(s.y(), base, null);
            if (tp != null) {
                s.train = tf.curve(tp, b[0], b[1], s.y(), base, null);
                s.holdout = st.holdoutWeeks();
            }
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
                acc[2 * o.ordinal()] += Series.total(s.outcomes[o.ordinal()], s.from, end);
                acc[2 * o.ordinal() + 1] += Series.total(s.y(), s.from, end);
            }
        }
        for (Series s : all) {
            double[] base = s.base(season);
            double[] own = s.point == null ? null : CurveFitter.predict(s.point, s.spend, base);
            double[] z = s.z();
            for (int w = 0; w < s.n(); w++) {
                boolean f = own != null && w >= s.from;
                weeks.add(new PlanTables.Week(s.projectId, s.channel, s.theme, s.firstWeek.plusWeeks(w), s.days[w],
                        round2(s.spend[w]), (int) s.active[w], Math.round(s.outcomes[0][w]), Math.round(s.outcomes[1][w]),
                        Math.round(s.outcomes[2][w]), Math.round(s.outcomes[3][w]), Math.round(s.project[0][w]),
                        Math.round(s.project[1][w]), Math.round(s.project[2][w]), Math.round(s.project[3][w]),
                        f ? round4(own[w] + s.harvest * z[w]) : null, f ? round4(own[w]) : null));
            }
            double[] prior = projectShare.getOrDefault(s.projectId, new double[2 * Objective.values().length]);
            for (Objective o : Objective.values()) {
                curves.add(curve(s, o, base, z, prior, season, st, draws));
            }
        }
        return new Result(curves, draws, weeks, season);
    }

    private static PlanTables.Curve curve(Series s, Objective o, double[] base, double[] z, double[] prior,
            double[] season, Settings st, List<PlanTables.Draw> draws) {
        double[] y = s.outcomes[o.ordinal()];
        long outcomes = Math.round(Series.total(y, s.from, s.n()));
        long contacts = Math.round(Series.total(s.y(), s.from, s.n()));
        double spendEur = round2(Series.total(s.spend, s.from, s.n()));
        boolean fitted = s.refusal == null && s.point != null;
        Double share = null;
        double alpha = 0;
        double beta = 0;
        double pOther = 0;
        Double harvestShare = null;
        if (fitted) {
            double[] own = CurveFitter.predict(s.point, s.spend, base);
            double sumOwn = Series.total(own, s.from, s.n());
            double harvested = 0;
            for (int w = s.from; w < s.n(); w++) {
                harvested += s.harvest * z[w];
            }
            harvestShare = sumOwn + harvested > 0 ? round4(harvested / (sumOwn + harvested)) : 0.0;
            int end = s.n() - o.maturityWeeks();
            double otherN = Series.total(s.project[0], s.from, end) - Series.total(s.y(), s.from, end);
            double otherK = Series.total(s.project[o.ordinal()], s.from, end) - Series.total(y, s.from, end);
            pOther = otherN > 0 ? Math.min(1, Math.max(0, otherK / otherN)) : 0;
            if (o == Objective.CONTACTED) {
                share = 1.0;
                pOther = 1.0;
            } else {
                // the channel's own contacts: attributed minus those harvested (at the others' rate)
                double k = Series.total(y, s.from, end);
                double n = Series.total(s.y(), s.from, end);
                double h = 0;
                for (int w = s.from; w < end; w++) {
                    h += s.harvest * z[w];
                }
                h = Math.min(h, 0.9 * n);
                double ownN = n - h;
                double ownK = Math.min(ownN, Math.max(0, k - pOther * h));
                double pk = prior[2 * o.ordinal()];
                double pn = prior[2 * o.ordinal() + 1];
                double p0 = pn > 0 ? pk / pn : 0;
                alpha = ownK + st.sharePrior() * p0;
                beta = Math.max(0, ownN - ownK) + st.sharePrior() * (1 - p0);
                share = alpha + beta > 0 ? alpha / (alpha + beta) : 0.0;
            }
        }
        Double mape = null;
        Double r2 = null;
        Double actual = null;
        Double predicted = null;
        if (fitted && s.train != null) {
            double[] p = CurveFitter.predict(s.train.curve(), s.spend, base);
            int h = s.n() - s.holdout;
            double mean = Series.total(y, h, s.n()) / s.holdout;
            double sa = 0;
            double sp = 0;
            double abs = 0;
            double ssr = 0;
            double sst = 0;
            for (int w = h; w < s.n(); w++) {
                double pr = p[w] * share + s.train.harvest() * z[w] * pOther;
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
                fitted ? round4(s.harvest) : null, harvestShare, roundAll(season), mape, r2, actual, predicted,
                fitted && s.train != null ? s.holdout : 0, s.n() - s.from, s.weeksWithSpend(), round4(s.spendCv()),
                spendEur, contacts, outcomes, s.firstWeek.plusWeeks(s.from), s.dataEnd, nDraws);
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
