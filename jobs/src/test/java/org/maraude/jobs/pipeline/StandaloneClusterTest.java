package org.maraude.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.config.MaraudeConfig;

/**
 * Scale-out proof: a real Spark standalone cluster on loopback (one Master and two Workers, each a
 * separate JVM started from the project's own dependencies) runs `maraude run --master spark://…`
 * in a separate driver JVM; tasks must run on executors of both workers, and every published table
 * must equal the one from a local run of the same inbox. Every process started is stopped, also
 * when the test fails.
 */
class StandaloneClusterTest {
    static final String INBOX = Path.of("src/test/resources/inbox-tiny").toAbsolutePath().toString();

    @TempDir
    Path dir;
    final List<Process> started = new ArrayList<>();

    @Test
    void theSameJarOnAStandaloneClusterPublishesTheSameTables() throws Exception {
        String cp = System.getProperty("java.class.path");
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        int port = freePort();
        int ui = freePort();
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_DIST_CLASSPATH", cp, "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOCAL_HOSTNAME", "127.0.0.1",
                "SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        try {
            start(env, dir.resolve("master.log"), List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
                    "--webui-port", "" + ui));
            for (int w = 1; w <= 2; w++) {
                start(env, dir.resolve("worker" + w + ".log"), List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                        "org.apache.spark.deploy.worker.Worker", "spark://127.0.0.1:" + port, "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(), "--work-dir",
                        Files.createDirectories(dir.resolve("work" + w)).toString()));
            }
            waitForWorkers(ui, 2);

            Path events = Files.createDirectories(dir.resolve("events"));
            Path config = dir.resolve("cluster.properties");
            Files.writeString(config, String.join("\n",
                    "rejects.max.share=0.5",
                    "pipeline.models=false",
                    "spark.conf.spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "spark.conf.spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
                    "spark.conf.spark.executor.memory=512m",
                    "spark.conf.spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1",
                    "spark.conf.spark.eventLog.enabled=true",
                    "spark.conf.spark.eventLog.compress=false",
                    "spark.conf.spark.eventLog.rolling.enabled=false",
                    "spark.conf.spark.eventLog.dir=" + events.toUri()) + "\n");
            Path clusterOut = dir.resolve("out-cluster");
            List<String> driver = new ArrayList<>(jvmFlags());
            driver.addAll(List.of("-Xmx1g", "-cp", cp, "org.maraude.jobs.cli.Maraude", "run", "--inbox", INBOX,
                    "--out", clusterOut.toString(), "--config", config.toString(),
                    "--master", "spark://127.0.0.1:" + port));
            Process d = start(env, dir.resolve("driver.log"), driver);
            assertTrue(d.waitFor(5, TimeUnit.MINUTES), "driver did not finish; see " + dir.resolve("driver.log"));
            assertEquals(0, d.exitValue(), () -> "driver failed:\n" + tail(dir.resolve("driver.log")));

            // Tasks ran on executors of both workers.
            Set<String> executors = new TreeSet<>();
            Pattern taskEnd = Pattern.compile("\"Event\":\"SparkListenerTaskEnd\".*?\"Executor ID\":\"(\\d+)\"");
            try (Stream<Path> logs = Files.list(events)) {
                for (Path log : logs.toList()) {
                    for (String line : Files.readAllLines(log)) {
                        Matcher m = taskEnd.matcher(line);
                        if (m.find()) {
                            executors.add(m.group(1));
                        }
                    }
                }
            }
            assertEquals(2, executors.size(), "tasks ran on executors " + executors);
            for (int w = 1; w <= 2; w++) {
                try (Stream<Path> apps = Files.list(dir.resolve("work" + w))) {
                    assertEquals(1, apps.count(), "worker " + w + " launched an executor for the application");
                }
            }

            // Every published table equals a local run's.
            Path localOut = dir.resolve("out-local");
            NightlyJob.run(SparkTestSession.get(), MaraudeConfig.load(null, Map.of()).with("inbox", INBOX)
                    .with("out", localOut.toString()).with("rejects.max.share", "0.5").with("pipeline.models", "false"));
            for (String table : CrashRecoveryTest.TABLES) {
                assertEquals(rows(localOut, table), rows(clusterOut, table), table);
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                Process p = started.get(i);
                p.destroy(); // SIGTERM: a worker's shutdown hook ends its executors
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    static List<List<String>> rows(Path out, String table) {
        return org.maraude.jobs.TestWarehouse.query(out.resolve("warehouse.duckdb"),
                "SELECT * EXCLUDE (run_id) FROM " + table + " ORDER BY ALL");
    }

    private Process start(Map<String, String> env, Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    static List<String> jvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX")).toList();
    }

    private static void waitForWorkers(int ui, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(body);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("workers did not register in 90 s: " + body);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> l = Files.readAllLines(log);
            return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
