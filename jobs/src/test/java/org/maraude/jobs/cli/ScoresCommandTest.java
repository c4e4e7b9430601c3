package org.maraude.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.TestWarehouse;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.jobs.pipeline.NightlyJob;
import picocli.CommandLine;

/**
 * The nightly run publishes the attribution and score tables (on the tiny fixture inbox), and
 * {@code maraude scores} prints them from the warehouse.
 */
class ScoresCommandTest {
    @TempDir
    static Path out;
    static Path db;

    @BeforeAll
    static void run() {
        MaraudeConfig config = MaraudeConfig.load(null, Map.of())
                .with("inbox", Path.of("src/test/resources/inbox-tiny").toString())
                .with("out", out.toString())
                .with("rejects.max.share", "0.5");
        NightlyJob.run(SparkTestSession.get(), config);
        db = out.resolve("warehouse.duckdb");
    }

    static String scores(String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new ScoresCommand());
        cl.setOut(new PrintWriter(sw));
        int code = cl.execute(args);
        return code + "\n" + sw;
    }

    @Test
    void theRunPublishesAttributionWhoseCreditsSumToTheFunnel() {
        // every model: credits per project and month = contacted in funnel_monthly
        assertEquals(List.of(), TestWarehouse.query(db, "WITH f AS (SELECT project_id, month, sum(contacted) AS c "
                + "FROM funnel_monthly GROUP BY 1, 2), a AS (SELECT project_id, month, model, sum(credit) AS c "
                + "FROM attribution WHERE outcome = 'contacted' GROUP BY 1, 2, 3) "
                + "SELECT a.* FROM a JOIN f USING (project_id, month) WHERE abs(a.c - f.c) > 1e-9"));
        assertEquals("8", TestWarehouse.scalar(db, "SELECT count(DISTINCT model) FROM attribution"));
        assertTrue(Integer.parseInt(TestWarehouse.scalar(db, "SELECT count(*) FROM model_metrics "
                + "WHERE model = 'markov' AND metric = 'chosen_order' AND run_id IS NOT NULL")) > 0);
        assertEquals(List.of(List.of("p-coach", "cr-1", "1", "1"), List.of("p-coach", "cr-2", "2", "1")),
                TestWarehouse.query(db, "SELECT project_id, creative_id, contacted, contacted_unknown FROM creative_scores "
                        + "ORDER BY 1, 2"));
    }

    @Test
    void printsRankedCreativesAndChannels() {
        String s = scores("--project", "p-coach", "--out", out.toString());
        System.out.println(s);
        assertTrue(s.startsWith("0\n"), s);
        assertTrue(s.contains("Creatives") && s.contains("Channels"), s);
        assertTrue(s.lines().anyMatch(l -> l.matches("1\\s+cr-\\d.*")), s);
        assertTrue(s.lines().anyMatch(l -> l.contains("instagram") && l.contains("50% [")), s);
    }

    @Test
    void unknownProjectAndMissingWarehouse() {
        String s = scores("--project", "nope", "--out", out.toString());
        assertTrue(s.startsWith("2\n") && s.contains("p-coach"), s);
        assertTrue(scores("--project", "p-coach", "--out", out.resolve("none").toString()).startsWith("1\n"));
    }

    @Test
    void labelsAreMadeSafeForTheTerminal() {
        assertEquals("a?[31mred", ScoresCommand.clean("a\u001b[31mred", 40));
        assertEquals("abcd…", ScoresCommand.clean("abcdefgh", 5));
    }
}
