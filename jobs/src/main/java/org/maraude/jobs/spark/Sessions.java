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
        String partitions = config.get("spark.shuffle.partitions");
        boolean auto = partitions.equalsIgnoreCase(AUTO);
        if (auto) {
            // the cores until ingest has seen the inbox (sizeShuffle); Spark's default parallelism stays the cores
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(Runtime.getRuntime().availableProcessors()));
            conf.set(AUTO_KEY, "true");
        }
        applyDefaults(conf, auto ? 0 : Integer.parseInt(partitions));
        config.values().forEach((k, v) -> {
            if (k.startsWith("spark.conf.")) {
                conf.set(k.substring("spark.conf.".length()), v);
            }
        });
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Config value of {@code spark.shuffle.partitions} that sizes them to the inbox. */
    public static final String AUTO = "auto";
    private static final String AUTO_KEY = "spark.maraude.shuffle.auto";
    /** Uncompressed inbox bytes per shuffle partition when sized automatically. */
    static final long BYTES_PER_PARTITION = 128L << 20;

    /**
     * With {@code spark.shuffle.partitions=auto}, sets the SQL shuffle partitions from the inbox
     * size ({@code plainBytes}, uncompressed): one per {@link #BYTES_PER_PARTITION}, at least the
     * cores, at most 200. Small inboxes then run their many small shuffles as one task per core
     * instead of many tiny tasks. Does nothing with a fixed number.
     */
    public static void sizeShuffle(SparkSession spark, long plainBytes) {
        if (!spark.sparkContext().getConf().getBoolean(AUTO_KEY, false)) {
            return;
        }
        int cores = spark.sparkContext().defaultParallelism();
        long n = Math.max(cores, Math.min(200, (plainBytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION));
        spark.conf().set("spark.sql.shuffle.partitions", Long.toString(n));
        org.slf4j.LoggerFactory.getLogger(Sessions.class).info("{} shuffle partitions for {} MB of inbox text", n,
                plainBytes >> 20);
    }

    /** Settings every maraude session needs, also the tests' shared session ({@code shufflePartitions} 0: left alone). */
    public static void applyDefaults(SparkConf conf, int shufflePartitions) {
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.datetime.java8API.enabled", "true");
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        if (shufflePartitions > 0) {
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
            conf.setIfMissing("spark.default.parallelism", Integer.toString(shufflePartitions));
        }
        conf.setIfMissing("spark.hadoop.fs.file.impl", LocalFiles.class.getName()); // no chmod process per folder
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Adaptive execution plans each shuffle stage as a job of its own: on a few million rows, the extra jobs
        // cost more than the re-planning gains (BENCHMARKS.md). Joins of dimensions are broadcast from file sizes.
        conf.setIfMissing("spark.sql.adaptive.enabled", "false");
        // Staging writes one folder per inbox file: concurrent writers instead of sorting every row by file.
        conf.setIfMissing("spark.sql.maxConcurrentOutputFileWriters", "64");
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
