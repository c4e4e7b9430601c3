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
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
     *
     * <p>The touches' credits are first summed per project, month, platform, creative and outcome flags (a row per
     * touch, the five models as columns), and only those sums are spread over models and outcomes: 20 rows per touch
     * were aggregated before. A group has a row when one of its touches has a positive credit for the model, as
     * before (credits are never negative, so their sum is positive exactly then).
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
        Map<String, Column> credit = Map.of("first_touch", when(pos.equalTo(n), 1.0).otherwise(0.0),
                "last_touch", when(pos.equalTo(1), 1.0).otherwise(0.0),
                "linear", lit(1.0).divide(n),
                "time_decay", col("_decay"),
                "position_based", position);
        Column[] sums = HEURISTIC_MODELS.stream().map(m -> sum(credit.get(m)).as("_c_" + m)).toArray(Column[]::new);
        return converterTouches
                .withColumn("_decay", decay)
                .withColumn("_decay", col("_decay").divide(sum("_decay").over(Window.partitionBy("project_id", "youth_key"))))
                .groupBy(col("project_id"), col("month"), col("platform"), col("creative_id"), col("is_unknown"),
                        col("is_accompanied"), col("is_handed_off"))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
                .withColumn("_m", explode(array(HEURISTIC_MODELS.stream()
                        .map(m -> struct(lit(m).as("model"), col("_c_" + m).as("credit"))).toArray(Column[]::new))))
                .filter(col("_m.credit").gt(0))
                .withColumn("outcome", explode(outcomes()))
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
     * Paths that did not convert to contact, counted: anonymous visitors (touches no identity link
     * claims, grouped by visitor) and identified youth without a contact in that project, each over
     * the {@code windowDays} up to their last touch, in the Paris month of that last touch. One row
     * per project, month, path and holdout flag with the number of entities {@code n} (the
     * conversion counts are zero), in {@link #pathCounts}'s schema. {@code contacted}: project_id,
     * youth_key of the converting youth.
     */
    static Dataset<Row> otherPathCounts(Dataset<Row> channelTouches, Dataset<Row> contacted, int windowDays,
            int holdoutBuckets, long seed) {
        return countPaths(otherTouches(channelTouches, contacted, seed), windowDays, holdoutBuckets);
    }

    /** The channel touches of the entities whose paths did not convert, each with its {@code entity} and hash {@code _h}. */
    static Dataset<Row> otherTouches(Dataset<Row> channelTouches, Dataset<Row> contacted, long seed) {
        Dataset<Row> k = contacted.select(col("project_id").as("k_project"), col("youth_key").as("k_youth"));
        // Only identified touches can belong to a contacted youth: anonymous ones (nearly all of them) skip the
        // anti-join, whose shuffle on a null youth_key would also send each project's anonymous touches to one task.
        return channelTouches.filter(col("youth_key").isNotNull())
                .join(k, col("project_id").equalTo(col("k_project")).and(col("youth_key").equalTo(col("k_youth"))),
                        "left_anti")
                .unionByName(channelTouches.filter(col("youth_key").isNull()))
                .withColumn("entity", entity(col("youth_key"), col("visitor_key")))
                .withColumn("_h", xxhash64(col("project_id"), col("entity"), lit(seed)));
    }

    /** Whose path a touch is on: its youth, else its visitor's (prefixed {@code v:}, apart from youth keys). */
    static Column entity(Column youth, Column visitor) {
        return coalesce(youth, concat(lit("v:"), visitor));
    }

    /** {@link #otherTouches} counted by project, month, collapsed path and holdout flag. */
    static Dataset<Row> countPaths(Dataset<Row> otherTouches, int windowDays, int holdoutBuckets) {
        // Each entity's touches end up next to each other in the source rule's order read backwards (time
        // ascending; at one instant creative, raw platform and type descending, no creative or platform first, no
        // type last): one shuffle and one sort led by a long, then a single pass counts the paths. A collect-list
        // aggregate of 10.6 M mostly one-touch entities (scale 100) fell back to sorting twice and spilled.
        Dataset<Row> sorted = otherTouches.select(col("_h"), col("project_id"), col("entity"), col("ts"),
                        col("creative_id").as("cr"), col("raw_platform").as("rp"), col("touch_type").as("tt"),
                        coalesce(col("platform"), lit(NO_CHANNEL)).as("ch"))
                .repartition(col("_h"))
                .sortWithinPartitions(col("_h"), col("project_id"), col("entity"), col("ts"), col("cr").desc_nulls_first(),
                        col("rp").desc_nulls_first(), col("tt").desc_nulls_last());
        return sorted.mapPartitions(new PathCounter(windowDays, holdoutBuckets), Encoders.row(COUNTS))
                .groupBy("project_id", "month", "path", "holdout")
                .agg(sum("n").as("n"), sum("c_contacted").as("c_contacted"), sum("c_unknown").as("c_unknown"),
                        sum("c_accompanied").as("c_accompanied"), sum("c_handed_off").as("c_handed_off"));
    }

    /** Schema of path counts. */
    static final StructType COUNTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("project_id", DataTypes.StringType, false),
            DataTypes.createStructField("month", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("holdout", DataTypes.BooleanType, false),
            DataTypes.createStructField("n", DataTypes.LongType, false),
            DataTypes.createStructField("c_contacted", DataTypes.LongType, false),
            DataTypes.createStructField("c_unknown", DataTypes.LongType, false),
            DataTypes.createStructField("c_accompanied", DataTypes.LongType, false),
            DataTypes.createStructField("c_handed_off", DataTypes.LongType, false)));

    /**
     * Walks a partition of touches sorted by entity then in path order ({@code _h, project_id,
     * entity, ts, cr, rp, tt, ch}) and counts each entity's collapsed path once, by project, Paris
     * month of its last touch and holdout flag.
     */
    static final class PathCounter implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final long windowMicros;
        private final int holdoutBuckets;

        PathCounter(int windowDays, int holdoutBuckets) {
            this.windowMicros = windowDays * 86_400_000_000L;
            this.holdoutBuckets = holdoutBuckets;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Map<List<Object>, long[]> counts = new HashMap<>();
            List<Long> ts = new ArrayList<>();
            List<String> ch = new ArrayList<>();
            String project = null;
            String entity = null;
            long hash = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                String p = r.getString(1);
                String e = r.getString(2);
                if (entity != null && (r.getLong(0) != hash || !e.equals(entity) || !p.equals(project))) {
                    count(counts, project, hash, ts, ch);
                    ts.clear();
                    ch.clear();
                }
                hash = r.getLong(0);
                project = p;
                entity = e;
                ts.add(micros(r.get(3)));
                ch.add(r.getString(7));
            }
            if (entity != null) {
                count(counts, project, hash, ts, ch);
            }
            List<Row> out = new ArrayList<>(counts.size());
            // arrays, not lists: the row encoder takes a Scala sequence or an array for an array column
            counts.forEach((k, n) -> out.add(RowFactory.create(k.get(0), k.get(1),
                    ((List<?>) k.get(2)).toArray(new String[0]), k.get(3), n[0], 0L, 0L, 0L, 0L)));
            return out.iterator();
        }

        private void count(Map<List<Object>, long[]> counts, String project, long hash, List<Long> ts, List<String> ch) {
            long last = ts.get(ts.size() - 1);
            List<String> path = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                if (ts.get(i) >= last - windowMicros && (path.isEmpty() || !path.get(path.size() - 1).equals(ch.get(i)))) {
                    path.add(ch.get(i));
                }
            }
            Instant at = Instant.ofEpochSecond(Math.floorDiv(last, 1_000_000L), Math.floorMod(last, 1_000_000L) * 1000);
            String month = YearMonth.from(at.atZone(PARIS)).toString();
            boolean holdout = Math.floorMod(hash, (long) holdoutBuckets) == 0;
            counts.computeIfAbsent(List.of(project, month, path, holdout), k -> new long[1])[0]++;
        }

        private static long micros(Object ts) {
            Instant i = ts instanceof Instant instant ? instant : ((java.sql.Timestamp) ts).toInstant();
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
        }
    }

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Column flag(String c) {
        return sum(when(col(c), 1L).otherwise(0L));
    }

    /**
     * Distinct paths per project and month with their count, conversions per outcome and a holdout flag
     * (one entity in {@code holdoutBuckets}, by a hash of its key: the same split every run), the
     * converting youth's paths added to the {@link #otherPathCounts}.
     */
    static Dataset<Row> pathCounts(Dataset<Row> converterPaths, Dataset<Row> otherPathCounts, int holdoutBuckets,
            long seed) {
        Dataset<Row> conv = converterPaths
                .withColumn("holdout", pmod(xxhash64(col("project_id"), col("entity"), lit(seed)), lit(holdoutBuckets))
                        .equalTo(0))
                .groupBy("project_id", "month", "path", "holdout")
                .agg(count(lit(1)).as("n"), count(lit(1)).as("c_contacted"), flag("is_unknown").as("c_unknown"),
                        flag("is_accompanied").as("c_accompanied"), flag("is_handed_off").as("c_handed_off"));
        return conv.unionByName(otherPathCounts)
                .groupBy("project_id", "month", "path", "holdout")
                .agg(sum("n").as("n"), sum("c_contacted").as("c_contacted"), sum("c_unknown").as("c_unknown"),
                        sum("c_accompanied").as("c_accompanied"), sum("c_handed_off").as("c_handed_off"));
    }
}
