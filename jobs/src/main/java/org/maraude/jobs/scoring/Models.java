package org.maraude.jobs.scoring;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.feature.VectorSlicer;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.maraude.jobs.attribution.LinearSolve;
import org.maraude.jobs.spark.Location;

/**
 * MLlib models of "previously unknown" among contacted youth, from the source touch and the
 * profile: a logistic regression for interpretable odds ratios and gradient-boosted trees for
 * accuracy, each an ML Pipeline (StringIndexer → OneHotEncoder → VectorAssembler → VectorSlicer →
 * classifier) saved whole, so that {@code PipelineModel.load} scores new youth the same way.
 *
 * <p>Each categorical feature is one-hot encoded against its most frequent level in the training
 * data (the reference, dropped by the slicer); levels with fewer than {@code minLevelRows} rows
 * become {@code other}; a level never seen in training is scored as the reference. Standard
 * errors of the logistic coefficients come from the observed Fisher information of the
 * (slightly ridge-penalised) likelihood, {@code (X'WX + nλI)⁻¹}, with X'WX aggregated in Spark and
 * inverted on the driver. Holdout: one youth in {@code holdoutBuckets} by a hash of the key.
 */
final class Models {
    private Models() {}

    static final String LABEL = "label";
    static final String TARGET = "previously_unknown";
    static final String LOGISTIC = "logistic";
    static final String GBT = "gbt";
    /** Features of the source touch and of the profile (contract words); project_id is added when pooled. */
    static final List<String> FEATURES = List.of("platform", "format", "theme", "creator", "placement", "contact_hour",
            "contact_day", "age_band", "gender", "dept", "qpv", "zrr", "rqth", "diploma_level", "situation");

    /**
     * Model settings. The trees: {@code gbtIterations} of depth {@code gbtDepth}, each added with weight
     * {@code gbtStepSize}. 20 trees at 0.15 predict the holdout as well as 30 at 0.1 with a third fewer Spark jobs
     * (a job per tree level, the scoring stage's longest chain): scale 100's pooled scope, 171,520 youth fitted and
     * 43,292 held out, AUC 0.7213 against 0.7201, log loss 0.5432 against 0.5438, fit 25.2 s against 41.9 s.
     */
    record Settings(int minLevelRows, int holdoutBuckets, long seed, double regParam, int gbtIterations, int gbtDepth,
            double gbtStepSize) {
        static final double GBT_STEP_SIZE = 0.15;

        static Settings defaults() {
            return new Settings(20, 5, 20_240_901L, 1e-4, 20, 4, GBT_STEP_SIZE);
        }
    }

    /** What a fitted scope produced: metric rows, effect rows (run-level columns added later) and model paths. */
    record Fitted(List<Row> metrics, List<Row> effects) {}

    private static Column label(Column c) {
        return coalesce(lower(c.cast("string")), lit("unknown"));
    }

    /**
     * The modelling frame: one row per contacted youth, every feature a string level (null →
     * {@code unknown}; no source → {@code none}), label 1.0 when previously unknown, and the
     * holdout flag.
     */
    static Dataset<Row> features(Dataset<Row> journey, Dataset<Row> creatives, Settings s) {
        Dataset<Row> cre = creatives.select(col("project_id").as("c_project"), col("creative_id").as("c_creative"),
                col("format").as("c_format"), col("theme").as("c_theme"), col("creator").as("c_creator"));
        Column local = from_utc_timestamp(col("first_contact_ts"), "Europe/Paris");
        Column h = hour(local);
        return journey.join(cre, col("project_id").equalTo(col("c_project"))
                        .and(col("source_creative_id").equalTo(col("c_creative"))), "left")
                .select(col("project_id"), col("youth_key"),
                        coalesce(col("source_platform"), lit("none")).as("platform"),
                        when(col("source_creative_id").isNull(), lit("none")).otherwise(label(col("c_format"))).as("format"),
                        when(col("source_creative_id").isNull(), lit("none")).otherwise(label(col("c_theme"))).as("theme"),
                        when(col("source_creative_id").isNull(), lit("none")).otherwise(label(col("c_creator")))
                                .as("creator"),
                        coalesce(col("source_placement_id"), lit("none")).as("placement"),
                        when(h.lt(6), lit("night")).when(h.lt(12), lit("morning")).when(h.lt(18), lit("afternoon"))
                                .otherwise(lit("evening")).as("contact_hour"),
                        lower(date_format(local, "EEE")).as("contact_day"),
                        label(col("age_band")).as("age_band"), label(col("gender")).as("gender"),
                        label(col("dept")).as("dept"), label(col("qpv")).as("qpv"), label(col("zrr")).as("zrr"),
                        label(col("rqth")).as("rqth"), label(col("diploma_level")).as("diploma_level"),
                        label(col("situation")).as("situation"),
                        when(col("previously_unknown"), 1.0).otherwise(0.0).as(LABEL),
                        pmod(xxhash64(col("project_id"), col("youth_key"), lit(s.seed())), lit(s.holdoutBuckets()))
                                .equalTo(0).as("holdout"));
    }

    /** Levels with fewer than {@code minRows} rows in {@code d} become {@code other} (one small aggregate). */
    static Dataset<Row> poolRareLevels(Dataset<Row> d, List<String> features, int minRows) {
        Column[] pairs = features.stream().map(f -> org.apache.spark.sql.functions.struct(lit(f).as("f"), col(f).as("v")))
                .toArray(Column[]::new);
        List<Row> counts = d.select(org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.array(pairs))
                        .as("p"))
                .groupBy("p.f", "p.v").agg(count(lit(1)).as("n"))
                .filter(col("n").geq(minRows)).collectAsList();
        Map<String, List<String>> keep = new LinkedHashMap<>();
        features.forEach(f -> keep.put(f, new ArrayList<>()));
        counts.forEach(r -> keep.get(r.getString(0)).add(r.getString(1)));
        Map<String, Column> pooled = new LinkedHashMap<>();
        for (String f : features) {
            List<String> k = keep.get(f);
            pooled.put(f, k.isEmpty() ? lit("other") : when(col(f).isin(k.toArray()), col(f)).otherwise(lit("other")));
        }
        return d.withColumns(pooled);
    }

    /** Column names of the sliced design: feature=level for each non-reference level, and the references. */
    record Design(List<String> features, List<String> levels, Map<String, String> references, int[] keep) {}

    static Design design(StringIndexerModel indexer, List<String> features) {
        String[][] labels = indexer.labelsArray();
        List<String> names = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        Map<String, String> refs = new LinkedHashMap<>();
        List<Integer> keep = new ArrayList<>();
        int offset = 0;
        for (int f = 0; f < features.size(); f++) {
            // one-hot of size labels + 1 (the "__unknown" slot of handleInvalid=keep); drop index 0 and the last
            refs.put(features.get(f), labels[f][0]);
            for (int i = 1; i < labels[f].length; i++) {
                keep.add(offset + i);
                names.add(features.get(f));
                levels.add(labels[f][i]);
            }
            offset += labels[f].length + 1;
        }
        return new Design(names, levels, refs, keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The models of a scope: both for the pooled scope ({@code *}); the logistic regression alone
     * per project, whose odds ratios are what a project reads (trees per project cost a hundred
     * Spark jobs each, and at national scale eleven projects' worth, for an accuracy figure).
     */
    static List<String> kinds(String scope) {
        return scope.equals("*") ? List.of(LOGISTIC, GBT) : List.of(LOGISTIC);
    }

    static Fitted fit(Dataset<Row> data, String scope, List<String> features, Settings s, Location dir) {
        return fit(data, scope, features, List.of(LOGISTIC, GBT), s, dir);
    }

    /**
     * Fits the given models ({@link #LOGISTIC}, {@link #GBT}) for one scope on its frame (already
     * pooled), writes them under {@code dir/<model>} (a local folder or any Hadoop file system's:
     * MLlib writes through Hadoop, the executors writing the model data) and returns metric and
     * effect rows (model, scope, target, ...).
     */
    static Fitted fit(Dataset<Row> data, String scope, List<String> features, List<String> kinds, Settings s,
            Location dir) {
        // A few thousand youth per scope: one partition per 100,000 rows, so that each of the models'
        // hundreds of small jobs schedules a task or two instead of one per shuffle partition.
        long rows = data.count();
        int parts = (int) Math.max(1, Math.min(data.sparkSession().sparkContext().defaultParallelism(), rows / 100_000));
        Dataset<Row> train = data.filter(col("holdout").equalTo(false)).coalesce(parts).cache();
        Dataset<Row> test = data.filter(col("holdout")).coalesce(parts).cache();
        long nTrain = train.count();
        long nTest = test.count();
        String[] idx = features.stream().map(f -> f + "_idx").toArray(String[]::new);
        String[] vec = features.stream().map(f -> f + "_vec").toArray(String[]::new);
        StringIndexerModel indexer = new StringIndexer().setInputCols(features.toArray(String[]::new)).setOutputCols(idx)
                .setHandleInvalid("keep").setStringOrderType("frequencyDesc").fit(train);
        Design design = design(indexer, features);
        OneHotEncoder ohe = new OneHotEncoder().setInputCols(idx).setOutputCols(vec).setDropLast(false);
        VectorAssembler assembler = new VectorAssembler().setInputCols(vec).setOutputCol("all_levels");
        VectorSlicer slicer = new VectorSlicer().setInputCol("all_levels").setOutputCol("features")
                .setIndices(design.keep());
        LogisticRegression lr = new LogisticRegression().setLabelCol(LABEL).setFeaturesCol("features")
                .setRegParam(s.regParam()).setElasticNetParam(0).setStandardization(false).setMaxIter(100).setTol(1e-6);
        GBTClassifier gbt = new GBTClassifier().setLabelCol(LABEL).setFeaturesCol("features")
                .setMaxIter(s.gbtIterations()).setMaxDepth(s.gbtDepth()).setSeed(s.seed())
                .setStepSize(s.gbtStepSize());

        // The design once per scope, its rows stored without lineage: each of the models' hundreds of small jobs
        // (an optimiser step, a tree level) then ships and runs a task that reads stored vectors, not the plan of
        // the feature stages over the cached rows. Measured on the demo's pooled trees: 6.9 s against 5.7 s.
        PipelineModel prepared = new Pipeline().setStages(new PipelineStage[] {indexer, ohe, assembler, slicer})
                .fit(train);
        train.sparkSession().sparkContext().setJobDescription("scoring: design of scope " + scope);
        Dataset<Row> designed = prepared.transform(train).select(col(LABEL), col("features")).localCheckpoint(true);

        // A scope's models are fitted side by side on the same stored rows: their jobs are many and small, and the
        // pooled trees, the longest item of the stage, would otherwise start only once the pooled logistic
        // regression has ended.
        org.apache.spark.ml.param.ParamMap none = org.apache.spark.ml.param.ParamMap.empty();
        List<Fitted> fitted = org.maraude.jobs.spark.Concurrently.map(kinds, model -> {
            List<Row> metrics = new ArrayList<>();
            List<Row> effects = new ArrayList<>();
            train.sparkSession().sparkContext().setJobDescription("scoring: " + model + " model, scope " + scope);
            Transformer classifier = model.equals(LOGISTIC) ? lr.copy(none).fit(designed) : gbt.copy(none).fit(designed);
            // saved whole, the feature stages and the classifier, so that PipelineModel.load scores raw rows
            List<Transformer> stages = new ArrayList<>(List.of(prepared.stages()));
            stages.add(classifier);
            PipelineModel pm = new PipelineModel(Identifiable.randomUID("pipeline"), stages);
            Location out = dir.resolve(model);
            try {
                pm.write().overwrite().save(out.uri());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the " + model + " model to " + out, e);
            }
            metrics.addAll(evaluate(pm.transform(test), model, scope, nTrain, nTest));
            if (model.equals(LOGISTIC)) {
                LogisticRegressionModel m = (LogisticRegressionModel) classifier;
                effects.addAll(oddsRatios(m.transform(designed), m, design, scope, s.regParam(), nTrain));
            } else {
                GBTClassificationModel m = (GBTClassificationModel) classifier;
                double[] imp = m.featureImportances().toArray();
                Map<String, Double> byFeature = new LinkedHashMap<>();
                for (int i = 0; i < imp.length; i++) {
                    byFeature.merge(design.features().get(i), imp[i], Double::sum);
                }
                byFeature.forEach((f, v) -> effects.add(RowFactory.create(GBT, scope, TARGET, f, null,
                        design.references().get(f), "importance", v, null, null, null, null, null)));
            }
            return new Fitted(metrics, effects);
        });
        List<Row> metrics = new ArrayList<>();
        List<Row> effects = new ArrayList<>();
        fitted.forEach(f -> {
            metrics.addAll(f.metrics());
            effects.addAll(f.effects());
        });
        train.unpersist();
        test.unpersist();
        release(designed);
        return new Fitted(metrics, effects);
    }

    /** Drops stored design rows: a local checkpoint is not in the cache manager, its RDD is unpersisted. */
    private static void release(Dataset<Row> stored) {
        if (stored.queryExecution().analyzed() instanceof org.apache.spark.sql.execution.LogicalRDD r) {
            r.rdd().unpersist(false);
        }
    }

    /** Holdout AUC, log loss, Brier score, base rate and calibration by decile of predicted probability. */
    static List<Row> evaluate(Dataset<Row> scored, String model, String scope, long nTrain, long nTest) {
        List<Row> rows = new ArrayList<>();
        if (nTest == 0) {
            return rows;
        }
        Dataset<Row> p = scored.withColumn("p", org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64")
                .getItem(1)).select(col(LABEL), col("p"), col("rawPrediction")).cache();
        long positives = p.filter(col(LABEL).equalTo(1.0)).count();
        Double auc = positives == 0 || positives == nTest ? null
                : new BinaryClassificationEvaluator().setLabelCol(LABEL).setRawPredictionCol("rawPrediction")
                        .setMetricName("areaUnderROC").evaluate(p);
        Column pc = least(greatest(col("p"), lit(1e-15)), lit(1 - 1e-15));
        Row agg = p.agg(avg(col(LABEL).multiply(log(pc)).plus(lit(1.0).minus(col(LABEL)).multiply(log(lit(1.0).minus(pc)))))
                        .multiply(-1).as("log_loss"),
                avg(col("p").minus(col(LABEL)).multiply(col("p").minus(col(LABEL)))).as("brier"),
                avg(col(LABEL)).as("base_rate")).first();
        rows.add(metric(model, scope, "auc", null, auc, nTrain, nTest));
        rows.add(metric(model, scope, "log_loss", null, agg.getDouble(0), nTrain, nTest));
        rows.add(metric(model, scope, "brier", null, agg.getDouble(1), nTrain, nTest));
        rows.add(metric(model, scope, "base_rate", null, agg.getDouble(2), nTrain, nTest));
        // deciles of the holdout (a few thousand rows: one window partition is fine)
        List<Row> deciles = p.withColumn("bin", ntile(10).over(Window.orderBy(col("p"), col(LABEL))))
                .groupBy("bin").agg(avg("p").as("predicted"), avg(LABEL).as("observed"), count(lit(1)).as("n"))
                .orderBy("bin").collectAsList();
        for (Row d : deciles) {
            rows.add(metric(model, scope, "calibration_predicted", d.getInt(0), d.getDouble(1), nTrain, d.getLong(3)));
            rows.add(metric(model, scope, "calibration_observed", d.getInt(0), d.getDouble(2), nTrain, d.getLong(3)));
        }
        p.unpersist();
        return rows;
    }

    static Row metric(String model, String scope, String metric, Integer bin, Double value, long nTrain, long nTest) {
        return RowFactory.create(model, scope, TARGET, metric, bin, value, nTrain, nTest);
    }

    /**
     * Odds ratios with 95% Wald intervals. Fisher information {@code X'WX} (W = p(1 − p), with the
     * intercept column) is the Gramian of the rows scaled by √W, aggregated in Spark; the ridge term
     * {@code nλ} of MLlib's objective is added to the coefficients' diagonal before inversion.
     */
    static List<Row> oddsRatios(Dataset<Row> scoredTrain, LogisticRegressionModel m, Design d, String scope,
            double regParam, long n) {
        JavaRDD<org.apache.spark.mllib.linalg.Vector> rows = scoredTrain.select("features", "probability").javaRDD()
                .map(r -> {
                    org.apache.spark.ml.linalg.Vector x = r.getAs(0);
                    double p = ((org.apache.spark.ml.linalg.Vector) r.getAs(1)).apply(1);
                    double w = Math.sqrt(p * (1 - p));
                    double[] v = new double[x.size() + 1];
                    v[0] = w;
                    double[] dense = x.toArray();
                    for (int i = 0; i < dense.length; i++) {
                        v[i + 1] = w * dense[i];
                    }
                    return org.apache.spark.mllib.linalg.Vectors.dense(v);
                });
        Matrix g = new RowMatrix(rows.rdd()).computeGramianMatrix();
        int k = g.numRows();
        double[][] info = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                info[i][j] = g.apply(i, j);
            }
            if (i > 0) {
                info[i][i] += n * regParam;
            }
        }
        double[][] cov = LinearSolve.inverse(info);
        double[] beta = m.coefficients().toArray();
        List<Row> out = new ArrayList<>();
        double se0 = Math.sqrt(Math.max(0, cov[0][0]));
        out.add(effect(scope, "(intercept)", null, null, "odds", m.intercept(), se0));
        for (int i = 0; i < beta.length; i++) {
            String f = d.features().get(i);
            out.add(effect(scope, f, d.levels().get(i), d.references().get(f), "odds_ratio", beta[i],
                    Math.sqrt(Math.max(0, cov[i + 1][i + 1]))));
        }
        return out;
    }

    private static Row effect(String scope, String feature, String level, String reference, String type, double beta,
            double se) {
        double lo = Math.exp(beta - Stats.Z95 * se);
        double hi = Math.exp(beta + Stats.Z95 * se);
        Double p = se > 0 ? Stats.twoSidedP(beta / se) : null;
        return RowFactory.create(LOGISTIC, scope, TARGET, feature, level, reference, type, Math.exp(beta), beta, se, lo,
                hi, p);
    }

    /**
     * Scopes worth a model, with their contacted youth: pooled ('*') first, then each project with enough rows of
     * both classes.
     */
    static Map<String, Long> scopes(Dataset<Row> data, long minRows, long minClass) {
        Map<String, Long> scopes = new LinkedHashMap<>();
        Map<String, Long> ok = new java.util.TreeMap<>();
        long total = 0;
        long pos = 0;
        for (Row r : data.groupBy("project_id").agg(count(lit(1)).as("n"), sum(LABEL).as("pos")).collectAsList()) {
            long n = r.getLong(1);
            long p = (long) r.getDouble(2);
            total += n;
            pos += p;
            if (n >= minRows && p >= minClass && n - p >= minClass) {
                ok.put(r.getString(0), n);
            }
        }
        if (total >= minRows && pos >= minClass && total - pos >= minClass) {
            scopes.put("*", total);
        }
        scopes.putAll(ok);
        return scopes;
    }
}
