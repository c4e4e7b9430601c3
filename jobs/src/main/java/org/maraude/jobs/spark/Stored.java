package org.maraude.jobs.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

/**
 * How a stage keeps a dataset that later stages read again. The stages stay pure
 * {@code Dataset → Dataset} transforms; the caller decides where their outputs live.
 * <ul>
 * <li>{@link #inMemory()}: persisted by Spark (tests and small in-process runs);</li>
 * <li>{@link #parquet(Location)}: written once as Parquet and read back, so that later stages plan
 * against a file instead of the whole lineage. The nightly run uses it: without it every table
 * re-plans (and the optimiser re-walks) every stage before it, which cost minutes per night.</li>
 * </ul>
 */
@FunctionalInterface
public interface Stored {
    /** Returns {@code d}, kept under {@code name} (a folder-safe dataset name). */
    Dataset<Row> keep(String name, Dataset<Row> d);

    static Stored inMemory() {
        return (name, d) -> d.persist(StorageLevel.MEMORY_AND_DISK());
    }

    static Stored parquet(Location dir) {
        return (name, d) -> {
            String uri = dir.resolve(name).uri();
            d.sparkSession().sparkContext().setJobDescription("store: " + name);
            d.write().mode(SaveMode.Overwrite).parquet(uri);
            d.sparkSession().sparkContext().setJobDescription(null);
            return d.sparkSession().read().schema(d.schema()).parquet(uri);
        };
    }
}
