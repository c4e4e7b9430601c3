package org.maraude.jobs.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.ingest.LayerAggregates;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.spark.Sessions;
import org.maraude.jobs.spark.Stored;

/**
 * Stage 3a, attribution: the {@code attribution} table (project_id, month, model, outcome,
 * platform, creative_id, credit) for the outcomes contacted, contacted_unknown, accompanied and
 * handed_off, under eight models: first_touch, last_touch, linear, time_decay, position_based
 * (per touch, at creative level) and markov_1, markov_2, shapley (channel level, creative_id
 * null; see {@link ChannelModels}). Months are the Paris months of first contact. Each model's credits sum to the number of
 * outcomes per project and month; last_touch equals the integer source of {@code youth_journey};
 * youth without touches keep their integer source (or {@code unattributed}); channels and
 * creatives running that month with no credit have rows with credit 0.
 *
 * <p>Also returns the channel models' diagnostics (conversion probability, holdout
 * log-likelihood and BIC per Markov order, the chosen order) and their removal effects, in the
 * shape of {@code model_metrics} and {@code model_effects} without run-level columns (the scoring
 * stage completes and publishes them). Methodology: {@code docs/metrics.md}.
 */
public final class AttributionJob {
    private AttributionJob() {}

    public static final List<String> MODELS = List.of("first_touch", "last_touch", "linear", "time_decay",
            "position_based", "markov_1", "markov_2", "shapley");
    public static final List<String> OUTCOMES = Paths.OUTCOMES;
    /** Folder of the staging area where the counts of the paths that did not convert are kept between nights. */
    public static final String KEPT_PATHS = KeptPaths.DIR;

    /**
     * Settings (config keys in brackets). {@code sourceWindowDays} [journey.source.window.days, 30];
     * {@code halfLifeDays} of time decay [attribution.half.life.days, 7]; position-based shares of
     * the first and last touch [attribution.position.first/last, 0.4/0.4]; Shapley exact up to
     * {@code shapleyExactMax} channels (15), else {@code shapleyPermutations} (2000) seeded
     * permutations; {@code holdoutBuckets}: one path in that many is held out for the Markov order
     * diagnostic (5); {@code seed} of the sampled Shapley permutations and of the holdout split.
     */
    public record Params(int sourceWindowDays, double halfLifeDays, double positionFirst, double positionLast,
            int shapleyExactMax, int shapleyPermutations, int holdoutBuckets, long seed) {
        public Params {
            if (!(halfLifeDays > 0)) {
                throw new IllegalArgumentException("attribution half-life must be positive");
            }
            if (positionFirst < 0 || positionLast < 0 || positionFirst + positionLast > 1) {
                throw new IllegalArgumentException("position-based shares must be in [0, 1] and sum to at most 1");
            }
        }

        public static Params defaults() {
            return new Params(30, 7, 0.4, 0.4, 15, 2000, 5, 20_240_901L);
        }

        public Params withSourceWindowDays(int days) {
            return new Params(days, halfLifeDays, positionFirst, positionLast, shapleyExactMax, shapleyPermutations,
                    holdoutBuckets, seed);
        }

        public Params withHalfLifeDays(double days) {
            return new Params(sourceWindowDays, days, positionFirst, positionLast, shapleyExactMax, shapleyPermutations,
                    holdoutBuckets, seed);
        }

        ChannelModels.Settings channelSettings() {
            return new ChannelModels.Settings(shapleyExactMax, shapleyPermutations, seed, 0.5);
        }
    }

    /**
     * {@code attribution}; {@code metrics}: model, scope, target, metric, value, n_train, n_holdout;
     * {@code effects}: model, scope, target, feature, level, effect_type, value; {@code pathsNote}: how the paths
     * that did not convert were counted (for the run log).
     */
    public record Result(Dataset<Row> attribution, Dataset<Row> metrics, Dataset<Row> effects, String pathsNote) {}

    static final StructType CREDITS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("project_id", DataTypes.StringType, false),
            DataTypes.createStructField("month", DataTypes.StringType, false),
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("outcome", DataTypes.StringType, false),
            DataTypes.createStructField("platform", DataTypes.StringType, true),
            DataTypes.createStructField("creative_id", DataTypes.StringType, true),
            DataTypes.createStructField("credit", DataTypes.DoubleType, false)));

    public static final StructType METRICS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("target", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, true),
            DataTypes.createStructField("n_train", DataTypes.LongType, true),
            DataTypes.createStructField("n_holdout", DataTypes.LongType, true)));

    public static final StructType EFFECTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("target", DataTypes.StringType, false),
            DataTypes.createStructField("feature", DataTypes.StringType, false),
            DataTypes.createStructField("level", DataTypes.StringType, true),
            DataTypes.createStructField("effect_type", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, true)));

    public static Result run(IngestJob.Result in, JourneyJob.Result j, Params p) {
        return run(in, j, p, null, Stored.inMemory());
    }

    /**
     * The same, keeping the counts of the paths that did not convert under {@code kept} (the staging folder's
     * {@code _paths}; null: nothing kept), from which the next night counts only what its added layers change, and
     * the credits with {@code store}.
     */
    public static Result run(IngestJob.Result in, JourneyJob.Result j, Params p, Location kept, Stored store) {
        SparkSession spark = j.youthJourney().sparkSession();
        spark.sparkContext().setJobDescription("attribution: distinct paths for the channel models");
        Dataset<Row> converters = Paths.converters(j.youthJourney());
        // The paths that did not convert: counted from every touch on a full night (shuffle partitions follow the
        // inbox), brought up to date from the kept counts on the next ones; kept counts are computed now.
        Dataset<Row> touches = Paths.channelTouches(j.touches(), in.get(Contract.CREATIVES));
        KeptPaths.Counted other = kept == null
                ? new KeptPaths.Counted(Paths.otherPathCounts(touches, converters, p.sourceWindowDays(), p.holdoutBuckets(),
                        p.seed()), "counted from every touch")
                : KeptPaths.otherPathCounts(kept, in, j.params(), p, touches, converters);
        // The rest is about converters and their touches (a small share): one shuffle partition per core, also when
        // the credits are kept (Spark plans a query's shuffles when it runs).
        return Sessions.smallShuffles(spark, () -> credits(in, j, p, converters, other, store));
    }

    private static Result credits(IngestJob.Result in, JourneyJob.Result j, Params p, Dataset<Row> converters,
            KeptPaths.Counted other, Stored store) {
        SparkSession spark = converters.sparkSession();
        spark.sparkContext().setJobDescription("attribution: touch paths");
        // Converters' touches come from the touches with a youth (a small share).
        Dataset<Row> convTouches = Paths.converterTouches(converters,
                Paths.channelTouches(j.youthTouches(), in.get(Contract.CREATIVES)), p.sourceWindowDays()).cache();
        Dataset<Row> convPaths = Paths.converterPaths(convTouches).cache();

        Dataset<Row> heuristic = Paths.heuristicCredits(convTouches, p.halfLifeDays(), p.positionFirst(),
                p.positionLast());
        Dataset<Row> noPath = Paths.noPathCredits(converters, convTouches, MODELS);

        spark.sparkContext().setJobDescription("attribution: distinct paths for the channel models");
        // Distinct paths with counts per project: a few hundred rows each, the only data the driver sees.
        List<Row> counts = Paths.pathCounts(convPaths, other.counts(), p.holdoutBuckets(), p.seed()).collectAsList();
        ChannelRows channel = channelModels(counts, p.channelSettings());
        Dataset<Row> channelCredits = spark.createDataFrame(channel.credits(), CREDITS);

        spark.sparkContext().setJobDescription("attribution: credits");
        Dataset<Row> credited = heuristic.unionByName(channelCredits).unionByName(noPath)
                .groupBy("project_id", "month", "model", "outcome", "platform", "creative_id")
                .agg(sum("credit").as("credit"))
                .cache(); // read three times: as the credits, and for the creatives and channels they leave out
        Dataset<Row> attribution = store.keep("attribution", credited.unionByName(zeroRows(credited, converters, in))
                .select(col("project_id"), col("month"), col("model"), col("outcome"),
                        when(col("platform").equalTo(Paths.NO_CHANNEL), lit(null)).otherwise(col("platform")).as("platform"),
                        col("creative_id"), col("credit")));
        spark.sparkContext().setJobDescription(null);
        return new Result(attribution, spark.createDataFrame(channel.metrics(), METRICS),
                spark.createDataFrame(channel.effects(), EFFECTS), other.note());
    }

    record ChannelRows(List<Row> credits, List<Row> metrics, List<Row> effects) {}

    /** Runs {@link ChannelModels} per project on the collected distinct path counts. */
    static ChannelRows channelModels(List<Row> counts, ChannelModels.Settings settings) {
        Map<String, List<ChannelModels.PathRow>> byProject = new TreeMap<>();
        for (Row r : counts) {
            List<String> path = r.getList(r.fieldIndex("path"));
            if (path.isEmpty()) {
                continue;
            }
            long[] conv = {r.getLong(r.fieldIndex("c_contacted")), r.getLong(r.fieldIndex("c_unknown")),
                r.getLong(r.fieldIndex("c_accompanied")), r.getLong(r.fieldIndex("c_handed_off"))};
            byProject.computeIfAbsent(r.getString(r.fieldIndex("project_id")), k -> new ArrayList<>())
                    .add(new ChannelModels.PathRow(r.getString(r.fieldIndex("month")), List.copyOf(path),
                            r.getBoolean(r.fieldIndex("holdout")), r.getLong(r.fieldIndex("n")), conv));
        }
        List<Row> credits = new ArrayList<>();
        List<Row> metrics = new ArrayList<>();
        List<Row> effects = new ArrayList<>();
        byProject.forEach((project, rows) -> {
            // paths are sorted so that the models see the same input order every run
            rows.sort(java.util.Comparator.comparing((ChannelModels.PathRow r) -> String.valueOf(r.month()))
                    .thenComparing(r -> r.key()).thenComparing(r -> r.holdout()));
            ChannelModels.Output out = ChannelModels.compute(rows, OUTCOMES, settings);
            out.credits().forEach(c -> credits.add(RowFactory.create(project, c.month(), c.model(), c.outcome(),
                    c.channel(), null, c.credit())));
            out.metrics().forEach(m -> metrics.add(RowFactory.create(m.model(), project, m.target(), m.metric(),
                    Double.isNaN(m.value()) ? null : m.value(), m.nTrain(), m.nHoldout())));
            out.effects().forEach(e -> effects.add(RowFactory.create(e.model(), project, e.target(), "channel",
                    e.channel().equals(Paths.NO_CHANNEL) ? null : e.channel(), e.type(), e.value())));
        });
        return new ChannelRows(credits, metrics, effects);
    }

    /**
     * Rows with credit 0 so that no channel disappears: for every project month with contacts,
     * outcome and model, each channel of the project (catalogue, delivery, posts or touches) that
     * has no credit; and for the creative-level models, each creative running that month (with
     * impressions or posts) that has no credit.
     */
    static Dataset<Row> zeroRows(Dataset<Row> credited, Dataset<Row> converters, IngestJob.Result in) {
        Dataset<Row> months = converters.select("project_id", "month").distinct();
        Column[] outcomeLits = OUTCOMES.stream().map(o -> lit(o)).toArray(Column[]::new);
        Column[] modelLits = MODELS.stream().map(m -> lit(m)).toArray(Column[]::new);
        Column[] heuristicLits = Paths.HEURISTIC_MODELS.stream().map(m -> lit(m)).toArray(Column[]::new);
        Dataset<Row> ads = in.get(Contract.AD_DELIVERY);
        Dataset<Row> posts = in.get(Contract.SOCIAL_POSTS);
        Dataset<Row> channels = Stream.of(in.get(Contract.CREATIVES).select("project_id", "platform"),
                        ads.select("project_id", "platform"), posts.select("project_id", "platform"),
                        // the touchpoints' own platforms: the others of the channel touches are the catalogue's
                        // (per layer of the touchpoints, once: a night reads those of the layers it kept)
                        LayerAggregates.perLayer(in, Contract.TOUCHPOINTS, "platforms-1",
                                t -> t.select("project_id", "platform").distinct()))
                .reduce(Dataset::union).orElseThrow()
                .filter(col("platform").isNotNull()).distinct()
                .withColumnRenamed("project_id", "ch_project");
        Dataset<Row> channelGrid = months.join(channels, col("project_id").equalTo(col("ch_project")))
                .withColumn("outcome", explode(array(outcomeLits)))
                .withColumn("model", explode(array(modelLits)))
                .select("project_id", "month", "model", "outcome", "platform");
        Dataset<Row> catalogue = in.get(Contract.CREATIVES).select(col("project_id").as("c_project"),
                col("creative_id").as("c_creative"), col("platform").as("c_platform"));
        Dataset<Row> running = ads.filter(col("impressions").gt(0))
                .select(col("project_id").as("a_project"), date_format(col("date"), "yyyy-MM").as("a_month"),
                        col("creative_id").as("a_creative"), col("platform").as("a_platform"))
                .union(posts.filter(col("creative_id").isNotNull())
                        .select(col("project_id"), date_format(col("date"), "yyyy-MM"), col("creative_id"), col("platform")))
                .join(catalogue, col("a_project").equalTo(col("c_project")).and(col("a_creative").equalTo(col("c_creative"))),
                        "left")
                .groupBy(col("a_project"), col("a_month"), col("a_creative"))
                .agg(org.apache.spark.sql.functions.min(org.apache.spark.sql.functions.coalesce(col("c_platform"),
                        col("a_platform"))).as("a_platform"));
        Dataset<Row> creativeGrid = months.join(running, col("project_id").equalTo(col("a_project"))
                        .and(col("month").equalTo(col("a_month"))))
                .withColumn("outcome", explode(array(outcomeLits)))
                .withColumn("model", explode(array(heuristicLits)))
                .select(col("project_id"), col("month"), col("model"), col("outcome"), col("a_platform").as("platform"),
                        col("a_creative").as("creative_id"));
        Dataset<Row> creditedCreatives = credited.filter(col("creative_id").isNotNull())
                .select(col("project_id").as("y_project"), col("month").as("y_month"), col("model").as("y_model"),
                        col("outcome").as("y_outcome"), col("creative_id").as("y_creative")).distinct();
        Dataset<Row> creativeZeros = creativeGrid.join(creditedCreatives, col("project_id").equalTo(col("y_project"))
                        .and(col("month").equalTo(col("y_month"))).and(col("model").equalTo(col("y_model")))
                        .and(col("outcome").equalTo(col("y_outcome"))).and(col("creative_id").equalTo(col("y_creative"))),
                        "left_anti")
                .select(col("project_id"), col("month"), col("model"), col("outcome"), col("platform"),
                        col("creative_id"), lit(0.0).as("credit"));
        Dataset<Row> creditedChannels = credited.unionByName(creativeZeros).select(col("project_id").as("x_project"), col("month").as("x_month"),
                col("model").as("x_model"), col("outcome").as("x_outcome"), col("platform").as("x_platform")).distinct();
        Dataset<Row> channelZeros = channelGrid.join(creditedChannels, col("project_id").equalTo(col("x_project"))
                        .and(col("month").equalTo(col("x_month"))).and(col("model").equalTo(col("x_model")))
                        .and(col("outcome").equalTo(col("x_outcome"))).and(col("platform").equalTo(col("x_platform"))),
                        "left_anti")
                .select(col("project_id"), col("month"), col("model"), col("outcome"), col("platform"),
                        lit(null).cast("string").as("creative_id"), lit(0.0).as("credit"));

        return channelZeros.unionByName(creativeZeros);
    }
}
