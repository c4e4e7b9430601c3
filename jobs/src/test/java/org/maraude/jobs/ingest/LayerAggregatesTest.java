package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.spark.Location;

/**
 * Aggregates kept per layer: the same as the aggregate of every row, computed once per layer, computed again when
 * a layer's was cut short, and never read as rows of the dataset.
 */
class LayerAggregatesTest {
    private static final String TOUCHES = "ts,visitor_key,youth_key,touch_type,platform,creative_id\n";

    private static String touch(String ts, char visitor, String platform) {
        return ts + "," + String.valueOf(visitor).repeat(64) + ",,ad_click," + platform + ",\n";
    }

    private static List<String> rows(Dataset<Row> d) {
        return d.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private static Dataset<Row> platforms(IngestJob.Result in) {
        return LayerAggregates.perLayer(SparkTestSession.get(), Contract.TOUCHPOINTS, in.layers(Contract.TOUCHPOINTS),
                in.get(Contract.TOUCHPOINTS), "test-platforms", t -> t.select("project_id", "platform").distinct(), 0);
    }

    private static FileTime written(Location layer) throws IOException {
        Path dir = layer.localPath().orElseThrow().resolve(LayerAggregates.DIR).resolve("test-platforms");
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).orElseThrow();
        }
    }

    @Test
    void eachLayerIsAggregatedOnceAndTogetherTheyGiveEveryRowsAggregate(@TempDir Path dir) throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path inbox = dir.resolve("inbox");
        Path staging = dir.resolve("staging");
        Path t = inbox.resolve("p1/touchpoints");
        Files.createDirectories(t);
        Files.writeString(t.resolve("a.csv"), TOUCHES + touch("2026-03-01T10:00:00Z", 'a', "tiktok")
                + touch("2026-03-01T11:00:00Z", 'b', "tiktok") + touch("2026-03-01T12:00:00Z", 'b', "instagram"));
        Files.setLastModifiedTime(t.resolve("a.csv"), FileTime.fromMillis(1_000_000));
        IngestJob.run(spark, inbox, staging, IngestLimits.defaults());
        Files.writeString(t.resolve("b.csv"), TOUCHES + touch("2026-03-02T10:00:00Z", 'c', "tiktok")
                + touch("2026-03-02T11:00:00Z", 'c', "youtube"));
        Files.setLastModifiedTime(t.resolve("b.csv"), FileTime.fromMillis(2_000_000));
        IngestJob.Result in = IngestJob.run(spark, inbox, staging, IngestLimits.defaults());
        List<Location> layers = in.layers(Contract.TOUCHPOINTS);
        assertEquals(2, layers.size());
        long rows = in.get(Contract.TOUCHPOINTS).count();

        assertEquals(List.of("[p1,instagram]", "[p1,tiktok]", "[p1,youtube]"), rows(platforms(in).distinct()));
        // Per layer: tiktok is in both.
        assertEquals(List.of("[p1,instagram]", "[p1,tiktok]", "[p1,tiktok]", "[p1,youtube]"), rows(platforms(in)));
        // The aggregates are not rows of the dataset.
        assertEquals(rows, IngestJob.run(spark, inbox, staging, IngestLimits.defaults()).get(Contract.TOUCHPOINTS).count());

        // Once per layer: the next call reads what the first wrote; a layer's without its mark is written again.
        FileTime first = written(layers.get(0));
        platforms(in).count();
        assertEquals(first, written(layers.get(0)));
        Path done = layers.get(1).localPath().orElseThrow().resolve(LayerAggregates.DIR).resolve("test-platforms")
                .resolve("_DONE");
        assertTrue(Files.exists(done));
        Files.delete(done);
        Files.setLastModifiedTime(done.getParent(), FileTime.fromMillis(0));
        try (var files = Files.list(done.getParent())) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, FileTime.fromMillis(0));
            }
        }
        assertEquals(List.of("[p1,instagram]", "[p1,tiktok]", "[p1,tiktok]", "[p1,youtube]"), rows(platforms(in)));
        assertEquals(first, written(layers.get(0)));
        assertNotEquals(FileTime.fromMillis(0), written(layers.get(1)));
        assertTrue(Files.exists(done));

        // Layers under the size worth keeping an aggregate for are aggregated from their rows, nothing written.
        assertEquals(List.of("[p1,instagram]", "[p1,tiktok]", "[p1,youtube]"), rows(LayerAggregates.perLayer(in,
                Contract.TOUCHPOINTS, "test-small", d -> d.select("project_id", "platform").distinct())));
        for (Location layer : layers) {
            assertTrue(!Files.exists(layer.localPath().orElseThrow().resolve(LayerAggregates.DIR).resolve("test-small")));
        }
    }
}
