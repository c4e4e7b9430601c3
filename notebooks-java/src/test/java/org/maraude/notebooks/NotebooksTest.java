package org.maraude.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.pipeline.NightlyJob;
import org.maraude.jobs.spark.Sessions;
import org.maraude.notebooks.cli.NotebooksCommand;
import org.maraude.notebooks.runner.Ipynb;
import org.maraude.notebooks.runner.NotebookRunner;
import org.maraude.sample.SampleGenerator;
import org.maraude.sample.SampleOptions;

/**
 * Every notebook of notebooks-java/ run on a real warehouse: the nightly job on a generated sample
 * inbox (scale 0.2 over 12 months), built once for the class. The executed
 * copies are left in target/notebooks/ to look at. Figures the notebooks print are checked
 * against direct SQL on the warehouse.
 */
class NotebooksTest {
    static {
        TestDirs.ensureTmp();
    }

    @TempDir
    static Path dir;
    static Path db;
    static final Map<String, NotebookRunner.Result> RESULTS = new TreeMap<>();

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("."))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @BeforeAll
    static void buildWarehouseAndRunNotebooks() throws IOException {
        String given = System.getProperty("notebooks.test.warehouse");
        db = given != null && !given.isBlank() ? Path.of(given).toAbsolutePath() : buildWarehouse();
        NotebookRunner.Options opts = NotebookRunner.Options.defaults().withWarehouse(db)
                .withCellTimeout(Duration.ofMinutes(2));
        for (Path nb : notebooks()) {
            NotebookRunner.Result r = NotebookRunner.run(nb, opts);
            Ipynb.write(r.notebook(), Path.of("target", "notebooks").resolve(nb.getFileName()));
            RESULTS.put(nb.getFileName().toString(), r);
        }
    }

    /** The nightly job on a generated sample inbox, with the tests' Spark settings. */
    static Path buildWarehouse() {
        Path inbox = dir.resolve("inbox");
        // a fifth of the demo inbox's volume over 12 months: every project and dataset, in less Spark time
        SampleGenerator.generate(SampleOptions.builder(inbox).truth(dir.resolve("truth")).scale(0.2).months(12).build());
        SparkConf conf = new SparkConf().setAppName("maraude-notebooks-tests").setMaster("local[2]");
        Sessions.applyDefaults(conf, 1); // one shuffle partition: the sample is small, Parquet files fewer
        conf.set("spark.sql.adaptive.enabled", "false");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        NightlyJob.Summary summary;
        try {
            summary = NightlyJob.run(spark, MaraudeConfig.load(null, Map.of()).with("inbox", inbox.toString())
                    .with("out", dir.resolve("out").toString()));
        } finally {
            spark.stop();
        }
        return summary.release().resolve("warehouse.duckdb");
    }

    static long count(String sql, Object... params) {
        try (Warehouse wh = Warehouse.open(db)) {
            return wh.sql(sql, params).longValue();
        }
    }

    static boolean has(String table) {
        try (Warehouse wh = Warehouse.open(db)) {
            return wh.has(table);
        }
    }

    static String text(String notebook) {
        NotebookRunner.Result r = RESULTS.get(notebook);
        assertTrue(r != null, "no notebook " + notebook);
        return r.text();
    }

    static Matcher find(String notebook, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text(notebook));
        assertTrue(m.find(), notebook + " prints no line matching " + regex);
        return m;
    }

    @Test
    void everyNotebookRunsToTheEndAndShowsCharts() {
        assertEquals(List.of("01-funnel.ipynb", "02-creatives-and-channels.ipynb", "03-attribution.ipynb",
                "04-budget-plan.ipynb", "05-data-quality.ipynb", "06-sql-scratchpad.ipynb"), List.copyOf(RESULTS.keySet()));
        RESULTS.forEach((name, r) -> {
            assertTrue(r.ok(), () -> name + " failed at " + r.failure() + "\n" + String.join("\n", r.failure().traceback()));
            assertEquals(r.codeCells(), r.cellsRun(), name);
            assertTrue(r.images() >= 2, name + " shows " + r.images() + " charts");
        });
    }

    @Test
    void funnelNotebookCountsWhatTheJourneysCount() {
        Matcher p = find("01-funnel.ipynb", "contacted in (\\S+): (\\d+)\n");
        assertEquals(count("SELECT count(*) FROM youth_journey WHERE project_id = ?", p.group(1)), Long.parseLong(p.group(2)));
        Matcher all = find("01-funnel.ipynb", "contacted in the programme \\(a youth counts once\\): (\\d+)");
        assertEquals(count("SELECT count(DISTINCT youth_key) FROM youth_journey"), Long.parseLong(all.group(1)));
        assertTrue(Long.parseLong(all.group(1)) > 100, "a real warehouse");
    }

    @Test
    void attributionNotebookFallsBackToTheSourceRule() {
        Matcher p = find("03-attribution.ipynb", "contacted youth of (\\S+) by rule: (\\d+)");
        assertEquals(count("SELECT count(*) FROM youth_journey WHERE project_id = ?", p.group(1)), Long.parseLong(p.group(2)));
        assertEquals(!has("attribution"), text("03-attribution.ipynb").contains("attribution: not computed in this warehouse yet"));
    }

    @Test
    void laterStagesTablesAreUsedWhenPresentAndSaidMissingOtherwise() {
        for (String[] t : new String[][] {{"02-creatives-and-channels.ipynb", "creative_scores"},
            {"02-creatives-and-channels.ipynb", "channel_scores"}, {"04-budget-plan.ipynb", "plan"},
            {"04-budget-plan.ipynb", "response_curves"}}) {
            assertEquals(!has(t[1]), text(t[0]).contains(t[1] + ": not computed in this warehouse yet"), t[0] + " / " + t[1]);
        }
        if (!has("creative_scores")) {
            assertTrue(text("02-creatives-and-channels.ipynb").contains("unknown_share_low"), "Wilson intervals from funnel_monthly");
        }
    }

    @Test
    void dataQualityNotebookCountsTheRejects() {
        Matcher m = find("05-data-quality.ipynb", "rows rejected in run (\\S+): (\\d+)");
        assertEquals(count("SELECT count(*) FROM rejects WHERE run_id = ?", m.group(1)), Long.parseLong(m.group(2)));
        assertEquals(count("SELECT count(*) FROM run_summary WHERE run_id = ?", m.group(1)), 1L, "the latest run");
    }

    @Test
    void theCommandRunsNotebooksAndWritesExecutedCopies() {
        Path out = dir.resolve("executed");
        int code = NotebooksCommand.commandLine().execute("--run", "--warehouse", db.toString(), "--out", out.toString(),
                "--notebooks", ".", "06-sql-scratchpad");
        assertEquals(NotebooksCommand.OK, code);
        assertFalse(Ipynb.isClean(Ipynb.read(out.resolve("06-sql-scratchpad.ipynb"))));
        assertEquals(NotebooksCommand.FAILED, NotebooksCommand.commandLine().execute("--run", "--warehouse",
                dir.resolve("none.duckdb").toString(), "--notebooks", "."));
        assertEquals(NotebooksCommand.USAGE, NotebooksCommand.commandLine().execute());
    }
}
