package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.contract.Contract;

/** Which copy of a row is kept: the newest file's (modification time, then path), within a file the last line. */
class DedupeTest {
    static final String V = "b".repeat(64);
    static final String Y = "c".repeat(64);
    static final SparkSession SPARK = SparkTestSession.get();

    static Dataset<Row> order(Object[]... files) {
        List<Row> rows = List.of(files).stream().map(f -> RowFactory.create(f)).toList();
        return SPARK.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("_order_file", DataTypes.StringType, false),
                DataTypes.createStructField("_order_rank", DataTypes.LongType, false))));
    }

    static Row link(String ts, String youth, String file, long line) {
        Instant t = Instant.parse(ts);
        return RowFactory.create("p", t, V, youth, LocalDate.ofInstant(t, Contract.PARIS), file, line);
    }

    @Test
    void exactDuplicatesKeepTheNewestCopysLineage() {
        // identity_links has no natural key: equal rows are one row, wherever they come from
        Dataset<Row> rows = SPARK.createDataFrame(List.of(
                link("2026-03-01T10:00:00Z", Y, "p/identity_links/old.csv", 3),
                link("2026-03-01T10:00:00Z", Y, "p/identity_links/old.csv", 7),
                link("2026-03-01T10:00:00Z", Y, "p/identity_links/new.csv", 2),
                link("2026-03-02T10:00:00Z", Y, "p/identity_links/old.csv", 4),
                link("2026-03-02T10:00:00Z", Y, "p/identity_links/old.csv", 9)),
                Contract.IDENTITY_LINKS.stagedSchema());
        Dataset<Row> kept = IngestJob.dedupe(Contract.IDENTITY_LINKS, rows,
                order(new Object[] {"p/identity_links/old.csv", 0L}, new Object[] {"p/identity_links/new.csv", 1L}));
        assertEquals(List.of("2026-03-01T10:00:00Z p/identity_links/new.csv:2",
                "2026-03-02T10:00:00Z p/identity_links/old.csv:9"),
                kept.collectAsList().stream().map(r -> r.getAs("ts") + " " + r.getAs("_file") + ":" + r.getAs("_line"))
                        .sorted().collect(Collectors.toList()));
        assertEquals(List.of(Contract.IDENTITY_LINKS.stagedSchema().fieldNames()), List.of(kept.columns()));
    }

    @Test
    void onTheNaturalKeyTheNewestFileWins() {
        // costs: key (project, month, category, platform, campaign); the later file's amount is kept
        Dataset<Row> rows = SPARK.createDataFrame(List.of(
                RowFactory.create("p", "2026-03", "staff", null, null, new java.math.BigDecimal("10.0000"), "p/costs/a.csv", 5L),
                RowFactory.create("p", "2026-03", "staff", null, null, new java.math.BigDecimal("12.0000"), "p/costs/b.csv", 1L),
                RowFactory.create("p", "2026-04", "staff", null, null, new java.math.BigDecimal("7.0000"), "p/costs/a.csv", 2L),
                RowFactory.create("p", "2026-04", "staff", null, null, new java.math.BigDecimal("8.0000"), "p/costs/a.csv", 6L)),
                Contract.COSTS.stagedSchema());
        Dataset<Row> kept = IngestJob.dedupe(Contract.COSTS, rows,
                order(new Object[] {"p/costs/a.csv", 0L}, new Object[] {"p/costs/b.csv", 1L}));
        assertEquals(List.of("2026-03 12.0000 p/costs/b.csv:1", "2026-04 8.0000 p/costs/a.csv:6"),
                kept.collectAsList().stream().map(r -> r.getAs("month") + " " + r.getAs("amount_eur") + " "
                        + r.getAs("_file") + ":" + r.getAs("_line")).sorted().collect(Collectors.toList()));
    }

    static Row touch(String ts, String campaign, String creative, String file, long line) {
        Instant t = Instant.parse(ts);
        return RowFactory.create("p", t, V, null, "ad_click", "tiktok", campaign, creative, null, null, null, null, null,
                null, LocalDate.ofInstant(t, Contract.PARIS), file, line);
    }

    static List<String> lineage(Dataset<Row> kept) {
        return kept.collectAsList().stream().map(r -> r.getAs("ts") + " " + r.getAs("campaign_id") + "/"
                + r.getAs("creative_id") + " " + r.getAs("_file") + ":" + r.getAs("_line")).sorted().toList();
    }

    @Test
    void byHashesRowsWhoseHashesMeetAreComparedOnEveryColumn() {
        // Spark's row hash skips nulls, so a campaign without a creative and a creative without a campaign of the
        // same text hash alike: two different rows, both kept. Their exact copies go; a unique row keeps its lineage.
        Dataset<Row> rows = SPARK.createDataFrame(List.of(
                touch("2026-03-01T10:00:00Z", "x", null, "p/touchpoints/a.csv", 1),
                touch("2026-03-01T10:00:00Z", null, "x", "p/touchpoints/a.csv", 2),
                touch("2026-03-01T10:00:00Z", "x", null, "p/touchpoints/b.csv", 5),
                touch("2026-03-01T11:00:00Z", "y", "z", "p/touchpoints/a.csv", 3)),
                Contract.TOUCHPOINTS.stagedSchema());
        org.apache.spark.sql.Column hash = org.apache.spark.sql.functions.xxhash64(Deduplicated.key(Contract.TOUCHPOINTS)
                .stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
        assertEquals(2, rows.select(hash).distinct().count()); // the first three rows share one hash
        Dataset<Row> order = order(new Object[] {"p/touchpoints/a.csv", 0L}, new Object[] {"p/touchpoints/b.csv", 1L});
        List<String> expected = List.of("2026-03-01T10:00:00Z null/x p/touchpoints/a.csv:2",
                "2026-03-01T10:00:00Z x/null p/touchpoints/b.csv:5",
                "2026-03-01T11:00:00Z y/z p/touchpoints/a.csv:3");
        Dataset<Row> kept = IngestJob.byHashes(Contract.TOUCHPOINTS, rows, order, IngestJob.MAX_REPEATED_HASHES);
        assertEquals(expected, lineage(kept));
        assertEquals(List.of(Contract.TOUCHPOINTS.stagedSchema().fieldNames()), List.of(kept.columns()));
        // every row grouped on every column (more repeated hashes than the broadcast takes, or a small dataset)
        assertEquals(expected, lineage(IngestJob.byHashes(Contract.TOUCHPOINTS, rows, order, 0)));
        assertEquals(expected, lineage(IngestJob.dedupe(Contract.TOUCHPOINTS, rows, order)));
    }

    @Test
    void byHashesRowsWithoutCopiesComeOutAsTheyWentIn() {
        Dataset<Row> rows = SPARK.createDataFrame(List.of(
                touch("2026-03-01T10:00:00Z", "x", null, "p/touchpoints/a.csv", 1),
                touch("2026-03-01T10:00:00Z", "x", "y", "p/touchpoints/a.csv", 2),
                touch("2026-03-02T10:00:00Z", "x", null, "p/touchpoints/b.csv", 1)),
                Contract.TOUCHPOINTS.stagedSchema());
        Dataset<Row> order = order(new Object[] {"p/touchpoints/a.csv", 0L}, new Object[] {"p/touchpoints/b.csv", 1L});
        assertEquals(lineage(rows), lineage(IngestJob.byHashes(Contract.TOUCHPOINTS, rows, order, IngestJob.MAX_REPEATED_HASHES)));
        assertEquals(3, lineage(IngestJob.byHashes(Contract.TOUCHPOINTS, rows, order, 0)).size());
    }
}
