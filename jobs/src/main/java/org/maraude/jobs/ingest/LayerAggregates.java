package org.maraude.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.contract.DatasetSpec;
import org.maraude.jobs.spark.Location;

/**
 * Small aggregates of a dataset computed once per layer ({@link IngestJob.Result#layers}) and kept inside the layer's
 * folder ({@code _aggregates/<name>/}, complete once its {@code _DONE} exists; Spark does not read folders whose name
 * starts with {@code _} as the layer's rows). A layer never changes once written, and goes with its aggregates when
 * the dataset is written again, so a night reads the aggregates of the layers it kept instead of scanning every row
 * (12 M touchpoints at scale 100) for a few thousand distinct values. For aggregates that combine across layers
 * (counts, minimums, distinct values): the caller aggregates the layers' rows again.
 */
public final class LayerAggregates {
    private LayerAggregates() {}

    static final String DIR = "_aggregates";
    private static final String DONE = "_DONE";

    /**
     * {@code aggregate} of each of {@code spec}'s layers, their rows together; {@code aggregate} of {@code whole} (the
     * dataset's rows) when it was not read from layers. {@code name} names the aggregate: give it a new one when the
     * function changes.
     */
    public static Dataset<Row> perLayer(SparkSession spark, DatasetSpec spec, List<Location> layers, Dataset<Row> whole,
            String name, UnaryOperator<Dataset<Row>> aggregate) {
        if (layers.isEmpty()) {
            return aggregate.apply(whole);
        }
        for (Location layer : layers) {
            Location dir = layer.resolve(DIR).resolve(name);
            try {
                if (!dir.resolve(DONE).exists()) {
                    aggregate.apply(IngestJob.read(spark, spec, List.of(layer))).write().mode(SaveMode.Overwrite)
                            .parquet(dir.uri());
                    dir.resolve(DONE).createNew("done\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the aggregate " + dir, e);
            }
        }
        // One read of every layer's aggregate, with the schema the function gives (no footers read to infer it).
        return spark.read().schema(aggregate.apply(whole).schema()).parquet(layers.stream()
                .map(l -> l.resolve(DIR).resolve(name).uri()).toArray(String[]::new));
    }

    /** The same for a dataset of {@code in}. */
    public static Dataset<Row> perLayer(IngestJob.Result in, DatasetSpec spec, String name,
            UnaryOperator<Dataset<Row>> aggregate) {
        Dataset<Row> whole = in.get(spec);
        return perLayer(whole.sparkSession(), spec, in.layers(spec), whole, name, aggregate);
    }
}
