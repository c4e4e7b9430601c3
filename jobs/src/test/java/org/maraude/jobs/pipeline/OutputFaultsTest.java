package org.maraude.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.TestWarehouse;

/**
 * Faults of the output folder on a real file system: {@code maraude run} in a child JVM whose output folder is
 * read-only (a read-only bind mount) or full (a small tmpfs holding a copy of the good output, with room for the
 * run's first files but not for a second release). The child exits 1 with one clear line and no stack frame nor
 * cell value; the last good warehouse stays current and readable, nothing partial or locked is left, and the next
 * normal run publishes. The mounts live in a mount namespace of the child ({@code unshare}), so the test is skipped
 * on a machine that does not allow one; a tmpfs vanishes with its namespace, so the full folder is copied out
 * before the namespace ends.
 */
class OutputFaultsTest {
    /** Room left on the full tmpfs: the run's lock and log fit, its first Parquet files during ingest do not. */
    static final int ROOM_KB = 64;

    @TempDir
    static Path dir;
    static Path out;
    static List<String> unshare;
    static String noNamespace;
    static String goodRun;
    static Map<String, List<List<String>>> goodTables;

    @BeforeAll
    static void goodRun() throws Exception {
        unshare = mountNamespace(dir.resolve("probe"));
        if (unshare == null) {
            return; // each test is skipped with the reason, in @BeforeEach (surefire reports that one)
        }
        out = dir.resolve("out");
        goodRun = NightlyJob.run(SparkTestSession.get(), CrashRecoveryTest.config(out)).runId();
        goodTables = CrashRecoveryTest.tables(out);
    }

    @BeforeEach
    void needsAMountNamespace() {
        assumeTrue(unshare != null, noNamespace);
    }

    @Test
    void aReadOnlyOutputFolderSaysSoAndLeavesTheWarehouseUntouched() throws Exception {
        Map<String, String> before = snapshot(out);
        String script = "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind \"$1\" \"$1\" || exit 90; shift; exec \"$@\"";
        Child c = runInNamespace(script, List.of(out.toString()), out);
        assertEquals(1, c.exit(), c.output());
        assertClearLine(c.output(), "maraude: the output folder " + out.toAbsolutePath().normalize() + " is read-only "
                + "(Read-only file system): make it writable or choose another --out; the last good warehouse is unchanged "
                + "(release " + goodRun + ")");
        assertEquals(before, snapshot(out), "nothing in the output folder changed");
        assertGoodWarehouse(out);
    }

    @Test
    void aFullOutputFolderSaysSoLeavesTheLastGoodWarehouseAndTheNextRunPublishes() throws Exception {
        Path after = runOnFullCopy("full", ROOM_KB);
        // What the full folder held when the run gave up (copied out of the tmpfs): the good release, untouched.
        assertEquals(snapshot(out.resolve("releases").resolve(goodRun)), snapshot(after.resolve("releases").resolve(goodRun)));
        assertFalse(Files.exists(after.resolve("work")), "the run's intermediate datasets are removed");

        NightlyJob.Summary next = NightlyJob.run(SparkTestSession.get(), CrashRecoveryTest.config(after));
        assertEquals(NightlyJob.Outcome.PUBLISHED, next.outcome());
        assertEquals(next.runId(), TestWarehouse.scalar(after.resolve("warehouse.duckdb"), "SELECT max(run_id) FROM youth_journey"));
        assertEquals(goodTables, CrashRecoveryTest.tables(after));
    }

    @Test
    void anOutputFolderFullBeforeTheRunStartsLeavesNoLockBehind() throws Exception {
        runOnFullCopy("full-already", 0); // the lock file is created, its few bytes do not fit
    }

    /**
     * Runs the child on a tmpfs holding a copy of the good output and {@code roomKb} free, checks what it printed
     * and the last good warehouse, and returns a copy of the folder as the run left it.
     */
    static Path runOnFullCopy(String name, int roomKb) throws Exception {
        Path full = Files.createDirectories(dir.resolve(name));
        Path after = Files.createDirectories(dir.resolve(name + "-after"));
        String script = """
                out="$1" good="$2" after="$3" room="$4"; shift 4
                mount -t tmpfs -o size=64m tmpfs "$out" && cp -a "$good"/. "$out"/ || exit 90
                used=$(df --output=used -k "$out" | tail -n 1)
                mount -o remount,size=$((used + room))k "$out" || exit 91
                "$@"; code=$?
                cp -a "$out"/. "$after"/ || exit 92
                exit $code""";
        Child c = runInNamespace(script, List.of(full.toString(), out.toString(), after.toString(),
                Integer.toString(roomKb)), full);
        assertEquals(1, c.exit(), c.output());
        assertClearLine(c.output(), "maraude: the output folder " + full.toAbsolutePath().normalize() + " is full "
                + "(No space left on device): free space or choose another --out; the last good warehouse is unchanged "
                + "(release " + goodRun + ")");
        assertGoodWarehouse(after);
        return after;
    }

    /** The last good release is current, readable, the same as before; nothing partial, no lock left. */
    static void assertGoodWarehouse(Path o) throws IOException {
        assertEquals(Path.of("releases", goodRun), Files.readSymbolicLink(o.resolve("current")));
        assertEquals(goodRun, TestWarehouse.scalar(o.resolve("warehouse.duckdb"), "SELECT max(run_id) FROM youth_journey"));
        assertEquals(goodTables, CrashRecoveryTest.tables(o));
        assertTrue(Files.exists(o.resolve("dashboards").resolve("index.html")));
        assertFalse(Files.exists(o.resolve("run.lock")), "the lock is released");
        try (Stream<Path> s = Files.list(o.resolve("releases"))) {
            assertEquals(List.of(goodRun), s.map(p -> p.getFileName().toString()).toList(), "no partial release is left");
        }
    }

    /** The run ends with the clear line; no stack frame and no cell of the inbox anywhere in what it printed. */
    static void assertClearLine(String output, String line) throws IOException {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(line, lines.get(lines.size() - 1), output);
        for (String l : lines) {
            assertFalse(l.matches("\\s+(at |\\.\\.\\. \\d+ more).*") || l.startsWith("Exception in thread"),
                    "a stack trace was printed: " + l);
        }
        try (Stream<Path> files = Files.walk(Path.of(CrashRecoveryTest.INBOX))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                for (String cell : Files.readString(f).split("[,\\n]")) {
                    // keys and free text; shorter cells (dates, channel names) are words of any log line
                    assertFalse(cell.strip().length() >= 16 && output.contains(cell.strip()), "a cell of " + f + " was printed");
                }
            }
        }
    }

    /** Every file and link under {@code root} with its size, time and target: equal snapshots, untouched folder. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                m.put(root.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "dir" : Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    record Child(int exit, String output) {}

    /**
     * {@code bash -c script} in a new mount namespace, with {@code args} then the child's command line
     * ({@code maraude run --out runOut}, the test JVM's flags and class path, the product's logging) as arguments.
     */
    static Child runInNamespace(String script, List<String> args, Path runOut) throws Exception {
        List<String> cmd = new ArrayList<>(unshare);
        cmd.addAll(List.of("bash", "-c", script, "bash"));
        cmd.addAll(args);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX")).toList());
        // the test class path puts the tests' logging first: the child logs like the product does
        cmd.add("-Dlog4j2.configurationFile=" + Path.of("target/classes/log4j2.properties").toAbsolutePath());
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.maraude.jobs.cli.Maraude", "run",
                "--inbox", CrashRecoveryTest.INBOX, "--out", runOut.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MARAUDE_PIPELINE_MODELS", "false"); // same stages as the in-process runs
        pb.environment().put("MARAUDE_REJECTS_MAX_SHARE", "0.5");
        Process p = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        try {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child run did not end within 300 s");
            Child c = new Child(p.exitValue(), output.get(30, TimeUnit.SECONDS));
            System.out.println("child (exit " + c.exit() + "):\n" + c.output());
            return c;
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // the JVM under bash, if the script is still there
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The {@code unshare} command line that may mount a tmpfs and a read-only bind mount here: as root, or as a
     * user mapped to root in a user namespace. Null, with the reason in {@link #noNamespace}, when neither is allowed.
     */
    static List<String> mountNamespace(Path probe) throws Exception {
        Files.createDirectories(probe);
        String script = "mount -t tmpfs -o size=1m tmpfs \"$1\" && mount --bind \"$1\" \"$1\" "
                + "&& mount -o remount,ro,bind \"$1\" \"$1\"";
        StringBuilder why = new StringBuilder();
        for (List<String> prefix : List.of(List.of("unshare", "--mount"),
                List.of("unshare", "--user", "--map-root-user", "--mount"))) {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of("bash", "-c", script, "bash", probe.toString()));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                p.getInputStream().transferTo(said);
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return prefix;
                }
                p.destroyForcibly();
                why.append(String.join(" ", prefix)).append(": ").append(said.toString(StandardCharsets.UTF_8).strip())
                        .append("; ");
            } catch (IOException e) {
                why.append(String.join(" ", prefix)).append(": ").append(e.getMessage()).append("; ");
            }
        }
        noNamespace = "output faults need a mount namespace to mount a tmpfs and a read-only folder, "
                + "and this machine allows none (" + why.toString().strip() + ")";
        return null;
    }
}
