package org.maraude.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.TestWarehouse;
import org.maraude.jobs.config.MaraudeConfig;

/**
 * Faults: a run killed with SIGKILL while it ingests, computes journeys (the model step) or publishes
 * leaves the previous warehouse and pages intact and readable; the next run takes over the stale
 * lock and gives the same tables as an uninterrupted run; a second concurrent run refuses.
 */
class CrashRecoveryTest {
    static final String INBOX = Path.of("src/test/resources/inbox-tiny").toAbsolutePath().toString();
    static final List<String> TABLES = List.of("youth_journey", "funnel_monthly", "funnel_monthly_programme", "cohorts",
            "reply_times", "rejects", "ingest_warnings");

    @TempDir
    static Path out;
    static String goodRun;
    static Map<String, List<List<String>>> goodTables;

    static MaraudeConfig config(Path o) {
        return MaraudeConfig.load(null, Map.of()).with("inbox", INBOX).with("out", o.toString())
                .with("rejects.max.share", "0.5").with("pipeline.models", "false");
    }

    @BeforeAll
    static void goodRun() {
        goodRun = NightlyJob.run(SparkTestSession.get(), config(out)).runId();
        goodTables = tables(out);
    }

    static Map<String, List<List<String>>> tables(Path o) {
        Map<String, List<List<String>>> t = new java.util.TreeMap<>();
        for (String name : TABLES) {
            t.put(name, TestWarehouse.query(o.resolve("warehouse.duckdb"),
                    "SELECT * EXCLUDE (run_id) FROM " + name + " ORDER BY ALL"));
        }
        return t;
    }

    /** Starts `maraude run` in a child JVM and SIGKILLs it when its log shows the stage has begun. */
    static void killDuring(String stage, long delayMillis) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX")).toList());
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.maraude.jobs.cli.Maraude", "run",
                "--inbox", INBOX, "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MARAUDE_PIPELINE_MODELS", "false"); // same stages as the in-process runs
        Process p = pb.start();
        CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.contains("▶ " + stage)) {
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        try {
            assertTrue(reached.get(300, TimeUnit.SECONDS), "the child run never reached " + stage);
            Thread.sleep(delayMillis);
            assertTrue(p.isAlive(), "the child finished before it could be killed during " + stage);
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // The previous release is untouched and readable: same run, same tables, pages in place.
        assertEquals(goodRun, TestWarehouse.scalar(out.resolve("warehouse.duckdb"), "SELECT max(run_id) FROM youth_journey"));
        assertEquals(goodTables, tables(out));
        assertTrue(Files.exists(out.resolve("dashboards").resolve("index.html")));
        assertTrue(Files.exists(out.resolve("run.lock")), "the killed run leaves its lock behind");
    }

    @Test
    void killedRunsLeaveTheLastGoodWarehouseAndTheNextRunRecovers() throws Exception {
        killDuring("ingest", 0);
        killDuring("journeys", 0);
        killDuring("publish", 1500);
        // The next run takes over the stale lock, completes, and equals the uninterrupted run.
        NightlyJob.Summary s = NightlyJob.run(SparkTestSession.get(), config(out));
        assertEquals(NightlyJob.Outcome.PUBLISHED, s.outcome());
        assertEquals(s.runId(), TestWarehouse.scalar(out.resolve("warehouse.duckdb"), "SELECT max(run_id) FROM youth_journey"));
        assertEquals(goodTables, tables(out));
        assertFalse(Files.exists(out.resolve("run.lock")));
        try (var partial = Files.list(out.resolve("releases"))) {
            assertEquals(0, partial.filter(x -> x.getFileName().toString().endsWith(".partial")).count(),
                    "partial releases of killed runs are cleaned up");
        }
    }

    @Test
    void aSecondRunRefusesWhileOneIsRunning(@TempDir Path other) throws Exception {
        Files.writeString(other.resolve("run.lock"), Long.toString(ProcessHandle.current().pid()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NightlyJob.run(SparkTestSession.get(), config(other)));
        assertTrue(e.getMessage().startsWith("another maraude run (pid "), e.getMessage());
        assertFalse(Files.exists(other.resolve("warehouse.duckdb")));
    }
}
