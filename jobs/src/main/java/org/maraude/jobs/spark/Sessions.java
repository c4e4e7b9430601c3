package org.maraude.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.config.MaraudeConfig;

/**
 * Builds the one SparkSession of a run from the config. The master URL comes from the config's
 * {@code spark.master} (default {@code local[*]}) unless {@code spark-submit} already set one.
 * Time is UTC inside Spark; code converts to Europe/Paris explicitly where the contract says so.
 */
public final class Sessions {
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
    }
}
