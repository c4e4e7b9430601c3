package org.maraude.jobs.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.maraude.jobs.attribution.AttributionJob;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;
import org.maraude.jobs.journey.JourneyJob;
import org.maraude.jobs.spark.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3b, scoring: {@code creative_scores} (one row per project and creative),
 * {@code channel_scores} (per project and platform, and per platform across projects with
 * project_id {@code *}), and the MLlib models of "previously unknown" with their
 * {@code model_metrics} and {@code model_effects} (the attribution stage's Markov diagnostics and
 * removal effects are added to both). Writes the fitted pipelines under
 * {@code <models>/<run_id>/<scope>/<model>} (scope {@code all} for the pooled model), overwriting
 * that run's folder only; {@code <models>} is a local folder or any Hadoop file system's (the nightly
 * run passes its release's {@code models/}, so the models are published and rolled back with it).
 * Methodology: {@code docs/metrics.md}, "Attribution and scores".
 */
public final class ScoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

    private ScoringJob() {}

    /**
     * Settings (config keys in brackets): {@code minContacts} for the minimum-evidence flag
     * [scoring.min.contacts, 30]; {@code draws} of the probability of being best (4000);
     * {@code minModelRows} contacted youth (and {@code minModelClass} of each class) for a model of
     * a scope [scoring.model.min.rows, 300 / 30]; model settings (rare levels under 20 rows pooled,
     * one youth in 5 held out, ridge 1e-4, 20 trees of depth 4 at step 0.15); {@code seed}.
     */
    public record Params(long minContacts, int draws, long minModelRows, long minModelClass, int minLevelRows,
            int holdoutBuckets, double regParam, int gbtIterations, int gbtDepth, long seed) {
        public static Params defaults() {
            return new Params(30, 4000, 300, 30, 20, 5, 1e-4, 20, 4, 20_240_901L);
        }

        public Params withMinContacts(long v) {
            return new Params(v, draws, minModelRows, minModelClass, minLevelRows, holdoutBuckets, regParam,
                    gbtIterations, gbtDepth, seed);
        }

        public Params withMinModelRows(long rows, long perClass) {
            return new Params(minContacts, draws, rows, perClass, minLevelRows, holdoutBuckets, regParam,
                    gbtIterations, gbtDepth, seed);
        }

        /** Gradient-boosted trees: number of trees and their depth. */
        public Params withTrees(int iterations, int depth) {
            return new Params(minContacts, draws, minModelRows, minModelClass, minLevelRows, holdoutBuckets, regParam,
                    iterations, depth, seed);
        }

        Models.Settings models() {
            return new Models.Settings(minLevelRows, holdoutBuckets, seed, regParam, gbtIterations, gbtDepth,
                    Models.Settings.GBT_STEP_SIZE);
        }
    }

    /**
     * The tables, the run whose MLlib models they publish ({@code modelRun}: this run's or the kept one's) and
     * why the models were fitted or kept ({@code modelNote}).
     */
    public record Result(Dataset<Row> creativeScores, Dataset<Row> channelScores, Dataset<Row> modelMetrics,
            Dataset<Row> modelEffects, String modelRun, String modelNote) {}

    public static final StructType METRICS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("target", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("bin", DataTypes.IntegerType, true),
            DataTypes.createStructField("value", DataTypes.DoubleType, true),
            DataTypes.createStructField("n_train", DataTypes.LongType, true),
            DataTypes.createStructField("n_holdout", DataTypes.LongType, true)));

    public static final StructType EFFECTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("target", DataTypes.StringType, false),
            DataTypes.createStructField("feature", DataTypes.StringType, false),
            DataTypes.createStructField("level", DataTypes.StringType, true),
            DataTypes.createStructField("reference_level", DataTypes.StringType, true),
            DataTypes.createStructField("effect_type", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, true),
            DataTypes.createStructField("coefficient", DataTypes.DoubleType, true),
            DataTypes.createStructField("std_error", DataTypes.DoubleType, true),
            DataTypes.createStructField("ci_low", DataTypes.DoubleType, true),
            DataTypes.createStructField("ci_high", DataTypes.DoubleType, true),
            DataTypes.createStructField("p_value", DataTypes.DoubleType, true)));

    /** Folder name of a model scope: {@code all} for the pooled model, else the project id. */
    public static String scopeDir(String scope) {
        return scope.equals("*") ? "all" : scope;
    }

    public static Result run(IngestJob.Result in, JourneyJob.Result j, AttributionJob.Result a, Params p,
            Location models, String runId) {
        return run(in, j, a, p, models, runId, org.maraude.jobs.spark.Stored.inMemory(), null,
                ModelReuse.Policy.everyNight());
    }

    /**
     * The same, keeping the creative and channel scores with {@code store} while the models are
     * fitted: scores, and each scope's models, are independent Spark jobs run side by side. With a
     * {@code previous} release whose models {@code reuse} allows ({@link ModelReuse}), those are
     * copied under {@code models} and republished instead of fitting new ones.
     */
    @SuppressWarnings("unchecked")
    public static Result run(IngestJob.Result in, JourneyJob.Result j, AttributionJob.Result a, Params p,
            Location models, String runId, org.maraude.jobs.spark.Stored store, ModelReuse.Previous previous,
            ModelReuse.Policy reuse) {
        SparkSession spark = j.youthJourney().sparkSession();
        Dataset<Row> journey = j.youthJourney();
        spark.sparkContext().setJobDescription("scoring: costs and counts");
        Dataset<Row> daily = Scores.dailyExposure(in.get(Contract.AD_DELIVERY), in.get(Contract.SOCIAL_POSTS)).cache();
        Dataset<Row> allocated = Scores.allocateCosts(in.get(Contract.COSTS), in.get(Contract.AD_DELIVERY),
                in.get(Contract.CREATIVES)).cache();

        Timestamp trainedAt = Timestamp.from(Instant.now());
        // Independent work run side by side: the two score tables, and the models, whose many one-task jobs (an
        // optimiser step, a tree level) would otherwise leave a core idle. Each item also builds its own plans:
        // the score tables' take seconds of the driver's time to analyse, during which the other items' jobs run.
        List<java.util.function.Supplier<Object>> work = new ArrayList<>();
        work.add(() -> store.keep("creative_scores", creativeScores(in, journey, daily, allocated, p)));
        work.add(() -> store.keep("channel_scores", channelScores(journey, daily, allocated, p)));
        work.add(() -> models(in, journey, p, models, runId, previous, reuse, trainedAt));
        List<Object> done = org.maraude.jobs.spark.Concurrently.map(work, java.util.function.Supplier::get);
        Dataset<Row> creativeScores = (Dataset<Row>) done.get(0);
        Dataset<Row> channelScores = (Dataset<Row>) done.get(1);
        FittedModels fitted = (FittedModels) done.get(2);
        ModelReuse.Decision decision = fitted.decision();
        List<Row> metricRows = fitted.metrics();
        List<Row> effectRows = fitted.effects();
        spark.sparkContext().setJobDescription(null);

        Column modelPath = org.apache.spark.sql.functions.when(col("model").isin(Models.LOGISTIC, Models.GBT),
                org.apache.spark.sql.functions.concat_ws("/", lit(runId),
                        org.apache.spark.sql.functions.when(col("scope").equalTo("*"), lit("all")).otherwise(col("scope")),
                        col("model")));
        Dataset<Row> metrics = spark.createDataFrame(metricRows, METRICS)
                .unionByName(a.metrics().withColumn("bin", lit(null).cast("int")))
                .withColumn("run_id", lit(runId))
                .withColumn("trained_at", lit(trainedAt))
                .withColumn("model_path", modelPath);
        Dataset<Row> effects = spark.createDataFrame(effectRows, EFFECTS)
                .unionByName(a.effects().withColumn("reference_level", lit(null).cast("string"))
                        .withColumn("coefficient", lit(null).cast("double"))
                        .withColumn("std_error", lit(null).cast("double"))
                        .withColumn("ci_low", lit(null).cast("double"))
                        .withColumn("ci_high", lit(null).cast("double"))
                        .withColumn("p_value", lit(null).cast("double")))
                .withColumn("run_id", lit(runId));
        if (decision.reuse()) {
            // the kept fit's rows as published, with their own run id, time and model path
            Column mllib = col("model").isin(Models.LOGISTIC, Models.GBT);
            metrics = metrics.unionByName(previous.metrics().filter(mllib).select(metrics.columns()[0],
                    java.util.Arrays.copyOfRange(metrics.columns(), 1, metrics.columns().length)));
            effects = effects.unionByName(previous.effects().filter(mllib).select(effects.columns()[0],
                    java.util.Arrays.copyOfRange(effects.columns(), 1, effects.columns().length)));
        }
        return new Result(creativeScores, channelScores, metrics, effects,
                fitted.modelRun(), decision.reason());
    }

    private static Dataset<Row> creativeScores(IngestJob.Result in, Dataset<Row> journey, Dataset<Row> daily,
            Dataset<Row> allocated, Params p) {
        Dataset<Row> creatives = Scores.withRates(Scores.creativeCounts(journey, daily, in.get(Contract.CREATIVES),
                allocated));
        creatives = Scores.withPrior(creatives, new String[] {"project_id", "platform"}, new String[] {"project_id"});
        creatives = Scores.withPosterior(creatives, "creative_id", p.draws(), p.seed());
        creatives = creatives.join(Scores.weeklyTrend(daily, "project_id", "creative_id"),
                new String[] {"project_id", "creative_id"}, "left");
        return Scores.ranked(creatives, "creative_id", p.minContacts());
    }

    private static Dataset<Row> channelScores(Dataset<Row> journey, Dataset<Row> daily, Dataset<Row> allocated,
            Params p) {
        Dataset<Row> channels = Scores.withRates(Scores.channelCounts(journey, daily, allocated));
        channels = Scores.withPrior(channels, new String[] {"project_id"}, new String[0]);
        channels = Scores.withPosterior(channels, "platform", p.draws(), p.seed());
        Dataset<Row> dailyAll = daily.unionByName(daily.withColumn("project_id", lit("*")));
        channels = channels.join(Scores.weeklyTrend(dailyAll, "project_id", "platform"),
                new String[] {"project_id", "platform"}, "left");
        return Scores.ranked(channels, "platform", p.minContacts());
    }

    /** The run whose models are published (null: none), why, and the metric and effect rows of the fitted ones. */
    private record FittedModels(String modelRun, ModelReuse.Decision decision, List<Row> metrics, List<Row> effects) {}

    /**
     * The models of every scope with enough contacted youth, fitted side by side (a scope's models are one item:
     * it stores its design rows once and fits its models side by side), or the kept ones copied.
     */
    private static FittedModels models(IngestJob.Result in, Dataset<Row> journey, Params p, Location models,
            String runId, ModelReuse.Previous previous, ModelReuse.Policy reuse, Timestamp trainedAt) {
        journey.sparkSession().sparkContext().setJobDescription("scoring: contacted youth per model scope");
        Dataset<Row> frame = Models.features(journey, in.get(Contract.CREATIVES), p.models());
        // the scopes read two columns of the journeys; the features are computed (and cached) only for a fit
        java.util.Map<String, Long> scopes = Models.scopes(frame, p.minModelRows(), p.minModelClass());
        String settings = ModelReuse.settings(p);
        ModelReuse.Decision decision = decide(previous, reuse, settings, scopes, trainedAt.toInstant());
        LOG.info("scoring: models for scopes {}: {}", scopes.keySet(), decision.reason());
        List<Row> metricRows = new ArrayList<>();
        List<Row> effectRows = new ArrayList<>();
        if (decision.reuse()) {
            copyTree(previous.models().resolve(decision.runId()), models.resolve(decision.runId()));
        } else if (!scopes.isEmpty()) {
            Dataset<Row> base = frame.cache();
            base.count(); // filled once, before the scopes' fits read it side by side
            ModelReuse.writeSettings(models.resolve(runId), settings);
            List<Models.Fitted> fitted = org.maraude.jobs.spark.Concurrently.map(List.copyOf(scopes.keySet()), scope -> {
                List<String> features = new ArrayList<>(Models.FEATURES);
                Dataset<Row> data = base;
                if (scope.equals("*")) {
                    features.add("project");
                    data = base.withColumn("project", col("project_id"));
                } else {
                    data = base.filter(col("project_id").equalTo(scope));
                }
                data = Models.poolRareLevels(data, features, p.minLevelRows());
                return Models.fit(data, scope, features, Models.kinds(scope), p.models(),
                        models.resolve(runId).resolve(scopeDir(scope)));
            });
            fitted.forEach(f -> {
                metricRows.addAll(f.metrics());
                effectRows.addAll(f.effects());
            });
            base.unpersist();
        }
        return new FittedModels(decision.reuse() ? decision.runId() : scopes.isEmpty() ? null : runId, decision,
                metricRows, effectRows);
    }

    private static ModelReuse.Decision decide(ModelReuse.Previous previous, ModelReuse.Policy policy, String settings,
            java.util.Map<String, Long> scopes, Instant now) {
        if (scopes.isEmpty()) {
            return new ModelReuse.Decision(null, "no scope has enough contacted youth for a model");
        }
        if (previous == null || policy.maxAgeDays() <= 0) {
            return ModelReuse.decide(null, null, settings, scopes, now, policy);
        }
        ModelReuse.Fit fit = ModelReuse.fitOf(previous.metrics()
                .select("model", "scope", "metric", "bin", "n_train", "n_holdout", "run_id", "trained_at")
                .filter(col("model").isin(Models.LOGISTIC, Models.GBT).and(col("bin").isNull())).collectAsList());
        String then = fit == null ? null : ModelReuse.readSettings(previous.models().resolve(fit.runId()));
        return ModelReuse.decide(fit, then, settings, scopes, now, policy);
    }

    private static void copyTree(Location from, Location to) {
        try {
            from.copyTo(to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the models " + from + " to " + to, e);
        }
    }
}
