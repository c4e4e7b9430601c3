package org.maraude.jobs.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Touch paths in Spark: the touches of each converting youth in the source window, the heuristic
 * models' credits per touch, and distinct channel paths with their counts (the only thing the
 * channel models need on the driver). Pure transforms.
 */
final class Paths {
    private Paths() {}

    static final List<String> OUTCOMES = List.of("contacted", "contacted_unknown", "accompanied", "handed_off");
    static final List<String> HEURISTIC_MODELS = List.of("first_touch", "last_touch", "linear", "time_decay",
            "position_based");
    /** Channel of a touch without platform (and no catalogue creative) inside the channel models. */
    static final String NO_CHANNEL = "";

    static Column month(Column parisDate) {
        return date_format(parisDate, "yyyy-MM");
    }

    /**
     * Touches that carry a platform or a creative (the contract's source rule considers only
     * those), with {@code platform} completed from the creatives catalogue as the source rule does;
     * {@code raw_platform} keeps the touch's own value for the rule's tie-break order.
     */
    static Dataset<Row> channelTouches(Dataset<Row> touches, Dataset<Row> creatives) {
        Dataset<Row> cre = creatives.select(col("project_id").as("c_project"), col("creative_id").as("c_creative"),
                col("platform").as("c_platform"));
        return touches.filter(col("platform").isNotNull().or(col("creative_id").isNotNull()))
                .join(cre, col("project_id").equalTo(col("c_project")).and(col("creative_id").equalTo(col("c_creative"))),
                        "left")
                .select(col("project_id"), col("youth_key"), col("visitor_key"), col("ts"), col("touch_type"),
                        col("platform").as("raw_platform"), col("creative_id"),
                        coalesce(col("platform"), col("c_platform")).as("platform"));
    }

    /** Outcome flags of each contacted youth and the Paris month of first contact. */
    static Dataset<Row> converters(Dataset<Row> journey) {
        return journey.select(col("project_id"), col("youth_key"), col("first_contact_ts"),
                month(col("first_contact_date")).as("month"), col("source_platform"), col("source_creative_id"),
                coalesce(col("previously_unknown"), lit(false)).as("is_unknown"),
                coalesce(col("accompanied"), lit(false)).as("is_accompanied"),
                coalesce(col("handed_off"), lit(false)).as("is_handed_off"));
    }

    /** The outcomes a youth reached, as an array to explode (contacted always). */
    static Column outcomes() {
        return expr("filter(array('contacted', if(is_unknown, 'contacted_unknown', null), "
                + "if(is_accompanied, 'accompanied', null), if(is_handed_off, 'handed_off', null)), x -> x IS NOT NULL)");
    }

    /**
     * Each converter's touches with platform or creative in the {@code windowDays} up to first
     * contact (never after), numbered from the end in the source rule's order, so the touch with
     * {@code pos_from_end = 1} is exactly the youth's integer source.
     */
    static Dataset<Row> converterTouches(Dataset<Row> converters, Dataset<Row> channelTouches, int windowDays) {
        Dataset<Row> t = channelTouches.filter(col("youth_key").isNotNull())
                .select(col("project_id").as("t_project"), col("youth_key").as("t_youth"), col("ts"),
                        col("touch_type"), col("raw_platform"), col("creative_id"), col("platform"));
        return converters.join(t, col("project_id").equalTo(col("t_project")).and(col("youth_key").equalTo(col("t_youth")))
                        .and(col("ts").leq(col("first_contact_ts")))
                        .and(col("ts").geq(col("first_contact_ts").minus(expr("make_dt_interval(" + windowDays + ")")))))
                .drop("t_project", "t_youth")
                .withColumn("pos_from_end", row_number().over(Window.partitionBy("project_id", "youth_key")
                        .orderBy(col("ts").desc(), col("creative_id").asc_nulls_last(), col("raw_platform").asc_nulls_last(),
                                col("touch_type").asc())))
                .withColumn("n_touches", count(lit(1)).over(Window.partitionBy("project_id", "youth_key")));
    }

    /**
     * Credits of the heuristic models per touch: first and last touch, linear, time decay
     * ({@code 2^(-age/halfLife)} with age in days before first contact, normalised per youth) and
     * position-based ({@code first}/{@code last} shares at the ends, the rest spread over the
     * middle; one touch takes all, two share equally). Summed by project, month, model, outcome,
     * platform and creative.
     */
    static Dataset<Row> heuristicCredits(Dataset<Row> converterTouches, double halfLifeDays, double positionFirst,
            double positionLast) {
        Column n = col("n_touches");
        Column pos = col("pos_from_end");
        Column decay = expr("pow(2, -(cast(unix_micros(first_contact_ts) - unix_micros(ts) AS double) / 86400000000) / "
                + halfLifeDays + ")");
        Column middle = lit(1.0 - positionFirst - positionLast).divide(n.minus(2));
        Column position = when(n.equalTo(1), lit(1.0))
                .when(n.equalTo(2), lit(0.5))
                .when(pos.equalTo(n), lit(positionFirst))
                .when(pos.equalTo(1), lit(positionLast))
                .otherwise(middle);
        Dataset<Row> w = converterTouches
                .withColumn("_decay", decay)
                .withColumn("_decay", col("_decay").divide(sum("_decay").over(Window.partitionBy("project_id", "youth_key"))))
                .withColumn("_m", explode(array(
                        struct(lit("first_touch").as("model"), when(pos.equalTo(n), 1.0).otherwise(0.0).as("credit")),
                        struct(lit("last_touch").as("model"), when(pos.equalTo(1), 1.0).otherwise(0.0).as("credit")),
                        struct(lit("linear").as("model"), lit(1.0).divide(n).as("credit")),
                        struct(lit("time_decay").as("model"), col("_decay").as("credit")),
                        struct(lit("position_based").as("model"), position.as("credit")))))
                .filter(col("_m.credit").gt(0));
        return w.withColumn("outcome", explode(outcomes()))
                .groupBy(col("project_id"), col("month"), col("_m.model").as("model"), col("outcome"), col("platform"),
                        col("creative_id"))
                .agg(sum("_m.credit").as("credit"));
    }

    /**
     * Converters without any touch in the window: every model gives their outcome to the platform
     * and creative of their integer source (referral or declared), else to {@code unattributed},
     * so each model's credits still sum to the number of outcomes.
     */
    static Dataset<Row> noPathCredits(Dataset<Row> converters, Dataset<Row> converterTouches, List<String> models) {
        Dataset<Row> withPath = converterTouches.select(col("project_id").as("w_project"), col("youth_key").as("w_youth"))
                .distinct();
        return converters.join(withPath, col("project_id").equalTo(col("w_project")).and(col("youth_key").equalTo(col("w_youth"))),
                        "left_anti")
                .withColumn("outcome", explode(outcomes()))
                .withColumn("model", explode(array(models.stream().map(m -> lit(m)).toArray(Column[]::new))))
                .groupBy(col("project_id"), col("month"), col("model"), col("outcome"),
                        coalesce(col("source_platform"), lit("unattributed")).as("platform"),
                        col("source_creative_id").as("creative_id"))
                .agg(count(lit(1)).cast("double").as("credit"));
    }

    /** Channels of ordered touches ({@code _t}) as a path: consecutive repeats of a channel collapse to one step. */
    private static Dataset<Row> withCollapsedPath(Dataset<Row> d) {
        return d.withColumn("_ch", expr("transform(_t, s -> s.ch)"))
                .withColumn("path", expr("filter(_ch, (x, i) -> i = 0 OR x != element_at(_ch, i))"))
                .drop("_t", "_ch");
    }

    /** One row per converting youth: month, outcome flags and collapsed channel path. */
    static Dataset<Row> converterPaths(Dataset<Row> converterTouches) {
        return withCollapsedPath(converterTouches
                .groupBy("project_id", "youth_key", "month", "is_unknown", "is_accompanied", "is_handed_off")
                .agg(expr("array_sort(collect_list(struct(-pos_from_end AS o, coalesce(platform, '') AS ch)))").as("_t")))
                .withColumn("entity", col("youth_key"));
    }

    /**
     * Paths that did not convert to contact: anonymous visitors (touches no identity link claims,
     * grouped by visitor) and identified youth without a contact in that project, each over the
     * {@code windowDays} up to their last touch, in the Paris month of that last touch.
     */
    static Dataset<Row> otherPaths(Dataset<Row> channelTouches, Dataset<Row> converters, int windowDays) {
        Dataset<Row> contacted = converters.select(col("project_id").as("k_project"), col("youth_key").as("k_youth"));
        // Only identified touches can belong to a contacted youth: anonymous ones (nearly all of them) skip the
        // anti-join, whose shuffle on a null youth_key would also send each project's anonymous touches to one task.
        Dataset<Row> t = channelTouches.filter(col("youth_key").isNotNull())
                .join(contacted, col("project_id").equalTo(col("k_project"))
                        .and(col("youth_key").equalTo(col("k_youth"))), "left_anti")
                .unionByName(channelTouches.filter(col("youth_key").isNull()))
                .withColumn("entity", coalesce(col("youth_key"), concat(lit("v:"), col("visitor_key"))));
        // One aggregate per entity, then array functions: its touches within the window up to its last touch, in
        // time order (ties: creative desc nulls first, raw platform desc nulls first, touch type desc, as the source
        // rule read backwards). Windows here meant two sorts of every anonymous touch.
        Dataset<Row> grouped = t.groupBy("project_id", "entity")
                .agg(collect_list(struct(col("ts"), col("creative_id").as("cr"), col("raw_platform").as("rp"),
                        col("touch_type").as("tt"), coalesce(col("platform"), lit("")).as("ch"))).as("_all"),
                        max("ts").as("_last"))
                .withColumn("_t", expr("array_sort(filter(_all, x -> x.ts >= _last - make_dt_interval(" + windowDays
                        + ")), " + TOUCH_ORDER + ")"))
                .drop("_all");
        return withCollapsedPath(grouped)
                .select(col("project_id"), col("entity"), col("path"),
                        month(expr("to_date(from_utc_timestamp(_last, 'Europe/Paris'))")).as("month"),
                        lit(false).as("is_contacted"), lit(false).as("is_unknown"), lit(false).as("is_accompanied"),
                        lit(false).as("is_handed_off"));
    }

    /** Comparator of touches {@code (ts, cr, rp, tt)}: time ascending, then creative, raw platform and type descending (nulls: first, first, last). */
    private static final String TOUCH_ORDER = "(l, r) -> CASE"
            + " WHEN l.ts < r.ts THEN -1 WHEN l.ts > r.ts THEN 1"
            + " WHEN l.cr IS NULL AND r.cr IS NOT NULL THEN -1 WHEN l.cr IS NOT NULL AND r.cr IS NULL THEN 1"
            + " WHEN l.cr > r.cr THEN -1 WHEN l.cr < r.cr THEN 1"
            + " WHEN l.rp IS NULL AND r.rp IS NOT NULL THEN -1 WHEN l.rp IS NOT NULL AND r.rp IS NULL THEN 1"
            + " WHEN l.rp > r.rp THEN -1 WHEN l.rp < r.rp THEN 1"
            + " WHEN l.tt IS NULL AND r.tt IS NOT NULL THEN 1 WHEN l.tt IS NOT NULL AND r.tt IS NULL THEN -1"
            + " WHEN l.tt > r.tt THEN -1 WHEN l.tt < r.tt THEN 1"
            + " ELSE 0 END";

    private static Column flag(String c) {
        return sum(when(col(c), 1L).otherwise(0L));
    }

    /**
     * Distinct paths per project and month with their count, conversions per outcome and a holdout flag
     * (one entity in {@code holdoutBuckets}, by a hash of its key: the same split every run).
     */
    static Dataset<Row> pathCounts(Dataset<Row> converterPaths, Dataset<Row> otherPaths, int holdoutBuckets, long seed) {
        Dataset<Row> conv = converterPaths.select(col("project_id"), col("entity"), col("path"), col("month"),
                lit(true).as("is_contacted"), col("is_unknown"), col("is_accompanied"), col("is_handed_off"));
        return conv.unionByName(otherPaths)
                .withColumn("holdout", pmod(xxhash64(col("project_id"), col("entity"), lit(seed)), lit(holdoutBuckets))
                        .equalTo(0))
                .groupBy("project_id", "month", "path", "holdout")
                .agg(count(lit(1)).as("n"), flag("is_contacted").as("c_contacted"), flag("is_unknown").as("c_unknown"),
                        flag("is_accompanied").as("c_accompanied"), flag("is_handed_off").as("c_handed_off"));
    }
}
