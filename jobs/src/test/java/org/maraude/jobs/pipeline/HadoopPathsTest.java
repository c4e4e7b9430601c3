package org.maraude.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.TestWarehouse;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.spark.Location;
import org.maraude.jobs.warehouse.Warehouse;

/**
 * The nightly job with its inbox and output folder on HDFS (an in-process MiniDFSCluster, one
 * datanode): the driver lists, stages, locks, logs and publishes through Hadoop's FileSystem, builds
 * the DuckDB file and the pages locally and copies them into the release, and swaps the
 * {@code CURRENT} pointer file. The published tables equal a local run's of the same inbox; a second
 * night reuses every staged file, reads the run history back from HDFS and publishes the same tables
 * with both runs in the history; rollback moves the pointer back to the first night.
 */
class HadoopPathsTest {
    @TempDir
    static Path local;
    static MiniDFSCluster dfs;
    static FileSystem fs;
    static String root;

    @BeforeAll
    static void startHdfs() throws Exception {
        // The namenode's embedded web server refuses to start when java.io.tmpdir does not exist yet.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("dfs").toString());
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        fs = dfs.getFileSystem();
        root = dfs.getURI().toString();
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of(CrashRecoveryTest.INBOX).toUri()),
                new org.apache.hadoop.fs.Path(root + "/inbox"));
    }

    @AfterAll
    static void stopHdfs() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    static MaraudeConfig config(String inbox, String out) {
        return MaraudeConfig.load(null, Map.of()).with("inbox", inbox).with("out", out)
                .with("rejects.max.share", "0.5").with("pipeline.models", "false");
    }

    /** A hang (the second night once hung while writing the run history) fails the test instead of blocking CI. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoNightsOnHdfsPublishWhatALocalRunPublishes() throws Exception {
        NightlyJob.Summary onHdfs = NightlyJob.run(SparkTestSession.get(), config(root + "/inbox", root + "/out"));
        NightlyJob.Summary onDisk = NightlyJob.run(SparkTestSession.get(),
                config(CrashRecoveryTest.INBOX, local.resolve("out").toString()));

        assertEquals(NightlyJob.Outcome.PUBLISHED, onHdfs.outcome());
        assertNull(onHdfs.release());
        assertEquals(root + "/out/releases/" + onHdfs.runId(), onHdfs.releaseUri());
        assertEquals(onDisk.files(), onHdfs.files());
        assertEquals(onDisk.rowsKept(), onHdfs.rowsKept());
        assertEquals(onHdfs.runId() + "\n", read("out/CURRENT"));
        String release = "out/releases/" + onHdfs.runId() + "/";
        for (String f : List.of("warehouse.duckdb", "dashboards/index.html", "dashboards-funder/index.html",
                "parquet/youth_journey")) {
            assertTrue(exists(release + f), release + f);
        }
        assertTrue(read("out/logs/" + onHdfs.runId() + ".jsonl").contains("\"event\":\"end\""));
        assertFalse(exists("out/run.lock"));
        assertFalse(exists("out/work/" + onHdfs.runId()));
        // A leftover java.nio use of an hdfs: URI would have made a relative local folder named "hdfs:".
        assertFalse(Files.exists(Path.of("hdfs:")), "a driver-side path went through java.nio");

        Path db = download(release + "warehouse.duckdb");
        assertEquals(tables(local.resolve("out").resolve("warehouse.duckdb")), tables(db));
        assertFalse(tables(db).get("youth_journey").isEmpty());

        // The second night: the same inbox, so every staged file is reused; the run history (runs, run_summary)
        // is the first night's release read back from HDFS followed by this night's rows.
        NightlyJob.Summary second = NightlyJob.run(SparkTestSession.get(), config(root + "/inbox", root + "/out"));
        assertEquals(NightlyJob.Outcome.PUBLISHED, second.outcome());
        assertEquals(0, second.filesParsed());
        assertEquals(onHdfs.filesParsed(), second.filesReused());
        assertEquals(onHdfs.files(), second.files());
        assertEquals(second.runId() + "\n", read("out/CURRENT"));
        assertFalse(exists("out/run.lock"));
        assertFalse(exists("out/work/" + second.runId()));
        Path db2 = download("out/releases/" + second.runId() + "/warehouse.duckdb");
        Map<String, List<List<String>>> first = tables(db);
        Map<String, List<List<String>>> next = tables(db2);
        List<List<String>> runsTwice = first.remove("runs").stream().flatMap(r -> java.util.stream.Stream.of(r, r)).toList();
        assertEquals(runsTwice, next.remove("runs"), "the same files, once per night");
        assertEquals(first, next);
        assertEquals(List.of(List.of(onHdfs.runId(), String.valueOf(onHdfs.filesParsed()), "0"),
                List.of(second.runId(), "0", String.valueOf(onHdfs.filesParsed()))),
                TestWarehouse.query(db2, "SELECT run_id, files_parsed, files_reused FROM run_summary ORDER BY run_id"));

        // Rollback moves the pointer file back to the release published before: the first night's.
        Location out = Location.of(root + "/out", new Configuration());
        assertEquals(onHdfs.runId(), Warehouse.rollback(out).name());
        assertEquals(onHdfs.runId() + "\n", read("out/CURRENT"));
    }

    /** Every published table but the per-run summary, without the run id, in a stable order. */
    static Map<String, List<List<String>>> tables(Path db) {
        Map<String, List<List<String>>> t = new TreeMap<>();
        for (List<String> name : TestWarehouse.query(db, "SELECT table_name FROM duckdb_tables() ORDER BY 1")) {
            if (!name.get(0).equals("run_summary")) {
                t.put(name.get(0), TestWarehouse.query(db, "SELECT * EXCLUDE (run_id) FROM \"" + name.get(0)
                        + "\" ORDER BY ALL"));
            }
        }
        return t;
    }

    static boolean exists(String rel) throws java.io.IOException {
        return fs.exists(new org.apache.hadoop.fs.Path(root + "/" + rel));
    }

    static String read(String rel) throws java.io.IOException {
        try (var in = fs.open(new org.apache.hadoop.fs.Path(root + "/" + rel))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path download(String rel) throws java.io.IOException {
        Path to = Files.createTempDirectory(local, "db").resolve("warehouse.duckdb");
        fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(root + "/" + rel),
                new org.apache.hadoop.fs.Path(to.toUri()), true);
        return to;
    }
}
