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
     * Under this many bytes of Parquet, a layer's aggregate is computed from its rows each time rather than kept: a
     * small layer (a scale-1 inbox, a day's touchpoints) is read in less time than writing and reading an aggregate
     * takes.
     */
    public static final long MIN_KEPT_BYTES = 16L << 20;

    /** The bytes of the files under {@code layers}. */
    public static long bytes(List<Location> layers) {
        long n = 0;
        try {
            for (Location l : layers) {
                java.util.Optional<java.nio.file.Path> local = l.localPath();
                if (local.isEmpty()) {
                    n += l.files().stream().mapToLong(Location.FileEntry::size).sum();
                    continue;
                }
                try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(local.get())) {
                    n += files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layers, e);
        }
        return n;
    }

    /**
     * {@code aggregate} of each of {@code spec}'s layers, their rows together; {@code aggregate} of {@code whole} (the
     * dataset's rows) when it was not read from layers. The aggregates of layers of at least {@code minKeptBytes} are
     * kept; the other layers are aggregated together from their rows. {@code name} names the aggregate: give it a new
     * one when the function changes.
     */
    public static Dataset<Row> perLayer(SparkSession spark, DatasetSpec spec, List<Location> layers, Dataset<Row> whole,
            String name, UnaryOperator<Dataset<Row>> aggregate, long minKeptBytes) {
        List<Location> kept = new java.util.ArrayList<>();
        List<Location> small = new java.util.ArrayList<>();
        for (Location layer : layers) {
            (bytes(List.of(layer)) >= minKeptBytes ? kept : small).add(layer);
        }
        if (kept.isEmpty()) {
            return aggregate.apply(whole);
        }
        for (Location layer : kept) {
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
        // One read of every kept aggregate, with the schema the function gives (no footers read to infer it).
        Dataset<Row> rows = spark.read().schema(aggregate.apply(whole).schema()).parquet(kept.stream()
                .map(l -> l.resolve(DIR).resolve(name).uri()).toArray(String[]::new));
        return small.isEmpty() ? rows : rows.unionByName(aggregate.apply(IngestJob.read(spark, spec, small)));
    }

    /** The same with {@link #MIN_KEPT_BYTES}. */
    public static Dataset<Row> perLayer(SparkSession spark, DatasetSpec spec, List<Location> layers, Dataset<Row> whole,
            String name, UnaryOperator<Dataset<Row>> aggregate) {
        return perLayer(spark, spec, layers, whole, name, aggregate, MIN_KEPT_BYTES);
    }

    /** The same for a dataset of {@code in}. */
    public static Dataset<Row> perLayer(IngestJob.Result in, DatasetSpec spec, String name,
            UnaryOperator<Dataset<Row>> aggregate) {
        Dataset<Row> whole = in.get(spec);
        return perLayer(whole.sparkSession(), spec, in.layers(spec), whole, name, aggregate);
    }
}
