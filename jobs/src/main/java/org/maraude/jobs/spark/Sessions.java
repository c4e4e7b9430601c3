package org.maraude.jobs.spark;

import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.config.MaraudeConfig;

/**
 * Builds the one SparkSession of a run from the config. The master URL comes from the config's
 * {@code spark.master} (default {@code local[*]}) unless {@code spark-submit} already set one.
 * Time is UTC inside Spark; code converts to Europe/Paris explicitly where the contract says so.
 */
public final class Sessions {
    /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}; not {@code local-cluster}, which has workers. */
    private static final Pattern LOCAL = Pattern.compile("local(\\[[^\\]]*])?");

    private Sessions() {}

    public static SparkSession create(MaraudeConfig config, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(config.get("spark.master"));
        }
        applyDefaults(conf, config.getInt("spark.shuffle.partitions"));
        config.values().forEach((k, v) -> {
            if (k.startsWith("spark.conf.")) {
                conf.set(k.substring("spark.conf.".length()), v);
            }
        });
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Settings every maraude session needs, also the tests' shared session. */
    public static void applyDefaults(SparkConf conf, int shufflePartitions) {
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.datetime.java8API.enabled", "true");
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        conf.setIfMissing("spark.default.parallelism", Integer.toString(shufflePartitions));
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        conf.setIfMissing("spark.sql.sources.partitionOverwriteMode", "static");
        conf.setIfMissing("spark.sql.ansi.enabled", "true");
        if (LOCAL.matcher(conf.get("spark.master", "")).matches()) {
            // The driver is the only executor, so no task can run closer to its data by waiting; and the local
            // scheduler offers its cores again only when a task ends, never on a timer (a cluster's does every
            // second). With the default 3 s delay scheduling, a stage whose remaining task prefers a host without
            // executor (an HDFS file scan when the datanode's name is not the driver's) next to tasks preferring
            // this host (shuffle output) refuses it while those run, then is never offered a core again: the job
            // hangs. That hung the second night on HDFS (the previous release's runs table unioned with this run's
            // files). No wait at all in local mode.
            conf.setIfMissing("spark.locality.wait", "0");
        }
    }
}
