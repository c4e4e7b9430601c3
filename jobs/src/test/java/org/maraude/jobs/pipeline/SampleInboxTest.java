package org.maraude.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.TestWarehouse;
import org.maraude.jobs.config.MaraudeConfig;
import org.maraude.sample.SampleGenerator;
import org.maraude.sample.SampleOptions;

/**
 * The pipeline on the sample inbox (regenerated with seed 42, identical to the committed one, so
 * that its truth file of planted quirks is at hand): two engines agree on the funder's core
 * numbers, and every planted quirk is caught as it should be.
 */
class SampleInboxTest {
    @TempDir
    static Path dir;
    static Path inbox;
    static Path db;

    @BeforeAll
    static void run() {
        inbox = dir.resolve("inbox");
        SampleGenerator.generate(SampleOptions.builder(inbox).scale(1).seed(42).build());
        NightlyJob.Summary s = NightlyJob.run(SparkTestSession.get(), MaraudeConfig.load(null, Map.of())
                .with("inbox", inbox.toString()).with("out", dir.resolve("out").toString()).with("pipeline.models", "false"));
        assertEquals(NightlyJob.Outcome.PUBLISHED, s.outcome());
        db = dir.resolve("out").resolve("warehouse.duckdb");
    }

    /**
     * Contacted, previously unknown and handed off per project and Paris month, by plain DuckDB SQL
     * over the raw contact CSVs and the registry, written from the contract's definitions alone.
     * Rows the contract refuses are left out the way a reader of the contract would: lines that do
     * not parse, unknown events, keys that are not pseudonyms, cells with personal data.
     */
    static final String INDEPENDENT = """
            WITH raw AS (
              SELECT split_part(substr(filename, length('%1$s') + 2), '/', 1) AS project_id, *
              FROM read_csv('%1$s/*/contacts/*', union_by_name = true, filename = true, all_varchar = true,
                            ignore_errors = true, header = true)
            ), c AS (
              SELECT project_id, youth_key, event, TRY_CAST(ts AS TIMESTAMPTZ) AS ts FROM raw
              WHERE event IN ('first_contact','inbound_message','outbound_message','mediator_reply','appointment',
                              'accompaniment_start','accompaniment_end','handoff','handoff_confirmed','dropout','reactivation')
                AND regexp_full_match(youth_key, '[0-9a-f]{64}')
                AND NOT (coalesce(referral_code, '') LIKE '%%@%%' OR regexp_matches(coalesce(referral_code, ''), '[0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{2}[ .]?[0-9]{2}'))
                AND NOT (event = 'handoff' AND partner_type IS NULL)
            ), firsts AS (
              SELECT project_id, youth_key,
                     coalesce(min(ts) FILTER (WHERE event = 'first_contact'), min(ts) FILTER (WHERE event = 'inbound_message')) AS first_ts,
                     bool_or(event = 'handoff') AS handed_off
              FROM c GROUP BY ALL
            ), registry AS (
              SELECT youth_key, min(CAST(known_since AS DATE)) AS known_since
              FROM read_csv('%1$s/_registry/known_youth/*', all_varchar = true, header = true) GROUP BY ALL
            )
            SELECT project_id, strftime(timezone('Europe/Paris', first_ts), '%%Y-%%m') AS month, count(*) AS contacted,
                   count(*) FILTER (WHERE known_since IS NULL
                                     OR known_since >= CAST(timezone('Europe/Paris', first_ts) AS DATE)) AS contacted_unknown,
                   count(*) FILTER (WHERE handed_off) AS handed_off
            FROM firsts LEFT JOIN registry USING (youth_key)
            WHERE first_ts IS NOT NULL
            GROUP BY ALL ORDER BY ALL
            """;

    @Test
    void duckDbOverTheRawCsvsAgreesWithSparkExactly() {
        List<List<String>> duck = TestWarehouse.queryInMemory(INDEPENDENT.formatted(inbox.toAbsolutePath()));
        List<List<String>> spark = TestWarehouse.query(db, "SELECT project_id, month, sum(contacted), sum(contacted_unknown), "
                + "sum(handed_off) FROM funnel_monthly GROUP BY ALL HAVING sum(contacted) > 0 ORDER BY ALL");
        assertTrue(duck.size() > 100, "one row per project and month: " + duck.size());
        List<List<String>> onlyDuck = new ArrayList<>(duck);
        onlyDuck.removeAll(spark);
        List<List<String>> onlySpark = new ArrayList<>(spark);
        onlySpark.removeAll(duck);
        assertEquals(List.of(), onlyDuck, "rows of DuckDB that Spark does not have; Spark has instead: " + onlySpark);
        assertEquals(List.of(), onlySpark);
    }

    @Test
    void everyPlantedQuirkIsCaught() throws IOException {
        Set<String> rejects = new HashSet<>();
        TestWarehouse.query(db, "SELECT file, line, reason FROM rejects WHERE line IS NOT NULL")
                .forEach(r -> rejects.add(r.get(0) + ":" + r.get(1) + ":" + r.get(2)));
        Set<String> warnings = new HashSet<>();
        TestWarehouse.query(db, "SELECT file, line, code FROM ingest_warnings")
                .forEach(r -> warnings.add(r.get(0) + ":" + r.get(1) + ":" + r.get(2)));
        List<String> missed = new ArrayList<>();
        Set<String> expectedRejects = new HashSet<>();
        int checked = 0;
        for (String line : Files.readAllLines(dir.resolve("truth/quirks.csv")).subList(1, Files.readAllLines(
                dir.resolve("truth/quirks.csv")).size())) {
            String[] q = line.split(",", -1);
            String expected = switch (q[2]) {
                case "pii_email", "pii_phone" -> "personal_data";
                case "unknown_enum_strict" -> "bad_enum";
                case "wrong_column_count", "broken_quote" -> "malformed_row";
                case "native_masked_value" -> "masked_value";
                default -> null;
            };
            String warning = switch (q[2]) {
                case "unknown_enum" -> "unknown_enum_value";
                case "native_total_row" -> "total_row";
                default -> null;
            };
            String key = q[0] + ":" + q[1] + ":";
            if (expected != null) {
                checked++;
                expectedRejects.add(key + expected);
                if (!rejects.contains(key + expected)) {
                    missed.add(line);
                }
            } else if (warning != null) {
                checked++;
                if (!warnings.contains(key + warning)) {
                    missed.add(line);
                }
            }
        }
        assertTrue(checked > 300, "quirks checked: " + checked);
        assertEquals(List.of(), missed);
        // nothing else is refused: every reject of the run is a planted quirk
        Set<String> unexpected = new HashSet<>(rejects);
        unexpected.removeAll(expectedRejects);
        assertEquals(Set.of(), unexpected);
        assertEquals("0", TestWarehouse.scalar(db, "SELECT count(*) FROM rejects WHERE line IS NULL"));
        // the run's summary, the per-file counts and the rejects table tell the same story
        String rejected = TestWarehouse.scalar(db, "SELECT count(*) FROM rejects");
        assertEquals(rejected, TestWarehouse.scalar(db, "SELECT sum(rows_rejected) FROM runs"));
        assertEquals(rejected, TestWarehouse.scalar(db, "SELECT rows_rejected FROM run_summary"));
    }

    @Test
    void duplicatesAndOverlappingReexportsCountOnce() {
        // the late overlapping ad_delivery export wins on (date, platform, campaign, creative): no key twice
        assertEquals("0", TestWarehouse.scalar(db, "SELECT count(*) FROM (SELECT project_id, month, source_platform, "
                + "source_creative_id FROM funnel_monthly GROUP BY ALL HAVING count(*) > 1)"));
        assertEquals("0", TestWarehouse.scalar(db, "SELECT count(*) FROM (SELECT project_id, youth_key FROM youth_journey "
                + "GROUP BY ALL HAVING count(*) > 1)"));
    }
}
