package org.maraude.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.spark.Sessions;

/** The one local SparkSession of a test JVM: local[2], few shuffle partitions, no UI. */
public final class SparkTestSession {
    private static SparkSession spark;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (spark == null) {
            SparkConf conf = new SparkConf().setAppName("maraude-tests").setMaster("local[2]");
            Sessions.applyDefaults(conf, 2);
            conf.set("spark.sql.adaptive.enabled", "false");
            spark = SparkSession.builder().config(conf).getOrCreate();
        }
        return spark;
    }
}
