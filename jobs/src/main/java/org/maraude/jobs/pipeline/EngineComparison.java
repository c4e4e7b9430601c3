package org.maraude.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.maraude.jobs.contract.Contract;
import org.maraude.jobs.ingest.IngestJob;

/**
 * The benchmark's side-by-side (config {@code bench.compare.duckdb=true}): the core funnel —
 * contacted, previously unknown and handed off per project and Paris month — computed from the
 * same staged Parquet by Spark and by DuckDB in the same run, timed, and checked to agree. The
 * ratio of the two times is the cost of running on Spark at this scale.
 */
public final class EngineComparison {
    private EngineComparison() {}

    public record Outcome(double sparkSeconds, double duckdbSeconds, int rows, boolean agree) {
        public double ratio() {
            return duckdbSeconds == 0 ? Double.NaN : sparkSeconds / duckdbSeconds;
        }
    }

    public static Outcome run(SparkSession spark, IngestJob.Result in) {
        // DuckDB reads the staged files in place: this comparison needs a local output folder.
        List<Path> contacts = in.staged(Contract.CONTACTS).stream().map(EngineComparison::local).toList();
        List<Path> registry = in.staged(Contract.KNOWN_YOUTH).stream().map(EngineComparison::local).toList();
        long t0 = System.nanoTime();
        List<String> viaSpark = spark(spark, contacts, registry);
        long t1 = System.nanoTime();
        List<String> viaDuck = duckdb(contacts, registry);
        long t2 = System.nanoTime();
        return new Outcome((t1 - t0) / 1e9, (t2 - t1) / 1e9, viaSpark.size(), viaSpark.equals(viaDuck));
    }

    private static Path local(org.maraude.jobs.spark.Location l) {
        return l.localPath().orElseThrow(() -> new IllegalStateException("bench.compare.duckdb needs a local out"));
    }

    private static Dataset<Row> rows(SparkSession spark, List<Path> folders) {
        String[] paths = folders.stream().map(p -> p.toUri().toString()).toArray(String[]::new);
        Dataset<Row> all = spark.read().parquet(paths);
        Dataset<Row> refused = all.filter("_kind = 'reject' AND _line IS NULL").select(col("_file").as("_refused")).distinct();
        return all.filter("_kind = 'row'").join(refused, col("_file").equalTo(col("_refused")), "left_anti");
    }

    static List<String> spark(SparkSession spark, List<Path> contacts, List<Path> registry) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        spark.sparkContext().setJobDescription("benchmark: core funnel on Spark");
        Column inbound = col("event").isin("first_contact", "inbound_message");
        Dataset<Row> firsts = rows(spark, contacts).groupBy("project_id", "youth_key").agg(
                min(when(col("event").equalTo("first_contact"), struct(col("ts"), col("local_date")))).as("f"),
                min(when(inbound, struct(col("ts"), col("local_date")))).as("i"),
                max(col("event").equalTo("handoff")).as("handed_off"))
                .withColumn("day", org.apache.spark.sql.functions.coalesce(col("f.local_date"), col("i.local_date")))
                .filter(col("day").isNotNull());
        Dataset<Row> known = registry.isEmpty()
                ? spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                        .add("k_youth", "string").add("known_since", "date"))
                : rows(spark, registry).groupBy(col("youth_key").as("k_youth")).agg(min("known_since").as("known_since"));
        List<String> out = firsts.join(known, col("youth_key").equalTo(col("k_youth")), "left")
                .groupBy(col("project_id"), date_format(col("day"), "yyyy-MM").as("month"))
                .agg(count(lit(1)).as("contacted"),
                        sum(when(col("known_since").isNull().or(col("known_since").geq(col("day"))), 1).otherwise(0)).as("unknown"),
                        sum(when(col("handed_off"), 1).otherwise(0)).as("handed_off"))
                .orderBy("project_id", "month").collectAsList().stream()
                .map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4))
                .collect(Collectors.toList());
        spark.sparkContext().setJobDescription(null);
        return out;
    }

    private static String parquetList(List<Path> folders) {
        return folders.stream().map(p -> "'" + p.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static List<String> duckdb(List<Path> contacts, List<Path> registry) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        String rows = """
                (SELECT * FROM read_parquet(%1$s, union_by_name = true) WHERE _kind = 'row'
                   AND _file NOT IN (SELECT _file FROM read_parquet(%1$s, union_by_name = true)
                                     WHERE _kind = 'reject' AND _line IS NULL))""";
        String registryRows = registry.isEmpty() ? "(SELECT NULL::VARCHAR AS youth_key, NULL::DATE AS known_since WHERE false)"
                : rows.formatted(parquetList(registry));
        String sql = """
                WITH firsts AS (
                  SELECT project_id, youth_key,
                         coalesce(arg_min(local_date, ts) FILTER (WHERE event = 'first_contact'),
                                  arg_min(local_date, ts) FILTER (WHERE event IN ('first_contact', 'inbound_message'))) AS day,
                         bool_or(event = 'handoff') AS handed_off
                  FROM %s GROUP BY ALL
                ), known AS (SELECT youth_key, min(known_since) AS known_since FROM %s GROUP BY ALL)
                SELECT project_id, strftime(day, '%%Y-%%m') AS month, count(*),
                       count(*) FILTER (WHERE known_since IS NULL OR known_since >= day),
                       count(*) FILTER (WHERE handed_off)
                FROM firsts LEFT JOIN known USING (youth_key) WHERE day IS NOT NULL
                GROUP BY ALL ORDER BY project_id, month
                """.formatted(rows.formatted(parquetList(contacts)), registryRows);
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getLong(3) + "|" + r.getLong(4) + "|" + r.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB side of the engine comparison failed: " + e.getMessage(), e);
        }
        return out;
    }
}
