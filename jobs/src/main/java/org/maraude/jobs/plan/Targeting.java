package org.maraude.jobs.plan;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Targeting tables: where previously unknown youth come from, per département, creative (with its
 * theme and creator) and offline placement. Definitions in docs/metrics.md ("Plan").
 */
final class Targeting {
    private Targeting() {}

    /** INSEE's list of départements, as bundled (identical to sample-data/reference/). */
    static final String DEPARTEMENTS = "/org/maraude/sample/departements-insee-cog-2022.csv";
    static final int MIN_CONTACTS = 10;
    static final int MIN_SCANS = 20;
    private static final double Z80 = 1.2815515655446004;

    private static Column flag(Column c) {
        return when(coalesce(c, lit(false)), 1L).otherwise(0L);
    }

    // ------------------------------------------------------------------ départements

    /**
     * Per project and département of the youth: contacted and previously unknown youth (all sources),
     * the paid-attributed ones, and the paid spend they stand for: each paid-attributed youth carries
     * their channel's cost per paid-attributed contact (ads are not split by département, so this is
     * the spend a département "used"). {@code youth_population} comes from an optional file and is
     * null without it: no population figure is invented.
     */
    static Dataset<Row> depts(SparkSession spark, Dataset<Row> journey, Dataset<Row> paidYouth, Dataset<Row> ad,
            Path populationFile) {
        Dataset<Row> spend = ad.groupBy(col("project_id").as("s_project"), col("platform").as("s_channel"))
                .agg(sum(col("spend_eur").cast(DataTypes.DoubleType)).as("s_spend"));
        Dataset<Row> cpc = paidYouth.groupBy(col("project_id").as("k_project"), col("channel").as("k_channel"))
                .agg(count(lit(1)).as("k_n"))
                .join(spend, col("k_project").equalTo(col("s_project")).and(col("k_channel").equalTo(col("s_channel"))))
                .select(col("k_project"), col("k_channel"), col("s_spend").divide(col("k_n")).as("cost"));
        Dataset<Row> paid = paidYouth.select(col("project_id").as("p_project"), col("youth_key").as("p_youth"),
                        col("channel").as("p_channel"))
                .join(cpc, col("p_project").equalTo(col("k_project")).and(col("p_channel").equalTo(col("k_channel"))),
                        "left");
        Dataset<Row> agg = journey.join(paid, col("project_id").equalTo(col("p_project"))
                        .and(col("youth_key").equalTo(col("p_youth"))), "left")
                .groupBy(col("project_id"), col("dept"))
                .agg(count(lit(1)).as("contacted"), sum(flag(col("previously_unknown"))).as("contacted_unknown"),
                        count(col("p_channel")).as("paid_contacted"),
                        sum(when(col("p_channel").isNotNull(), flag(col("previously_unknown"))).otherwise(0L))
                                .as("paid_unknown"),
                        sum(coalesce(col("cost"), lit(0.0))).as("paid_spend_eur"));
        Dataset<Row> ref = spark.createDataFrame(departementRows(), DataTypes.createStructType(List.of(
                DataTypes.createStructField("r_dept", DataTypes.StringType, false),
                DataTypes.createStructField("dept_name", DataTypes.StringType, false),
                DataTypes.createStructField("region_code", DataTypes.StringType, false))));
        Dataset<Row> pop = spark.createDataFrame(populationRows(populationFile), DataTypes.createStructType(List.of(
                DataTypes.createStructField("q_dept", DataTypes.StringType, false),
                DataTypes.createStructField("youth_population", DataTypes.LongType, true))));
        return agg.join(org.apache.spark.sql.functions.broadcast(ref), col("dept").equalTo(col("r_dept")), "left")
                .join(org.apache.spark.sql.functions.broadcast(pop), col("dept").equalTo(col("q_dept")), "left")
                .select(col("project_id"), col("dept"), col("dept_name"), col("region_code"), col("contacted"),
                        col("contacted_unknown"),
                        round4(Weekly.safeDiv(col("contacted_unknown"), col("contacted"))).as("unknown_share"),
                        col("paid_contacted"), col("paid_unknown"),
                        org.apache.spark.sql.functions.round(col("paid_spend_eur"), 2).as("paid_spend_eur"),
                        round4(Weekly.safeDiv(col("paid_unknown").multiply(1000), col("paid_spend_eur")))
                                .as("unknown_per_1000_eur"),
                        col("youth_population"),
                        round4(Weekly.safeDiv(col("contacted_unknown").multiply(10000), col("youth_population")))
                                .as("unknown_per_10000_youth"));
    }

    private static Column round4(Column c) {
        return org.apache.spark.sql.functions.round(c, 4);
    }

    static List<Row> departementRows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Targeting.class.getResourceAsStream(DEPARTEMENTS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEPARTEMENTS);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            if (header == null || !header.replace("\uFEFF", "").startsWith("DEP,REG,")) {
                throw new IllegalStateException("unexpected header in " + DEPARTEMENTS);
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length >= 7) {
                    rows.add(org.apache.spark.sql.RowFactory.create(f[0], f[6], f[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Optional CSV {@code dept,youth_population} (header required); none → no rows. */
    static List<Row> populationRows(Path file) {
        List<Row> rows = new ArrayList<>();
        if (file == null) {
            return rows;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).replace("\uFEFF", "").trim().equals("dept,youth_population")) {
                throw new IllegalArgumentException(file + ": the header must be 'dept,youth_population'");
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (f.length != 2) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": two columns expected");
                }
                try {
                    rows.add(org.apache.spark.sql.RowFactory.create(f[0].trim(), Long.parseLong(f[1].trim())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": youth_population is not a whole number");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    // ------------------------------------------------------------------ creatives, themes, creators

    static final List<PlanTables.Col> CREATIVE_COLS = List.of(scol("project_id"), scol("level"), scol("key"),
            scol("platform"), scol("theme"), scol("creator"), scol("format"), new PlanTables.Col("first_week", DataTypes.DateType),
            new PlanTables.Col("last_week", DataTypes.DateType), icol("weeks_active"), dcol("spend_eur"),
            dcol("exposure"), lcol("contacted"), lcol("contacted_unknown"), dcol("unknown_share"),
            dcol("unknown_per_1000_eur"), dcol("cost_per_unknown_eur"), dcol("fatigue_weekly_change"),
            dcol("fatigue_low80"), dcol("fatigue_high80"), scol("recommendation"), scol("reason"));

    private static PlanTables.Col scol(String n) {
        return new PlanTables.Col(n, DataTypes.StringType);
    }

    private static PlanTables.Col dcol(String n) {
        return new PlanTables.Col(n, DataTypes.DoubleType);
    }

    private static PlanTables.Col lcol(String n) {
        return new PlanTables.Col(n, DataTypes.LongType);
    }

    private static PlanTables.Col icol(String n) {
        return new PlanTables.Col(n, DataTypes.IntegerType);
    }

    /**
     * Weekly exposure (ad impressions + organic views) and contacts (youth whose source is the
     * creative, by week of first contact) per creative: project_id, creative_id, week_start, spend,
     * exposure, contacted, contacted_unknown.
     */
    static Dataset<Row> creativeWeeks(Dataset<Row> ad, Dataset<Row> posts, Dataset<Row> journey) {
        Dataset<Row> exp = ad.select(col("project_id"), col("creative_id"), Weekly.monday(col("date")).as("week_start"),
                        col("spend_eur").cast(DataTypes.DoubleType).as("spend"),
                        col("impressions").cast(DataTypes.DoubleType).as("exposure"))
                .unionByName(posts.filter(col("creative_id").isNotNull()).select(col("project_id"), col("creative_id"),
                        Weekly.monday(col("date")).as("week_start"), lit(0.0).as("spend"),
                        coalesce(col("views"), lit(0L)).cast(DataTypes.DoubleType).as("exposure")))
                .groupBy("project_id", "creative_id", "week_start")
                .agg(sum("spend").as("spend"), sum("exposure").as("exposure"));
        Dataset<Row> con = journey.filter(col("source_creative_id").isNotNull())
                .select(col("project_id").as("c_project"), col("source_creative_id").as("c_creative"),
                        Weekly.monday(col("first_contact_date")).as("c_week"), col("previously_unknown"))
                .groupBy("c_project", "c_creative", "c_week")
                .agg(count(lit(1)).as("contacted"), sum(flag(col("previously_unknown"))).as("contacted_unknown"));
        return exp.join(con, col("project_id").equalTo(col("c_project")).and(col("creative_id").equalTo(col("c_creative")))
                        .and(col("week_start").equalTo(col("c_week"))), "full_outer")
                .select(coalesce(col("project_id"), col("c_project")).as("project_id"),
                        coalesce(col("creative_id"), col("c_creative")).as("creative_id"),
                        coalesce(col("week_start"), col("c_week")).as("week_start"),
                        coalesce(col("spend"), lit(0.0)).as("spend"), coalesce(col("exposure"), lit(0.0)).as("exposure"),
                        coalesce(col("contacted"), lit(0L)).as("contacted"),
                        coalesce(col("contacted_unknown"), lit(0L)).as("contacted_unknown"));
    }

    /** Per-creative fatigue and the theme and creator roll-ups, on the driver (one row per creative-week in). */
    static List<Object[]> creatives(List<Row> weeks, List<Row> creatives) {
        Map<List<String>, Row> attr = new LinkedHashMap<>();
        for (Row r : creatives) {
            attr.put(List.of(r.<String>getAs("project_id"), r.<String>getAs("creative_id")), r);
        }
        Map<List<String>, List<Row>> byCreative = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (Row r : weeks) {
            byCreative.computeIfAbsent(List.of(r.<String>getAs("project_id"), r.<String>getAs("creative_id")),
                    k -> new ArrayList<>()).add(r);
        }
        List<Object[]> out = new ArrayList<>();
        Map<String, double[]> projectTotals = new TreeMap<>(); // contacted, unknown
        Map<List<String>, Agg> groups = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        for (Map.Entry<List<String>, List<Row>> e : byCreative.entrySet()) {
            String project = e.getKey().get(0);
            String creative = e.getKey().get(1);
            Row a = attr.get(e.getKey());
            List<Row> ws = new ArrayList<>(e.getValue());
            ws.sort(java.util.Comparator.comparing(r -> r.<LocalDate>getAs("week_start")));
            Agg agg = new Agg();
            LocalDate first = null;
            LocalDate last = null;
            for (Row r : ws) {
                agg.add(r.<Double>getAs("spend"), r.<Double>getAs("exposure"), r.<Long>getAs("contacted"),
                        r.<Long>getAs("contacted_unknown"));
                if (r.<Double>getAs("exposure") > 0) {
                    LocalDate w = r.getAs("week_start");
                    first = first == null ? w : first;
                    last = w;
                    agg.weeks++;
                }
            }
            double[] fat = fatigue(ws, first);
            String platform = a == null ? null : a.getAs("platform");
            String theme = a == null ? null : a.getAs("theme");
            String creator = a == null ? null : a.getAs("creator");
            String format = a == null ? null : a.getAs("format");
            String rec;
            String reason;
            if (agg.contacted < MIN_CONTACTS) {
                rec = "too_few";
                reason = "fewer than " + MIN_CONTACTS + " contacts";
            } else if (fat != null && fat[2] < 0) {
                rec = "refresh";
                reason = String.format(Locale.ROOT, "contacts per exposure fall %.0f%% a week over its life: "
                        + "replace it with a new creative", -100 * fat[0]);
            } else {
                rec = "keep";
                reason = "no sign of fatigue";
            }
            out.add(row(project, "creative", creative, platform, theme, creator, format, first, last, agg, fat, rec,
                    reason));
            double[] pt = projectTotals.computeIfAbsent(project, p -> new double[2]);
            pt[0] += agg.contacted;
            pt[1] += agg.unknown;
            for (String[] lk : new String[][] {{"theme", theme}, {"creator", creator}}) {
                if (lk[1] == null) {
                    continue;
                }
                Agg g = groups.computeIfAbsent(List.of(project, lk[0], lk[1]), k -> new Agg());
                g.add(agg.spend, agg.exposure, agg.contacted, agg.unknown);
                g.weeks += agg.weeks;
                if (platform != null) {
                    g.platforms.add(platform);
                }
                if (fat != null) {
                    g.fatigueWeighted += fat[0] * agg.contacted;
                    g.fatigueWeight += agg.contacted;
                }
                g.first = g.first == null || (first != null && first.isBefore(g.first)) ? first : g.first;
                g.last = g.last == null || (last != null && last.isAfter(g.last)) ? last : g.last;
            }
        }
        for (Map.Entry<List<String>, Agg> e : groups.entrySet()) {
            String project = e.getKey().get(0);
            String level = e.getKey().get(1);
            Agg g = e.getValue();
            double[] pt = projectTotals.get(project);
            double avg = pt[0] > 0 ? pt[1] / pt[0] : 0;
            String rec;
            String reason;
            if (g.contacted < MIN_CONTACTS) {
                rec = "too_few";
                reason = "fewer than " + MIN_CONTACTS + " contacts";
            } else if ((double) g.unknown / g.contacted >= avg) {
                rec = "renew";
                reason = String.format(Locale.ROOT, "%.0f%% of its contacts were previously unknown (project: %.0f%%): "
                        + "commission new creatives", 100.0 * g.unknown / g.contacted, 100 * avg);
            } else {
                rec = "review";
                reason = String.format(Locale.ROOT, "%.0f%% of its contacts were previously unknown, below the project's "
                        + "%.0f%%", 100.0 * g.unknown / g.contacted, 100 * avg);
            }
            double[] fat = g.fatigueWeight > 0 ? new double[] {g.fatigueWeighted / g.fatigueWeight, Double.NaN, Double.NaN}
                    : null;
            out.add(row(project, level, e.getKey().get(2), g.platforms.isEmpty() ? null : String.join(",", g.platforms),
                    level.equals("theme") ? e.getKey().get(2) : null, level.equals("creator") ? e.getKey().get(2) : null,
                    null, g.first, g.last, g, fat, rec, reason));
        }
        return out;
    }

    private static Object[] row(String project, String level, String key, String platform, String theme, String creator,
            String format, LocalDate first, LocalDate last, Agg a, double[] fat, String rec, String reason) {
        Double share = a.contacted > 0 ? r4((double) a.unknown / a.contacted) : null;
        Double per1000 = a.spend > 0 ? r4(a.unknown * 1000.0 / a.spend) : null;
        Double cost = a.spend > 0 && a.unknown > 0 ? r4(a.spend / a.unknown) : null;
        return new Object[] {project, level, key, platform, theme, creator, format, first, last, a.weeks,
            ResponseFitting.round2(a.spend), a.exposure, a.contacted, a.unknown, share, per1000, cost,
            fat == null ? null : r4(fat[0]), fat == null || Double.isNaN(fat[1]) ? null : r4(fat[1]),
            fat == null || Double.isNaN(fat[2]) ? null : r4(fat[2]), rec, reason};
    }

    private static Double r4(double v) {
        return ResponseFitting.round4(v);
    }

    /** Totals of a creative or a group of creatives. */
    private static final class Agg {
        double spend;
        double exposure;
        long contacted;
        long unknown;
        int weeks;
        double fatigueWeighted;
        double fatigueWeight;
        LocalDate first;
        LocalDate last;
        final TreeSet<String> platforms = new TreeSet<>();

        void add(double s, double e, long c, long u) {
            spend += s;
            exposure += e;
            contacted += c;
            unknown += u;
        }
    }

    /**
     * Fatigue: Poisson regression of weekly contacts on the creative's age in weeks, with its
     * weekly exposure as offset ({@code contacts ~ exposure × e^(a + b·age)}), over the weeks with
     * exposure. Returns {e^b − 1, and its 80% interval}, or null with fewer than 3 such weeks or
     * fewer than {@link #MIN_CONTACTS} contacts.
     */
    static double[] fatigue(List<Row> weeks, LocalDate first) {
        if (first == null) {
            return null;
        }
        List<double[]> pts = new ArrayList<>();
        double sy = 0;
        double se = 0;
        for (Row r : weeks) {
            double e = r.<Double>getAs("exposure") / 1000.0;
            if (e <= 0) {
                continue;
            }
            double t = ChronoUnit.WEEKS.between(first, r.<LocalDate>getAs("week_start"));
            double y = r.<Long>getAs("contacted");
            pts.add(new double[] {t, e, y});
            sy += y;
            se += e;
        }
        if (pts.size() < 3 || sy < MIN_CONTACTS) {
            return null;
        }
        double a = Math.log(sy / se);
        double b = 0;
        double vb = Double.NaN;
        for (int it = 0; it < 50; it++) {
            double g0 = 0;
            double g1 = 0;
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            for (double[] p : pts) {
                double mu = p[1] * Math.exp(a + b * p[0]);
                g0 += p[2] - mu;
                g1 += (p[2] - mu) * p[0];
                h00 += mu;
                h01 += mu * p[0];
                h11 += mu * p[0] * p[0];
            }
            double det = h00 * h11 - h01 * h01;
            if (!(det > 1e-12)) {
                return null;
            }
            double da = (h11 * g0 - h01 * g1) / det;
            double db = (h00 * g1 - h01 * g0) / det;
            double lim = 1.0; // damped steps: a creative with few weeks can diverge otherwise
            da = Math.max(-lim, Math.min(lim, da));
            db = Math.max(-lim, Math.min(lim, db));
            a += da;
            b += db;
            vb = h00 / det;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        if (!Double.isFinite(b) || !Double.isFinite(vb)) {
            return null;
        }
        double sd = Math.sqrt(vb);
        return new double[] {Math.exp(b) - 1, Math.exp(b - Z80 * sd) - 1, Math.exp(b + Z80 * sd) - 1};
    }

    // ------------------------------------------------------------------ placements

    static final List<PlanTables.Col> PLACEMENT_COLS = List.of(scol("project_id"), scol("placement_id"), scol("dept"),
            lcol("scans"), lcol("visitors"), new PlanTables.Col("first_scan_date", DataTypes.DateType),
            new PlanTables.Col("last_scan_date", DataTypes.DateType), lcol("contacted"), lcol("contacted_unknown"),
            dcol("unknown_share"), dcol("contacts_per_100_scans"), dcol("unknown_per_100_scans"), scol("recommendation"),
            scol("reason"));

    /**
     * The QR scans of some touchpoints per project, placement and visitor: their count, department and first and
     * last Paris day. Computed once per layer of the touchpoints and kept ({@code LayerAggregates}): a night reads
     * these rows (one per scanning visitor) instead of every touchpoint with a placement.
     */
    static Dataset<Row> scanVisitors(Dataset<Row> touches) {
        Column parisDay = col(org.maraude.jobs.contract.DatasetSpec.LOCAL_DATE);
        return touches.filter(col("touch_type").equalTo("qr_scan").and(col("placement_id").isNotNull()))
                .groupBy("project_id", "placement_id", "visitor_key")
                .agg(count(lit(1)).as("scans"), max("dept").as("dept"), min(parisDay).as("first_scan_date"),
                        max(parisDay).as("last_scan_date"));
    }

    /**
     * QR scans and youth sourced to each placement (source_placement_id), per project; {@code scanVisitors}: the
     * {@link #scanVisitors} of every touchpoint, in one or more groups (a visitor may be in several).
     */
    static Dataset<Row> placementFacts(Dataset<Row> scanVisitors, Dataset<Row> journey) {
        Dataset<Row> scans = scanVisitors.groupBy("project_id", "placement_id")
                .agg(sum("scans").as("scans"), countDistinct("visitor_key").as("visitors"), max("dept").as("dept"),
                        min("first_scan_date").as("first_scan_date"), max("last_scan_date").as("last_scan_date"));
        Dataset<Row> con = journey.filter(col("source_placement_id").isNotNull())
                .groupBy(col("project_id").as("c_project"), col("source_placement_id").as("c_placement"))
                .agg(count(lit(1)).as("contacted"), sum(flag(col("previously_unknown"))).as("contacted_unknown"));
        return scans.join(con, col("project_id").equalTo(col("c_project"))
                        .and(col("placement_id").equalTo(col("c_placement"))), "full_outer")
                .select(coalesce(col("project_id"), col("c_project")).as("project_id"),
                        coalesce(col("placement_id"), col("c_placement")).as("placement_id"), col("dept"),
                        coalesce(col("scans"), lit(0L)).as("scans"), coalesce(col("visitors"), lit(0L)).as("visitors"),
                        col("first_scan_date"), col("last_scan_date"),
                        coalesce(col("contacted"), lit(0L)).as("contacted"),
                        coalesce(col("contacted_unknown"), lit(0L)).as("contacted_unknown"));
    }

    /**
     * Keep or drop, per placement, against the project's median rates over placements with at least
     * {@link #MIN_SCANS} scans: {@code keep} when contacts or previously unknown youth per 100 scans
     * reach the median; {@code drop} when it has the scans but brought no one; else {@code review}.
     */
    static List<Object[]> placements(List<Row> facts) {
        Map<String, List<double[]>> rates = new TreeMap<>();
        for (Row r : facts) {
            long scans = r.<Long>getAs("scans");
            if (scans >= MIN_SCANS) {
                rates.computeIfAbsent(r.getAs("project_id"), p -> new ArrayList<>()).add(new double[] {
                    100.0 * r.<Long>getAs("contacted") / scans, 100.0 * r.<Long>getAs("contacted_unknown") / scans});
            }
        }
        Map<String, double[]> medians = new TreeMap<>();
        rates.forEach((p, l) -> medians.put(p, new double[] {median(l, 0), median(l, 1)}));
        List<Row> sorted = new ArrayList<>(facts);
        sorted.sort(java.util.Comparator.comparing((Row r) -> r.<String>getAs("project_id"))
                .thenComparing(r -> r.<String>getAs("placement_id")));
        List<Object[]> out = new ArrayList<>();
        for (Row r : sorted) {
            long scans = r.getAs("scans");
            long c = r.getAs("contacted");
            long u = r.getAs("contacted_unknown");
            Double per100 = scans > 0 ? r4(100.0 * c / scans) : null;
            Double unk100 = scans > 0 ? r4(100.0 * u / scans) : null;
            double[] m = medians.get(r.<String>getAs("project_id"));
            String rec;
            String reason;
            if (scans < MIN_SCANS) {
                rec = "too_few";
                reason = "fewer than " + MIN_SCANS + " scans";
            } else if (c == 0) {
                rec = "drop";
                reason = scans + " scans and no contact";
            } else if (per100 >= m[0] || unk100 >= m[1]) {
                rec = "keep";
                reason = String.format(Locale.ROOT, "%.1f contacts and %.1f previously unknown per 100 scans "
                        + "(project medians %.1f and %.1f)", per100, unk100, m[0], m[1]);
            } else {
                rec = "review";
                reason = String.format(Locale.ROOT, "%.1f contacts and %.1f previously unknown per 100 scans, below "
                        + "the project medians (%.1f and %.1f)", per100, unk100, m[0], m[1]);
            }
            out.add(new Object[] {r.getAs("project_id"), r.getAs("placement_id"), r.getAs("dept"), scans,
                r.getAs("visitors"), r.getAs("first_scan_date"), r.getAs("last_scan_date"), c, u,
                c > 0 ? r4((double) u / c) : null, per100, unk100, rec, reason});
        }
        return out;
    }

    private static double median(List<double[]> l, int k) {
        double[] v = l.stream().mapToDouble(x -> x[k]).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
