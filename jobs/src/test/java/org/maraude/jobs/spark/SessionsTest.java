package org.maraude.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.config.MaraudeConfig;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * The settings every session gets. In local mode the driver is the only executor and Spark's local scheduler offers
 * its cores again only when a task ends: a stage must never wait for a locality it cannot get.
 */
class SessionsTest {
    @Test
    void localMastersScheduleWithoutLocalityWait() {
        for (String master : List.of("local", "local[2]", "local[*]", "local[4,2]")) {
            SparkConf conf = new SparkConf().setMaster(master);
            Sessions.applyDefaults(conf, 2);
            assertEquals("0", conf.get("spark.locality.wait"), master);
        }
        SparkConf cluster = new SparkConf().setMaster("spark://master:7077");
        Sessions.applyDefaults(cluster, 2);
        assertFalse(cluster.contains("spark.locality.wait"), "a cluster keeps Spark's delay scheduling");
        SparkConf chosen = new SparkConf().setMaster("local[2]").set("spark.locality.wait", "1s");
        Sessions.applyDefaults(chosen, 2);
        assertEquals("1s", chosen.get("spark.locality.wait"), "an explicit setting is kept");
    }

    /**
     * Case mappings by the JVM's rules (ICU's first use costs seconds of one task): accented French labels lower the
     * same way, and a setting given explicitly is kept.
     */
    @Test
    void labelsAreLoweredWithoutIcu() {
        org.apache.spark.sql.SparkSession spark = SparkTestSession.get();
        assertEquals("false", spark.conf().get("spark.sql.icu.caseMappings.enabled"));
        org.apache.spark.sql.Row r = spark.sql("SELECT lower('Île-de-France'), lower('VIDÉO Œuvre'), upper('élève')")
                .first();
        assertEquals("île-de-france", r.getString(0));
        assertEquals("vidéo œuvre", r.getString(1));
        assertEquals("ÉLÈVE", r.getString(2));
        SparkConf chosen = new SparkConf().setMaster("local[2]").set("spark.sql.icu.caseMappings.enabled", "true");
        Sessions.applyDefaults(chosen, 2);
        assertEquals("true", chosen.get("spark.sql.icu.caseMappings.enabled"));
    }

    /** Shuffle partitions follow the inbox's size: one per 128 MB of text, at least the cores, at most 200. */
    @Test
    void shufflePartitionsFollowTheInbox() {
        long mb = 1L << 20;
        assertEquals(2, Sessions.shufflePartitions(2, 23 * mb));
        assertEquals(18, Sessions.shufflePartitions(2, 2290 * mb));
        assertEquals(8, Sessions.shufflePartitions(8, 100 * mb));
        assertEquals(200, Sessions.shufflePartitions(2, 100_000 * mb));
    }

    @Test
    void automaticShufflePartitionsGiveWayToAnExplicitSparkSetting() {
        MaraudeConfig defaults = MaraudeConfig.load(null, Map.of());
        assertEquals("true", Sessions.conf(defaults, "t").get("spark.maraude.shuffle.auto"));
        SparkConf chosen = Sessions.conf(defaults.with("spark.conf.spark.sql.shuffle.partitions", "7"), "t");
        assertFalse(chosen.contains("spark.maraude.shuffle.auto"));
        assertEquals("7", chosen.get("spark.sql.shuffle.partitions"));
        SparkConf fixed = Sessions.conf(defaults.with("spark.shuffle.partitions", "5"), "t");
        assertEquals("5", fixed.get("spark.sql.shuffle.partitions"));
        assertFalse(fixed.contains("spark.maraude.shuffle.auto"));
    }

    /** Code generation is decided from the inbox before the session starts; an explicit choice is kept. */
    @Test
    void codegenFollowsTheInboxUnlessChosen() {
        MaraudeConfig defaults = MaraudeConfig.load(null, Map.of());
        assertEquals("off", Sessions.resolveCodegen(defaults, () -> 23L << 20).get("spark.codegen"));
        assertEquals("off", Sessions.resolveCodegen(defaults, () -> Sessions.CODEGEN_MIN_BYTES - 1).get("spark.codegen"));
        assertEquals("on", Sessions.resolveCodegen(defaults, () -> Sessions.CODEGEN_MIN_BYTES).get("spark.codegen"));
        assertEquals("on", Sessions.resolveCodegen(defaults, () -> {
            throw new java.io.UncheckedIOException(new java.io.IOException("no inbox"));
        }).get("spark.codegen"), "an inbox that cannot be listed leaves Spark's default");
        assertEquals("on", Sessions.resolveCodegen(defaults.with("spark.codegen", "on"), () -> 1).get("spark.codegen"));
        assertEquals("auto", Sessions.resolveCodegen(defaults.with("spark.conf.spark.sql.codegen.wholeStage", "true"),
                () -> 1).get("spark.codegen"), "a Spark setting given explicitly wins");
        System.setProperty("spark.sql.codegen.factoryMode", "FALLBACK"); // as spark-submit --conf passes it
        try {
            assertEquals("auto", Sessions.resolveCodegen(defaults, () -> 1).get("spark.codegen"),
                    "a setting given with spark-submit wins");
        } finally {
            System.clearProperty("spark.sql.codegen.factoryMode");
        }

        SparkConf off = Sessions.conf(defaults.with("spark.codegen", "off"), "t");
        assertEquals("NO_CODEGEN", off.get("spark.sql.codegen.factoryMode"));
        assertEquals("false", off.get("spark.sql.codegen.wholeStage"));
        assertFalse(off.contains(Sessions.CODEGEN_AUTO_KEY), "off chosen by hand: every plan interpreted");
        SparkConf autoOff = Sessions.conf(Sessions.resolveCodegen(defaults, () -> 23L << 20), "t");
        assertEquals("false", autoOff.get("spark.sql.codegen.wholeStage"));
        assertEquals("true", autoOff.get(Sessions.CODEGEN_AUTO_KEY), "off chosen by auto: large datasets compile");
        assertFalse(Sessions.conf(Sessions.resolveCodegen(defaults, () -> Sessions.CODEGEN_MIN_BYTES), "t")
                .contains(Sessions.CODEGEN_AUTO_KEY));
        assertFalse(Sessions.conf(defaults, "t").contains("spark.sql.codegen.wholeStage"), "unresolved auto: compiled");
    }

    /**
     * Scoring runs with interpreted plans inside a compiled session, scoring and planning with a partition per
     * core at most; then the session gets its settings back.
     */
    @Test
    void smallPlanStagesAreInterpretedThenTheSessionIsRestored() {
        org.apache.spark.sql.SparkSession spark = SparkTestSession.get();
        MaraudeConfig defaults = MaraudeConfig.load(null, Map.of());
        java.util.function.Supplier<String> plan = () -> spark.range(10).selectExpr("id + 1 AS x").filter("x > 3")
                .queryExecution().executedPlan().toString();
        String before = String.valueOf(spark.conf().getOption("spark.sql.codegen.wholeStage"));
        assertEquals(true, plan.get().contains("*("), "the test session compiles its plans");
        String inside = Sessions.smallPlans(spark, defaults, plan);
        assertFalse(inside.contains("*("), "no whole-stage code generation inside: " + inside);
        assertEquals(before, String.valueOf(spark.conf().getOption("spark.sql.codegen.wholeStage")));
        assertEquals(true, plan.get().contains("*("), "compiled again after");
        assertEquals(true, Sessions.smallPlans(spark, defaults.with("spark.codegen.models", "on"), plan).contains("*("));
        assertEquals(true, Sessions.smallPlans(spark, defaults.with("spark.conf.spark.sql.codegen.wholeStage", "true"),
                plan).contains("*("), "a Spark setting given explicitly wins");
        // shuffle partitions sized to the inbox: one per core at most inside, the inbox's number after
        String partitions = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set("spark.maraude.shuffle.auto", "true");
        spark.conf().set("spark.sql.shuffle.partitions", "18");
        try {
            assertEquals(String.valueOf(spark.sparkContext().defaultParallelism()), Sessions.smallPlans(spark, defaults,
                    () -> spark.conf().get("spark.sql.shuffle.partitions")));
            assertEquals("18", spark.conf().get("spark.sql.shuffle.partitions"));
            assertEquals(String.valueOf(spark.sparkContext().defaultParallelism()) + " true", Sessions.smallShuffles(spark,
                    () -> spark.conf().get("spark.sql.shuffle.partitions") + " " + plan.get().contains("*(")),
                    "planning: fewer partitions, the session's code generation");
            assertEquals("18", spark.conf().get("spark.sql.shuffle.partitions"));
        } finally {
            spark.conf().unset("spark.maraude.shuffle.auto");
            spark.conf().set("spark.sql.shuffle.partitions", partitions);
        }
        assertEquals(partitions, Sessions.smallPlans(spark, defaults, () -> spark.conf().get("spark.sql.shuffle.partitions")),
                "a fixed number is left alone");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sessions.smallPlans(spark, defaults.with("spark.codegen.models", "maybe"), plan));
        assertEquals("spark.codegen.models must be on or off, not maybe", e.getMessage());
    }

    /**
     * In a night whose plans auto interprets, a dataset with at least {@link Sessions#COMPILED_DATASET_BYTES} of text
     * gets a session of its own that compiles them, with the night's other settings; smaller datasets, and nights
     * interpreted by choice, keep the night's session.
     */
    @Test
    void aLargeDatasetCompilesItsPlansInAnInterpretedNight() {
        org.apache.spark.sql.SparkSession spark = SparkTestSession.get();
        long large = Sessions.COMPILED_DATASET_BYTES;
        assertEquals(spark, Sessions.compiledFor(spark, large), "interpreted or compiled by choice: the night's session");
        String partitions = spark.conf().get("spark.sql.shuffle.partitions");
        Map<String, String> night = Map.of(Sessions.CODEGEN_AUTO_KEY, "true", "spark.sql.shuffle.partitions", "7",
                "spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");
        night.forEach(spark.conf()::set);
        try {
            assertEquals(spark, Sessions.compiledFor(spark, large - 1));
            org.apache.spark.sql.SparkSession own = Sessions.compiledFor(spark, large);
            assertFalse(own == spark, "a session of its own");
            assertEquals(spark.sparkContext(), own.sparkContext());
            assertEquals("7", own.conf().get("spark.sql.shuffle.partitions"), "the night's settings");
            assertEquals(true, own.range(10).selectExpr("id + 1 AS x").filter("x > 3").queryExecution().executedPlan()
                    .toString().contains("*("), "compiled");
            assertFalse(spark.range(10).selectExpr("id + 1 AS x").queryExecution().executedPlan().toString()
                    .contains("*("), "the night's session still interprets");
            assertEquals(List.of(4L, 5L), own.range(3, 6).filter("id > 3").as(org.apache.spark.sql.Encoders.LONG())
                    .collectAsList());
        } finally {
            night.keySet().forEach(spark.conf()::unset);
            spark.conf().set("spark.sql.shuffle.partitions", partitions);
        }
    }

    @Test
    void codegenSettingIsCheckedBeforeTheSessionStarts() {
        MaraudeConfig config = MaraudeConfig.load(null, Map.of()).with("spark.codegen", "sometimes");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sessions.create(config, "t"));
        assertEquals("spark.codegen must be auto, on or off, not sometimes", e.getMessage());
    }

    /**
     * Two tasks prefer this executor's host and one a host without executor (as an HDFS file scan does when the
     * datanode's name is not the driver's, next to shuffle output read back here). With Spark's default 3 s
     * locality wait the third task is refused while the first two run and never offered a core again: the job hung.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLocalStageWithATaskPreferringAnotherHostRuns() {
        SparkContext sc = SparkTestSession.get().sparkContext();
        String here = SparkEnv.get().blockManager().blockManagerId().host();
        List<Tuple2<Integer, scala.collection.immutable.Seq<String>>> slices = List.of(
                new Tuple2<>(1, hosts(here)), new Tuple2<>(2, hosts(here)), new Tuple2<>(3, hosts("elsewhere.invalid")));
        long n = sc.makeRDD(CollectionConverters.asScala(slices).toSeq(), ClassTag$.MODULE$.apply(Integer.class)).count();
        assertEquals(3, n);
    }

    private static scala.collection.immutable.Seq<String> hosts(String host) {
        return CollectionConverters.asScala(List.of(host)).toSeq();
    }
}
