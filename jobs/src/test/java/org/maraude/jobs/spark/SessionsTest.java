package org.maraude.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.maraude.jobs.SparkTestSession;
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
