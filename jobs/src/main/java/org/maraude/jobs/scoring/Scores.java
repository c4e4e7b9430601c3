package org.maraude.jobs.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Creative and channel scores: counts, rates with 95% intervals, costs, cost per outcome,
 * probability of being best, fatigue trend and rank. Counts and joins run in Spark; the
 * posterior parts (probability of being best, exact cost intervals) run per project in a grouped
 * map over one row per creative or channel. Methodology: {@code docs/metrics.md}.
 */
final class Scores {
    private Scores() {}

    static final String[] COUNTS = {"impressions", "clicks", "contacted", "contacted_unknown", "accompanied",
        "handed_off"};
    /** Weeks with fewer impressions (paid plus organic views) do not enter the trend. */
    static final long MIN_WEEK_IMPRESSIONS = 100;

    private static Column dbl(String c) {
        return col(c).cast("double");
    }

    /**
     * Allocates {@code costs} to creatives, at the first level that has a positive weight:
     * (1) a campaign's creatives that month by spend share, (2) its creatives over the whole
     * period by spend share; (3) with a platform, that platform's creatives that month by spend
     * share, (4) else equally among the platform's creatives in the catalogue; (5) without a
     * platform, the project's creatives that month by spend share, (6) else equally among its
     * catalogue creatives. Returns (project_id, creative_id, platform, cost_eur); a cost no level
     * can take stays with a null creative_id and its platform (a platform's cost never moves to
     * another platform; channel scores count it).
     */
    static Dataset<Row> allocateCosts(Dataset<Row> costs, Dataset<Row> ads, Dataset<Row> creatives) {
        Dataset<Row> c = costs.select(col("project_id").as("k_project"), col("month").as("k_month"),
                        col("platform").as("k_platform"), col("campaign_id").as("k_campaign"),
                        dbl("amount_eur").as("amount"),
                        concat_ws("|", col("project_id"), col("month"), col("category"), coalesce(col("platform"), lit("")),
                                coalesce(col("campaign_id"), lit(""))).as("cost_id"));
        Dataset<Row> a = ads.select(col("project_id"), date_format(col("date"), "yyyy-MM").as("month"),
                col("campaign_id"), col("creative_id"), col("platform"), dbl("spend_eur").as("w"));
        Dataset<Row> cat = creatives.select(col("project_id"), col("creative_id"), col("platform"), lit(1.0).as("w"));
        Column project = col("k_project").equalTo(col("project_id"));
        Column month = col("k_month").equalTo(col("month"));
        List<Dataset<Row>> levels = List.of(
                c.join(a.groupBy("project_id", "month", "campaign_id", "creative_id", "platform").agg(sum("w").as("w")),
                        project.and(month).and(col("k_campaign").equalTo(col("campaign_id")))).withColumn("level", lit(1)),
                c.join(a.groupBy("project_id", "campaign_id", "creative_id", "platform").agg(sum("w").as("w")),
                        project.and(col("k_campaign").equalTo(col("campaign_id")))).withColumn("level", lit(2)),
                c.join(a.groupBy("project_id", "month", "creative_id", "platform").agg(sum("w").as("w")),
                        project.and(month).and(col("k_platform").equalTo(col("platform")))).withColumn("level", lit(3)),
                c.join(cat, project.and(col("k_platform").equalTo(col("platform")))).withColumn("level", lit(4)),
                c.filter(col("k_platform").isNull()).join(a.groupBy("project_id", "month", "creative_id", "platform")
                        .agg(sum("w").as("w")), project.and(month)).withColumn("level", lit(5)),
                c.filter(col("k_platform").isNull()).join(cat, project).withColumn("level", lit(6)));
        Dataset<Row> candidates = levels.stream()
                .map(d -> d.select(col("cost_id"), col("level"), col("amount"), col("project_id"), col("creative_id"),
                        col("platform"), col("w")))
                .reduce(Dataset::unionByName).orElseThrow()
                .filter(col("w").gt(0));
        Dataset<Row> chosen = candidates
                .withColumn("_first", min("level").over(Window.partitionBy("cost_id")))
                .filter(col("level").equalTo(col("_first")))
                .withColumn("_share", col("w").divide(sum("w").over(Window.partitionBy("cost_id"))));
        Dataset<Row> allocated = chosen.groupBy("project_id", "creative_id")
                .agg(sum(col("amount").multiply(col("_share"))).as("cost_eur"), min("platform").as("platform"));
        Dataset<Row> unallocated = c.join(chosen.select(col("cost_id").as("u_id")).distinct(),
                        col("cost_id").equalTo(col("u_id")), "left_anti")
                .groupBy(col("k_project").as("project_id"), col("k_platform").as("platform"))
                .agg(sum("amount").as("cost_eur"))
                .withColumn("creative_id", lit(null).cast("string"));
        return allocated.unionByName(unallocated);
    }

    /**
     * Fatigue: ordinary least squares of the weekly click-through rate (clicks over impressions,
     * paid plus organic, weeks since the first delivery day of the key) on the week number.
     * {@code trend_slope} is the slope relative to the mean weekly rate (−0.05 = 5% lower per
     * week); {@code trend} is {@code falling} or {@code rising} when the slope's 95% interval
     * excludes zero, else {@code flat}; null under three weeks with at least
     * {@value #MIN_WEEK_IMPRESSIONS} impressions.
     */
    static Dataset<Row> weeklyTrend(Dataset<Row> daily, String... keys) {
        Column[] k = Arrays.stream(keys).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> weeks = daily
                .withColumn("_week", floor(datediff(col("date"), min("date").over(Window.partitionBy(k))).divide(7)))
                .groupBy(concat(k, col("_week")))
                .agg(sum("impressions").as("_imp"), sum("clicks").as("_clk"))
                .filter(col("_imp").geq(MIN_WEEK_IMPRESSIONS))
                .withColumn("_x", col("_week").cast("double"))
                .withColumn("_y", col("_clk").divide(col("_imp")));
        Dataset<Row> s = weeks.groupBy(k).agg(count(lit(1)).cast("double").as("n"), sum("_x").as("sx"),
                sum("_y").as("sy"), sum(col("_x").multiply(col("_x"))).as("sxx"),
                sum(col("_x").multiply(col("_y"))).as("sxy"), sum(col("_y").multiply(col("_y"))).as("syy"));
        Column sxxc = col("sxx").minus(col("sx").multiply(col("sx")).divide(col("n")));
        Column slope = col("sxy").minus(col("sx").multiply(col("sy")).divide(col("n"))).divide(sxxc);
        Dataset<Row> fit = s.filter(col("n").geq(3))
                .withColumn("_b", slope)
                .withColumn("_a", col("sy").minus(col("_b").multiply(col("sx"))).divide(col("n")))
                .withColumn("_sse", col("syy").minus(col("_a").multiply(col("sy"))).minus(col("_b").multiply(col("sxy"))))
                .withColumn("_se", sqrt(when(col("_sse").gt(0), col("_sse")).otherwise(lit(0.0))
                        .divide(col("n").minus(2)).divide(sxxc)))
                .withColumn("_mean", col("sy").divide(col("n")));
        List<Column> out = new ArrayList<>(Arrays.asList(k));
        out.add(col("n").cast("int").as("trend_weeks"));
        out.add(when(col("_mean").gt(0), col("_b").divide(col("_mean"))).as("trend_slope"));
        out.add(when(col("_b").plus(col("_se").multiply(Stats.Z95)).lt(0), lit("falling"))
                .when(col("_b").minus(col("_se").multiply(Stats.Z95)).gt(0), lit("rising"))
                .otherwise(lit("flat")).as("trend"));
        return fit.select(out.toArray(Column[]::new));
    }

    private static Column[] concat(Column[] a, Column b) {
        Column[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    /** Daily exposure (paid impressions plus organic views, clicks plus link clicks) per project, creative, platform. */
    static Dataset<Row> dailyExposure(Dataset<Row> ads, Dataset<Row> posts) {
        return ads.select(col("project_id"), col("creative_id"), col("platform"), col("date"), col("impressions"),
                        col("clicks"), dbl("spend_eur").as("spend_eur"))
                .unionByName(posts.select(col("project_id"), col("creative_id"), col("platform"), col("date"),
                        coalesce(col("views"), lit(0L)).as("impressions"), coalesce(col("link_clicks"), lit(0L)).as("clicks"),
                        lit(0.0).as("spend_eur")));
    }

    private static Column flag(String c) {
        return sum(when(col(c), 1L).otherwise(0L));
    }

    /** Youth counts of a journey frame grouped by the given columns (integer source attribution). */
    static Dataset<Row> youthCounts(Dataset<Row> journey, Column... by) {
        return journey.groupBy(by).agg(count(lit(1)).as("contacted"), flag("previously_unknown").as("contacted_unknown"),
                flag("accompanied").as("accompanied"), flag("handed_off").as("handed_off"));
    }

    /**
     * One row per (project_id, creative_id) seen anywhere (catalogue, delivery, posts, sources):
     * descriptors, exposure, spend, allocated costs and the youth whose integer source it is.
     */
    static Dataset<Row> creativeCounts(Dataset<Row> journey, Dataset<Row> daily, Dataset<Row> creatives,
            Dataset<Row> allocated) {
        Dataset<Row> exposure = daily.groupBy("project_id", "creative_id")
                .agg(sum("impressions").as("impressions"), sum("clicks").as("clicks"), sum("spend_eur").as("spend_eur"),
                        min("platform").as("p_exposure"));
        Dataset<Row> youth = youthCounts(journey.filter(col("source_creative_id").isNotNull()), col("project_id"),
                col("source_creative_id").as("creative_id"), col("source_platform").as("p_source"));
        Dataset<Row> youthByCreative = youth.groupBy("project_id", "creative_id").agg(sum("contacted").as("contacted"),
                sum("contacted_unknown").as("contacted_unknown"), sum("accompanied").as("accompanied"),
                sum("handed_off").as("handed_off"), min("p_source").as("p_source"));
        Dataset<Row> costs = allocated.filter(col("creative_id").isNotNull())
                .select(col("project_id"), col("creative_id"), col("cost_eur").as("other_costs_eur"));
        Dataset<Row> keys = creatives.select("project_id", "creative_id")
                .union(exposure.select("project_id", "creative_id"))
                .union(youthByCreative.select("project_id", "creative_id"))
                .union(costs.select("project_id", "creative_id")).distinct();
        Dataset<Row> cat = creatives.select(col("project_id"), col("creative_id"), col("platform").as("p_catalogue"),
                col("format"), col("theme"), col("creator"), col("label"));
        Dataset<Row> j = keys.join(cat, new String[] {"project_id", "creative_id"}, "left")
                .join(exposure, new String[] {"project_id", "creative_id"}, "left")
                .join(youthByCreative, new String[] {"project_id", "creative_id"}, "left")
                .join(costs, new String[] {"project_id", "creative_id"}, "left");
        List<Column> cols = new ArrayList<>(List.of(col("project_id"), col("creative_id"),
                coalesce(col("p_catalogue"), col("p_exposure"), col("p_source")).as("platform"), col("format"),
                col("theme"), col("creator"), col("label")));
        cols.addAll(MEASURES);
        return j.select(cols.toArray(Column[]::new));
    }

    /** Exposure, spend, costs and youth counts of a left-joined key, 0 where it has none. */
    private static final List<Column> MEASURES = List.of(
            coalesce(col("impressions"), lit(0L)).as("impressions"), coalesce(col("clicks"), lit(0L)).as("clicks"),
            coalesce(col("spend_eur"), lit(0.0)).as("spend_eur"),
            coalesce(col("other_costs_eur"), lit(0.0)).as("other_costs_eur"),
            coalesce(col("contacted"), lit(0L)).as("contacted"),
            coalesce(col("contacted_unknown"), lit(0L)).as("contacted_unknown"),
            coalesce(col("accompanied"), lit(0L)).as("accompanied"),
            coalesce(col("handed_off"), lit(0L)).as("handed_off"));

    /**
     * One row per (project_id, platform), and per platform across projects with project_id
     * {@code *}, where a youth counts once, at their earliest first contact (as in
     * {@code funnel_monthly_programme}). Youth without a source platform are the
     * {@code unattributed} row.
     */
    static Dataset<Row> channelCounts(Dataset<Row> journey, Dataset<Row> daily, Dataset<Row> allocated) {
        Dataset<Row> once = journey.groupBy("youth_key").agg(
                        min(org.apache.spark.sql.functions.struct(col("first_contact_ts"), col("project_id"),
                                col("source_platform"), col("previously_unknown"))).as("_e"),
                        max("accompanied").as("accompanied"), max("handed_off").as("handed_off"))
                .select(lit("*").as("project_id"), col("_e.source_platform").as("source_platform"),
                        col("_e.previously_unknown").as("previously_unknown"), col("accompanied"), col("handed_off"));
        Dataset<Row> perProject = journey.select("project_id", "source_platform", "previously_unknown", "accompanied",
                "handed_off");
        Dataset<Row> youth = youthCounts(perProject.unionByName(once), col("project_id"),
                coalesce(col("source_platform"), lit("unattributed")).as("platform"));
        Dataset<Row> exp = daily.groupBy("project_id", "platform").agg(sum("impressions").as("impressions"),
                sum("clicks").as("clicks"), sum("spend_eur").as("spend_eur"));
        exp = exp.unionByName(exp.groupBy(lit("*").as("project_id"), col("platform")).agg(
                sum("impressions").as("impressions"), sum("clicks").as("clicks"), sum("spend_eur").as("spend_eur")));
        Dataset<Row> cost = allocated.filter(col("platform").isNotNull()).groupBy("project_id", "platform")
                .agg(sum("cost_eur").as("other_costs_eur"));
        cost = cost.unionByName(cost.groupBy(lit("*").as("project_id"), col("platform"))
                .agg(sum("other_costs_eur").as("other_costs_eur")));
        Dataset<Row> keys = youth.select("project_id", "platform").union(exp.select("project_id", "platform"))
                .union(cost.select("project_id", "platform")).distinct();
        return keys.join(exp, new String[] {"project_id", "platform"}, "left")
                .join(youth, new String[] {"project_id", "platform"}, "left")
                .join(cost, new String[] {"project_id", "platform"}, "left")
                .select(java.util.stream.Stream.concat(java.util.stream.Stream.of(col("project_id"), col("platform")),
                        MEASURES.stream()).toArray(Column[]::new));
    }

    /**
     * Wilson 95% interval of k out of n as built-in expressions: {point, lo, hi}, null where
     * n = 0 or k > n (a rate that is not a proportion, e.g. contacts of a poster per click).
     */
    static Column[] wilson(Column k, Column n, double scale) {
        Column kd = k.cast("double");
        Column nd = n.cast("double");
        Column ok = nd.gt(0).and(kd.leq(nd));
        double z2 = Stats.Z95 * Stats.Z95;
        Column p = kd.divide(nd);
        Column denom = lit(1.0).plus(lit(z2).divide(nd));
        Column centre = p.plus(lit(z2 / 2).divide(nd)).divide(denom);
        Column half = lit(Stats.Z95).multiply(sqrt(p.multiply(lit(1.0).minus(p)).divide(nd)
                .plus(lit(z2 / 4).divide(nd.multiply(nd))))).divide(denom);
        return new Column[] {when(ok, p.multiply(scale)),
            when(ok, org.apache.spark.sql.functions.greatest(lit(0.0), centre.minus(half)).multiply(scale)),
            when(ok, org.apache.spark.sql.functions.least(lit(1.0), centre.plus(half)).multiply(scale))};
    }

    /** A rate and its interval bounds ({@code name}, {@code name_lo}, {@code name_hi}) added to {@code cols}. */
    static void rate(java.util.Map<String, Column> cols, String name, String k, String n, double scale) {
        Column[] w = wilson(col(k), col(n), scale);
        cols.put(name, w[0]);
        cols.put(name + "_lo", w[1]);
        cols.put(name + "_hi", w[2]);
    }

    /**
     * Rates with Wilson intervals: per impression (click-through, contacts per 1,000), per click
     * (contacts, previously-unknown contacts), per contact (share previously unknown,
     * accompanied, handed off); total cost = spend + allocated costs.
     */
    static Dataset<Row> withRates(Dataset<Row> counts) {
        // one projection (a withColumn per rate would re-analyse the whole plan 22 times)
        java.util.Map<String, Column> cols = new java.util.LinkedHashMap<>();
        cols.put("cost_eur", col("spend_eur").plus(col("other_costs_eur")));
        rate(cols, "ctr", "clicks", "impressions", 1);
        rate(cols, "contacts_per_1000_impressions", "contacted", "impressions", 1000);
        rate(cols, "contact_per_click", "contacted", "clicks", 1);
        rate(cols, "unknown_per_click", "contacted_unknown", "clicks", 1);
        rate(cols, "unknown_share", "contacted_unknown", "contacted", 1);
        rate(cols, "accompanied_rate", "accompanied", "contacted", 1);
        rate(cols, "handed_off_rate", "handed_off", "contacted", 1);
        return counts.withColumns(cols);
    }

    static final StructType POSTERIOR = DataTypes.createStructType(List.of(
            DataTypes.createStructField("q_project", DataTypes.StringType, false),
            DataTypes.createStructField("q_id", DataTypes.StringType, true),
            DataTypes.createStructField("prob_best", DataTypes.DoubleType, true),
            DataTypes.createStructField("cost_per_unknown", DataTypes.DoubleType, true),
            DataTypes.createStructField("cost_per_unknown_lo", DataTypes.DoubleType, true),
            DataTypes.createStructField("cost_per_unknown_hi", DataTypes.DoubleType, true),
            DataTypes.createStructField("cost_per_handoff", DataTypes.DoubleType, true),
            DataTypes.createStructField("cost_per_handoff_lo", DataTypes.DoubleType, true),
            DataTypes.createStructField("cost_per_handoff_hi", DataTypes.DoubleType, true)));

    /**
     * The per-project posterior parts, in a grouped map over one row per creative or channel
     * ({@code idCol}): probability of having the highest share of previously-unknown contacts
     * (Beta(prior_a + unknown, prior_b + known) posteriors, {@code draws} joint draws seeded by
     * project, among rows with a contact; {@code unattributed} never competes), and cost per previously-unknown
     * youth and per hand-off with exact Poisson 95% intervals on the count (cost is known).
     */
    static Dataset<Row> withPosterior(Dataset<Row> scored, String idCol, int draws, long seed) {
        Dataset<Row> in = scored.select(col("project_id"), col(idCol), col("contacted"), col("contacted_unknown"),
                col("handed_off"), col("cost_eur"), col("prior_a"), col("prior_b"));
        Dataset<Row> post = in.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (project, rows) ->
                        posterior(project, rows, draws, seed), Encoders.row(POSTERIOR));
        return scored.join(post, col("project_id").equalTo(col("q_project")).and(col(idCol).eqNullSafe(col("q_id"))),
                "left").drop("q_project", "q_id");
    }

    static Iterator<Row> posterior(String project, Iterator<Row> rows, int draws, long seed) {
        List<Row> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        // the same order every run, whatever the partitioning
        list.sort(java.util.Comparator.comparing(r -> String.valueOf(r.<Object>get(1))));
        List<Integer> arms = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getLong(2) > 0 && !"unattributed".equals(list.get(i).get(1))) {
                arms.add(i);
            }
        }
        long[] k = new long[arms.size()];
        long[] n = new long[arms.size()];
        double[] pa = new double[arms.size()];
        double[] pb0 = new double[arms.size()];
        for (int a = 0; a < arms.size(); a++) {
            Row r = list.get(arms.get(a));
            k[a] = r.getLong(3);
            n[a] = r.getLong(2);
            pa[a] = r.getDouble(6);
            pb0[a] = r.getDouble(7);
        }
        double[] best = Stats.probabilityBest(k, n, pa, pb0, draws, seed ^ project.hashCode());
        Double[] pb = new Double[list.size()];
        for (int a = 0; a < arms.size(); a++) {
            pb[arms.get(a)] = best[a];
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Row r = list.get(i);
            double cost = r.getDouble(5);
            double[] u = costPer(cost, r.getLong(3));
            double[] h = costPer(cost, r.getLong(4));
            out.add(RowFactory.create(project, r.get(1), pb[i], nan(u[0]), nan(u[1]), nan(u[2]), nan(h[0]), nan(h[1]),
                    nan(h[2])));
        }
        return out.iterator();
    }

    private static Double nan(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /** Cost per outcome {point, lo, hi}: cost / k with the exact Poisson interval of k; NaN where undefined. */
    static double[] costPer(double cost, long k) {
        if (cost <= 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] ci = Stats.poisson(k, 0.95);
        return new double[] {k == 0 ? Double.NaN : cost / k, cost / ci[1], k == 0 ? Double.NaN : cost / ci[0]};
    }

    /** Pseudo-contacts of the prior of a creative's (or channel's) share previously unknown. */
    static final double PRIOR_CONTACTS = 10;

    /**
     * The prior of each row's share previously unknown, for partial pooling, from the other rows
     * only (a row's own contacts never inform its prior): Beta(a, b) with a + b =
     * {@value #PRIOR_CONTACTS} + 1 pseudo-contacts, centred on the share of the other rows of its
     * group (a creative: the other creatives of its project's channel; a channel: the project's
     * other channels), itself shrunk by {@value #PRIOR_CONTACTS} pseudo-contacts towards the other
     * rows of the parent group (a creative: its project; otherwise one half); half a pseudo-contact
     * each side keeps the prior proper.
     */
    static Dataset<Row> withPrior(Dataset<Row> d, String[] group, String[] parent) {
        Column u = col("contacted_unknown").cast("double");
        Column n = col("contacted").cast("double");
        org.apache.spark.sql.expressions.WindowSpec g = Window.partitionBy(
                Arrays.stream(group).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        Column otherU = sum(u).over(g).minus(u);
        Column otherN = sum(n).over(g).minus(n);
        Column parentShare = lit(0.5);
        if (parent.length > 0) {
            org.apache.spark.sql.expressions.WindowSpec pw = Window.partitionBy(
                    Arrays.stream(parent).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
            Column pu = sum(u).over(pw).minus(u);
            Column pn = sum(n).over(pw).minus(n);
            parentShare = when(pn.gt(0), pu.divide(pn)).otherwise(lit(0.5));
        }
        Column mean = otherU.plus(parentShare.multiply(PRIOR_CONTACTS)).divide(otherN.plus(PRIOR_CONTACTS));
        return d.withColumn("_prior_mean", mean)
                .withColumn("prior_a", col("_prior_mean").multiply(PRIOR_CONTACTS).plus(0.5))
                .withColumn("prior_b", lit(1.0).minus(col("_prior_mean")).multiply(PRIOR_CONTACTS).plus(0.5))
                .drop("_prior_mean");
    }

    /**
     * Minimum-evidence flag ({@code contacted >= minContacts}), score (posterior mean of the share
     * previously unknown, Beta(prior_a + unknown, prior_b + known)) and rank within the project: rows with
     * enough evidence first, then rows with a contact, then by score, contacts, id.
     * {@code unattributed} is not ranked.
     */
    static Dataset<Row> ranked(Dataset<Row> d, String idCol, long minContacts) {
        Column score = col("contacted_unknown").plus(col("prior_a"))
                .divide(col("contacted").plus(col("prior_a")).plus(col("prior_b")));
        Column rankable = col(idCol).isNotNull().and(col(idCol).notEqual("unattributed"));
        return d.withColumn("enough_evidence", col("contacted").geq(minContacts))
                .withColumn("score", score)
                .withColumn("_rankable", rankable)
                .withColumn("rank", when(col("_rankable"), row_number().over(Window.partitionBy("project_id", "_rankable")
                        .orderBy(col("enough_evidence").desc(), col("contacted").gt(0).desc(), col("score").desc(),
                                col("contacted").desc(), col(idCol).asc()))))
                .drop("_rankable");
    }
}
