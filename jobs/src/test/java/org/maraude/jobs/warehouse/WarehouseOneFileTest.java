package org.maraude.jobs.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.CoalesceExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;

/** How a published table is brought to one file: its last aggregation stays spread over the cores. */
class WarehouseOneFileTest {
    private final SparkSession spark = SparkTestSession.get();

    @Test
    void aggregateIsShuffledIntoOnePartitionAndAScanIsMerged(@TempDir Path dir) {
        spark.range(0, 1000).selectExpr("id", "id % 7 AS k").repartition(3).write().parquet(dir.resolve("t").toString());
        Dataset<Row> scan = spark.read().parquet(dir.resolve("t").toString());
        Dataset<Row> agg = scan.groupBy("k").agg(count("id").as("n"));

        SparkPlan aggPlan = Warehouse.oneFile(agg).queryExecution().executedPlan();
        // the final aggregate runs on the shuffle's partitions (2 here), then its 7 rows go to one partition
        assertInstanceOf(ShuffleExchangeExec.class, aggPlan);
        assertEquals(1, aggPlan.execute().getNumPartitions());
        assertEquals(2, ((ShuffleExchangeExec) aggPlan).child().execute().getNumPartitions());
        assertEquals(7, Warehouse.oneFile(agg).count());

        SparkPlan scanPlan = Warehouse.oneFile(scan.filter(col("k").equalTo(3))).queryExecution().executedPlan();
        assertInstanceOf(CoalesceExec.class, scanPlan); // no shuffle of stored rows
        assertEquals(1, scanPlan.execute().getNumPartitions());
        assertEquals(List.of(143L), List.of(Warehouse.oneFile(scan.filter(col("k").equalTo(3))).count()));
    }
}
