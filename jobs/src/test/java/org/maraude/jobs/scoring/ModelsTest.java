package org.maraude.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.spark.Location;

/** The MLlib models on data whose true effects are known. */
class ModelsTest {
    @TempDir
    Path dir;

    static Dataset<Row> frame(List<Row> rows, List<String> features) {
        List<org.apache.spark.sql.types.StructField> f = new ArrayList<>();
        for (String c : features) {
            f.add(DataTypes.createStructField(c, DataTypes.StringType, false));
        }
        f.add(DataTypes.createStructField(Models.LABEL, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("holdout", DataTypes.BooleanType, false));
        StructType schema = DataTypes.createStructType(f);
        return SparkTestSession.get().createDataFrame(rows, schema);
    }

    static Map<String, Row> effects(Models.Fitted f, String model) {
        Map<String, Row> m = new TreeMap<>();
        f.effects().stream().filter(r -> r.getString(0).equals(model))
                .forEach(r -> m.put(r.getString(3) + "=" + r.getString(4), r));
        return m;
    }

    /** x = a: 600 youth, 200 unknown; x = b: 300 youth, 150 unknown; one in five held out when {@code holdout}. */
    static Dataset<Row> twoByTwo(boolean holdout) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            boolean b = i >= 600;
            double y = b ? (i < 750 ? 1 : 0) : (i < 200 ? 1 : 0);
            rows.add(RowFactory.create(b ? "b" : "a", y, holdout && i % 5 == 0));
        }
        return frame(rows, List.of("x"));
    }

    @Test
    void oddsRatioAndStandardErrorOfATwoByTwoTableAreWoolfs() {
        // OR = (150/150) / (200/400) = 2, SE(log OR) = sqrt(1/150 + 1/150 + 1/200 + 1/400) (Woolf): the MLE of
        // the saturated model.
        Models.Settings s = new Models.Settings(1, 5, 1, 0.0, 3, 2, 0.1);
        java.util.Set<Object> stored = new java.util.HashSet<>(scala.jdk.javaapi.CollectionConverters.asJava(
                SparkTestSession.get().sparkContext().getPersistentRDDs()).keySet());
        Models.Fitted f = Models.fit(twoByTwo(false), "*", List.of("x"), s, Location.local(dir));
        // the rows the models were fitted on are not kept once they are
        assertEquals(stored, new java.util.HashSet<>(scala.jdk.javaapi.CollectionConverters.asJava(
                SparkTestSession.get().sparkContext().getPersistentRDDs()).keySet()));
        Row or = effects(f, Models.LOGISTIC).get("x=b");
        assertEquals("a", or.getAs(5)); // reference: the most frequent level
        assertEquals(2.0, or.getDouble(7), 1e-5);
        double se = Math.sqrt(1.0 / 150 + 1.0 / 150 + 1.0 / 200 + 1.0 / 400);
        assertEquals(se, or.getDouble(9), 1e-5);
        assertEquals(Math.exp(Math.log(2) - Stats.Z95 * se), or.getDouble(10), 1e-4);
        assertEquals(Math.exp(Math.log(2) + Stats.Z95 * se), or.getDouble(11), 1e-4);
        assertTrue(or.getDouble(12) < 1e-5);
    }

    @Test
    void effectsAreRecoveredAndTheSavedPipelineReloads() {
        // logit = -0.8 + age {15-17: +0.8, 18-21: 0 (most frequent), 22-25: -0.6} + qpv 0.7 + platform {tiktok: 0,
        // twitch: +1.0, google: -0.9}
        String[] ages = {"15-17", "18-21", "18-21", "22-25"};
        double[] ageB = {0.8, 0, 0, -0.6};
        String[] platforms = {"tiktok", "tiktok", "twitch", "google"};
        double[] platB = {0, 0, 1.0, -0.9};
        SplittableRandom r = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            int a = r.nextInt(4);
            int p = r.nextInt(4);
            boolean qpv = r.nextDouble() < 0.3;
            double logit = -0.8 + ageB[a] + platB[p] + (qpv ? 0.7 : 0);
            double y = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            rows.add(RowFactory.create(ages[a], String.valueOf(qpv), platforms[p], y, i % 5 == 0));
        }
        List<String> features = List.of("age_band", "qpv", "platform");
        Dataset<Row> data = frame(rows, features);
        Models.Fitted f = Models.fit(data, "*", features, Models.Settings.defaults(), Location.local(dir));
        Map<String, Row> lr = effects(f, Models.LOGISTIC);
        Map<String, Double> truth = Map.of("age_band=15-17", 0.8, "age_band=22-25", -0.6, "qpv=true", 0.7,
                "platform=twitch", 1.0, "platform=google", -0.9);
        truth.forEach((k, b) -> {
            Row e = lr.get(k);
            double beta = e.getDouble(8);
            double se = e.getDouble(9);
            assertTrue(Math.abs(beta - b) < 3 * se, k + ": " + beta + " ± " + se + " vs " + b);
            assertEquals(Math.signum(b), Math.signum(beta), k);
        });
        assertEquals(6, lr.size()); // intercept + 5 levels
        Map<String, Row> gbt = effects(f, Models.GBT);
        assertEquals(1.0, gbt.values().stream().mapToDouble(e -> e.getDouble(7)).sum(), 1e-9);
        Map<String, Double> metrics = new TreeMap<>();
        f.metrics().stream().filter(m -> m.get(4) == null).forEach(m -> metrics.put(m.getString(0) + "/" + m.getString(3),
                m.getDouble(5)));
        assertTrue(metrics.get("logistic/auc") > 0.65, metrics.toString());
        assertTrue(metrics.get("gbt/auc") > 0.6, metrics.toString());
        assertTrue(metrics.get("logistic/log_loss") < Math.log(2), metrics.toString());
        assertEquals(20, f.metrics().stream().filter(m -> m.getString(0).equals(Models.LOGISTIC) && m.get(4) != null).count());

        // reload the saved pipeline: same holdout AUC as published
        PipelineModel reloaded = PipelineModel.load(dir.resolve(Models.LOGISTIC).toUri().toString());
        double auc = new BinaryClassificationEvaluator().setLabelCol(Models.LABEL).setRawPredictionCol("rawPrediction")
                .evaluate(reloaded.transform(data.filter("holdout")));
        assertEquals(metrics.get("logistic/auc"), auc, 1e-12);
        // a level never seen in training is scored as the reference, not an error
        Dataset<Row> unseen = frame(List.of(RowFactory.create("30+", "true", "bereal", 1.0, true)), features);
        assertEquals(1, reloaded.transform(unseen).count());
    }

    /**
     * With an output folder on HDFS the models are written there by Spark (the executors write their data), not
     * into a local folder of the driver, and reload from there.
     */
    @Test
    void modelsAreSavedToAHadoopFolderAndReloadFromIt(@TempDir Path base) throws Exception {
        // The namenode's embedded web server refuses to start when java.io.tmpdir does not exist yet.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            Location models = Location.of(dfs.getURI() + "/out/releases/run-1.partial/models", conf);
            Location scope = models.resolve("run-1").resolve(ScoringJob.scopeDir("*"));
            Dataset<Row> data = twoByTwo(true);
            Models.Fitted f = Models.fit(data, "*", List.of("x"), new Models.Settings(1, 5, 1, 0.0, 3, 2, 0.1), scope);
            for (String model : List.of(Models.LOGISTIC, Models.GBT)) {
                assertTrue(scope.resolve(model).resolve("metadata").isDirectory(), model);
                assertTrue(scope.resolve(model).resolve("stages").isDirectory(), model);
            }
            PipelineModel reloaded = PipelineModel.load(scope.resolve(Models.LOGISTIC).uri());
            double auc = new BinaryClassificationEvaluator().setLabelCol(Models.LABEL)
                    .setRawPredictionCol("rawPrediction").evaluate(reloaded.transform(data.filter("holdout")));
            double published = f.metrics().stream().filter(m -> m.getString(0).equals(Models.LOGISTIC)
                    && m.getString(3).equals("auc")).findFirst().orElseThrow().getDouble(5);
            assertEquals(published, auc, 1e-12);
            // A java.nio use of the hdfs: URI would have made a relative local folder named "hdfs:".
            assertFalse(Files.exists(Path.of("hdfs:")), "a path to the models went through java.nio");
        } finally {
            dfs.shutdown();
        }
    }
}
