package org.maraude.sample;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the ground-truth files (names and columns are stable: other modules' tests read them). */
final class TruthWriter {
    static final String PROJECTS = "projects.csv";
    static final String CREATIVES = "creatives.csv";
    static final String CHANNELS = "channels.csv";
    static final String CURVES = "response_curves.csv";
    static final String WEEKLY = "weekly_paid.csv";
    static final String COEFFICIENTS = "logistic_coefficients.csv";
    static final String YOUTH = "youth_truth.csv";
    static final String QUIRKS = "quirks.csv";
    static final String SUMMARY = "summary.json";
    static final String README = "README.md";
    static final List<String> ALL = List.of(PROJECTS, CREATIVES, CHANNELS, CURVES, WEEKLY, COEFFICIENTS, YOUTH, QUIRKS,
            SUMMARY, README);

    static final String[] YOUTH_HEADER = {"project_id", "youth_key", "first_contact_ts", "contact_channel", "true_channel",
            "true_creative_id", "true_component", "decisive_touch_logged", "stitched", "referral_code", "declared_source",
            "previously_unknown", "p_previously_unknown", "accompanied", "handed_off", "handoff_confirmed",
            "cross_project", "registry_edge"};
    static final String[] QUIRK_HEADER = {"file", "line", "kind", "column", "detail"};

    private TruthWriter() {}

    static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    static String f2(double v) { return String.format(Locale.ROOT, "%.2f", v); }

    static CsvSink sink(Path truth, String name) {
        return new CsvSink(truth, name, name, false, 6, false);
    }

    static void write(SampleOptions opt, List<ProjectPlan> plans, List<ProjectRun> runs, Shared sh, List<Path> out) {
        Path t = opt.truth();
        double b0 = sh.unknownIntercept;

        CsvSink p = sink(t, PROJECTS).header("project_id", "title", "target_contacts", "expected_contacts",
                "realised_contacts", "cross_project_contacts", "expected_unknown_share", "realised_unknown_share",
                "accompanied_rate", "realised_accompanied_share", "handoff_rate_if_accompanied", "handoff_rate_if_not",
                "realised_handed_off_share", "office_hours", "reply_median_minutes", "after_hours_median_minutes", "mediators");
        for (int i = 0; i < plans.size(); i++) {
            ProjectPlan pl = plans.get(i);
            ProjectRun r = runs.get(i);
            double e = pl.expectedTotal(), eu = 0;
            for (Source s : pl.sources) eu += s.expected * s.pUnknown;
            World.ProjectSpec sp = pl.spec;
            p.row(sp.id, sp.title, f2(sp.target * pl.volume), f2(e), Long.toString(r.contacted), Long.toString(r.crossIn),
                    f(eu / e), f(ratio(r.unknown, r.contacted)), f(sp.accRate), f(ratio(r.accompanied, r.contacted)),
                    f(sp.hoAccRate), f(sp.hoNotRate), f(ratio(r.handedOff, r.contacted)),
                    (sp.saturday ? "Mon-Sat " : "Mon-Fri ") + sp.officeStart + ":00-" + sp.officeEnd + ":00",
                    f2(opt.mechanics().replyMedianMinutes() * sp.replyFactor),
                    f2(opt.mechanics().afterHoursMedianMinutes() * sp.replyFactor), Integer.toString(r.mediators.length));
        }
        done(p, out);

        CsvSink c = sink(t, CREATIVES).header("project_id", "creative_id", "platform", "channel", "component", "format",
                "theme", "creator", "dept", "launched_on", "quality", "spend_eur", "impressions", "clicks", "views",
                "visits", "expected_contacts", "realised_contacts", "contacts_per_1000_impressions", "contacts_per_click",
                "contacts_per_1000_views", "contacts_per_visit", "p_previously_unknown", "p_accompanied", "p_handed_off");
        for (ProjectPlan pl : plans) {
            for (Source s : pl.sources) {
                boolean paid = s.kind == World.Kind.PAID;
                boolean post = s.kind == World.Kind.POSTS || s.kind == World.Kind.INFLUENCER;
                c.row(pl.spec.id, s.creativeId, s.platform, s.channel, s.kind.name().toLowerCase(Locale.ROOT), s.format,
                        s.theme, s.creator, s.dept, s.creativeId == null ? null : Paris.date(pl.startDay + s.launch),
                        f(s.quality), paid ? DeliveryFiles.money(s.spendCents) : null,
                        paid ? Long.toString(s.impressions) : null, paid ? Long.toString(s.clicks) : null,
                        post || s.kind == World.Kind.LIVE ? Long.toString(s.views) : null,
                        s.visits != null ? Long.toString(s.visitsRealised) : null, f(s.expected), Long.toString(s.realised),
                        paid && s.impressions > 0 ? f(s.expected * 1000 / s.impressions) : null,
                        paid && s.clicks > 0 ? f(s.expected / s.clicks) : null,
                        post ? f(s.rate) : null, s.visits != null ? f(s.rate) : null,
                        f(s.pUnknown), f(s.pAccompanied), f(s.pHandedOff));
            }
        }
        done(c, out);

        CsvSink ch = sink(t, CHANNELS).header("project_id", "channel", "expected_contacts", "realised_contacts",
                "contribution_share", "realised_share", "spend_eur", "p_previously_unknown", "realised_unknown_share",
                "p_accompanied", "p_handed_off");
        Map<String, double[]> all = new LinkedHashMap<>();
        double allE = 0, allR = 0;
        for (ProjectPlan pl : plans) {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String k : World.CHANNELS) m.put(k, new double[8]);
            double te = 0, tr = 0;
            for (Source s : pl.sources) {
                for (Map<String, double[]> mm : List.of(m, all)) {
                    double[] a = mm.computeIfAbsent(s.channel, k -> new double[8]);
                    a[0] += s.expected; a[1] += s.realised; a[2] += s.spendCents / 100.0; a[3] += s.expected * s.pUnknown;
                    a[4] += s.realisedUnknown; a[5] += s.expected * s.pAccompanied; a[6] += s.expected * s.pHandedOff;
                }
                te += s.expected;
                tr += s.realised;
            }
            allE += te;
            allR += tr;
            channelRows(ch, pl.spec.id, m, te, tr);
        }
        Map<String, double[]> allSorted = new LinkedHashMap<>();
        for (String k : World.CHANNELS) if (all.containsKey(k)) allSorted.put(k, all.get(k));
        channelRows(ch, "_all", allSorted, allE, allR);
        done(ch, out);

        CsvSink rc = sink(t, CURVES).header("project_id", "channel", "theta", "half_saturation_eur", "shape",
                "max_contacts_per_week", "lag_weeks", "k_ratio", "mean_active_week_spend_eur", "total_spend_eur",
                "expected_contacts", "realised_contacts");
        CsvSink wk = sink(t, WEEKLY).header("project_id", "week_start", "channel", "spend_eur", "adstock_eur", "season",
                "days_in_period", "expected_contacts", "realised_contacts");
        for (ProjectPlan pl : plans) {
            for (Source.PaidChannel pc : pl.paid.values()) {
                double tot = 0, act = 0;
                long real = 0;
                int n = 0;
                for (int w = 0; w < pl.weeks; w++) {
                    tot += pc.weeklySpend[w];
                    real += pc.realised[w];
                    if (pc.weeklySpend[w] > 0) { act += pc.weeklySpend[w]; n++; }
                    wk.row(pl.spec.id, Paris.date(pl.startDay + pl.weekStart(w)), pc.platform, f2(pc.weeklySpend[w]),
                            f2(pc.adstock[w]), f(pl.weekSeason[w]), Long.toString(Math.round(pl.weekFrac[w] * 7)),
                            f(pc.mu[w]), Long.toString(pc.realised[w]));
                }
                rc.row(pl.spec.id, pc.platform, f(pc.theta), f2(pc.k), f(pc.shape), f(pc.max),
                        Integer.toString(opt.mechanics().adstockLagWeeks()), f(opt.mechanics().curves().get(pc.platform).kRatio()),
                        f2(n == 0 ? 0 : act / n), f2(tot), f(pc.expected), Long.toString(real));
            }
        }
        done(rc, out);
        done(wk, out);

        CsvSink lc = sink(t, COEFFICIENTS).header("model", "term", "level", "coef");
        coefficients(lc, plans, b0);
        done(lc, out);
    }

    private static double ratio(long a, long b) { return b == 0 ? 0 : (double) a / b; }

    private static void channelRows(CsvSink ch, String pid, Map<String, double[]> m, double te, double tr) {
        for (var e : m.entrySet()) {
            double[] a = e.getValue();
            if (a[0] == 0 && a[1] == 0) continue;
            ch.row(pid, e.getKey(), f(a[0]), Long.toString((long) a[1]), f(a[0] / te), f(tr == 0 ? 0 : a[1] / tr), f2(a[2]),
                    f(a[0] == 0 ? 0 : a[3] / a[0]), f(a[1] == 0 ? 0 : a[4] / a[1]), f(a[0] == 0 ? 0 : a[5] / a[0]),
                    f(a[0] == 0 ? 0 : a[6] / a[0]));
        }
    }

    private static void coefficients(CsvSink lc, List<ProjectPlan> plans, double b0) {
        String u = "previously_unknown", a = "accompanied", h = "handed_off";
        lc.row(u, "intercept", null, f(b0));
        for (String k : World.CHANNELS) lc.row(u, "channel", k, f(TrueModel.get(TrueModel.U_CHANNEL, k)));
        for (var e : TrueModel.U_THEME.entrySet()) lc.row(u, "theme", e.getKey(), f(e.getValue()));
        for (var e : TrueModel.U_CREATOR.entrySet()) lc.row(u, "creator", e.getKey(), f(e.getValue()));
        for (int g = 0; g < Reference.GROUPS.length; g++) lc.row(u, "dept_group", Reference.GROUPS[g], f(TrueModel.DEPT_GROUP_COEF[g]));
        for (String d : Reference.DEPTS) lc.row(u, "dept", d, f(TrueModel.DEPT_GROUP_COEF[Reference.group(d)]));
        levels(lc, u, "age_band", TrueModel.AGE, TrueModel.U_AGE);
        levels(lc, u, "gender", TrueModel.GENDER, TrueModel.U_GENDER);
        lc.row(u, "qpv", "true", f(TrueModel.U_LOC[1]));
        lc.row(u, "zrr", "true", f(TrueModel.U_LOC[2]));
        lc.row(u, "rqth", "true", f(TrueModel.U_RQTH));
        levels(lc, u, "diploma_level", TrueModel.DIPLOMA, TrueModel.U_DIPLOMA);
        levels(lc, u, "situation", TrueModel.SITUATION, TrueModel.U_SITUATION);

        for (ProjectPlan pl : plans) lc.row(a, "intercept", pl.spec.id, f(pl.accIntercept));
        lc.row(a, "previously_unknown", "true", f(TrueModel.A_UNKNOWN));
        for (String k : World.CHANNELS) lc.row(a, "channel", k, f(TrueModel.get(TrueModel.A_CHANNEL, k)));
        levels(lc, a, "age_band", TrueModel.AGE, TrueModel.A_AGE);
        lc.row(a, "rqth", "true", f(TrueModel.A_RQTH));
        levels(lc, a, "diploma_level", TrueModel.DIPLOMA, TrueModel.A_DIPLOMA);
        levels(lc, a, "situation", TrueModel.SITUATION, TrueModel.A_SITUATION);

        for (ProjectPlan pl : plans) lc.row(h, "intercept", pl.spec.id, f(pl.hoIntercept));
        for (ProjectPlan pl : plans) lc.row(h, "accompanied", pl.spec.id, f(pl.hoAccCoef));
        lc.row(h, "previously_unknown", "true", f(TrueModel.H_UNKNOWN));
        levels(lc, h, "age_band", TrueModel.AGE, TrueModel.H_AGE);
        lc.row(h, "rqth", "true", f(TrueModel.H_RQTH));
        levels(lc, h, "situation", TrueModel.SITUATION, TrueModel.H_SITUATION);
    }

    private static void levels(CsvSink lc, String model, String term, String[] lv, double[] v) {
        for (int i = 0; i < lv.length; i++) lc.row(model, term, lv[i], f(v[i]));
    }

    private static void done(CsvSink s, List<Path> out) {
        s.close();
        out.add(s.path);
    }
}
