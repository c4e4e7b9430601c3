package org.maraude.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maraude.jobs.SparkTestSession;
import org.maraude.jobs.TestWarehouse;
import org.maraude.jobs.config.MaraudeConfig;

/**
 * The walking skeleton end to end on the tiny fixture inbox (src/test/resources/inbox-tiny),
 * whose expected counts are worked out by hand in the comments.
 */
class NightlyJobTest {
    @TempDir
    static Path out;
    static Path db;
    static NightlyJob.Summary summary;

    @BeforeAll
    static void run() {
        MaraudeConfig config = MaraudeConfig.load(null, Map.of())
                .with("inbox", Path.of("src/test/resources/inbox-tiny").toString())
                .with("out", out.toString())
                .with("rejects.max.share", "0.5");
        summary = NightlyJob.run(SparkTestSession.get(), config);
        db = out.resolve("warehouse.duckdb");
    }

    @Test
    void publishesTheWarehouseThroughTheCurrentLink() throws java.io.IOException {
        assertEquals(NightlyJob.Outcome.PUBLISHED, summary.outcome());
        assertTrue(Files.isSymbolicLink(out.resolve("current")));
        assertTrue(Files.exists(db));
        assertTrue(Files.exists(out.resolve("dashboards").resolve("index.html")));
        // the funder's folder holds no project page (those show exact counts)
        assertTrue(Files.exists(out.resolve("dashboards-funder").resolve("index.html")));
        try (var pages = Files.list(out.resolve("dashboards-funder"))) {
            assertEquals(List.of(), pages.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("project")).toList());
        }
        try (var pages = Files.list(out.resolve("dashboards"))) {
            assertTrue(pages.anyMatch(p -> p.getFileName().toString().startsWith("project")));
        }
    }

    @Test
    void youthJourneyFollowsTheContractRules() {
        // A: stitched touch 2 days before (tiktok cr-1); registry row made after the hand-off → unknown.
        // B: touch at 12:00 counts, the one 1 s after first contact does not; registered the same day → unknown.
        // C: no first_contact, earliest inbound 31 Mar 23:30 UTC = 1 April in Paris; declared tiktok.
        // D: first contact during the DST change, referral code cr-2 → instagram; registered in 2025 → known.
        // A in p-esport: no touch → unattributed; registered 16 April < 2 May → known.
        List<List<String>> rows = TestWarehouse.query(db, "SELECT project_id, substr(youth_key,1,1), "
                + "strftime(first_contact_date, '%Y-%m-%d'), source_rule, source_platform, source_creative_id, "
                + "previously_unknown, accompanied, handed_off, handoff_partner_type, handoff_confirmed, "
                + "first_reply_minutes FROM youth_journey ORDER BY 1, 2");
        assertEquals(List.of(
                List.of("p-coach", "a", "2026-03-12", "touch", "tiktok", "cr-1", "true", "true", "true", "mission_locale", "true", "20.0"),
                List.of("p-coach", "b", "2026-03-20", "touch", "instagram", "cr-2", "true", "false", "false", "null", "false", "120.0"),
                row("p-coach", "c", "2026-04-01", "declared", "tiktok", null, "true", "false", "false", null, "false", null),
                row("p-coach", "d", "2026-03-29", "referral", "instagram", "cr-2", "false", "false", "false", null, "false", "40.0"),
                row("p-esport", "a", "2026-05-02", "unattributed", null, null, "false", "false", "false", null, "false", null)),
                rows.stream().map(r -> r.stream().map(v -> v == null ? "null" : v).toList()).toList());
    }

    private static List<String> row(String... v) {
        return java.util.Arrays.stream(v).map(x -> x == null ? "null" : x).toList();
    }

    @Test
    void funnelMonthlyCountsEachSourceOnce() {
        List<List<String>> rows = TestWarehouse.query(db, "SELECT project_id, month, coalesce(source_platform,'-'), "
                + "coalesce(source_creative_id,'-'), seen, coalesce(seen_basis,'-'), clicks, spend_eur, contacted, "
                + "contacted_unknown, accompanied, handed_off, handoff_confirmed FROM funnel_monthly ORDER BY 1,2,3,4");
        assertEquals(List.of(
                // seen = largest daily reach (800), never 800+450
                List.of("p-coach", "2026-03", "instagram", "cr-2", "300", "impressions", "3", "2.50", "2", "1", "0", "0", "0"),
                List.of("p-coach", "2026-03", "tiktok", "cr-1", "800", "reach", "25", "15.00", "1", "1", "1", "1", "1"),
                List.of("p-coach", "2026-04", "tiktok", "-", "0", "-", "0", "0.00", "1", "1", "0", "0", "0"),
                List.of("p-esport", "2026-05", "-", "-", "0", "-", "0", "0.00", "1", "0", "0", "0", "0")), rows);
    }

    @Test
    void programmeFunnelCountsAYouthOnce() {
        // A contacted two projects: once overall, in March (her earliest contact), unknown then.
        assertEquals(List.of(List.of("2026-03", "3", "2", "1"), List.of("2026-04", "1", "1", "0")),
                TestWarehouse.query(db, "SELECT month, sum(contacted), sum(contacted_unknown), sum(handed_off) "
                        + "FROM funnel_monthly_programme GROUP BY 1 HAVING sum(contacted) > 0 ORDER BY 1"));
    }

    @Test
    void everyRejectedRowIsRecordedWithoutItsValue() {
        // A refused file (missing column 'event') and a folder outside the contract are recorded too,
        // and the refused file's rows count nowhere.
        assertEquals(List.of(
                List.of("p-coach/campaigns/notes.csv", "-", "-", "unknown_dataset"),
                List.of("p-coach/contacts/log.csv", "13", "referral_code", "personal_data"),
                List.of("p-coach/contacts/missing-event.csv", "-", "-", "missing_column"),
                List.of("p-coach/touchpoints/2026-03.csv", "6", "touch_type", "bad_enum")),
                TestWarehouse.query(db, "SELECT file, coalesce(line::varchar,'-'), coalesce(\"column\",'-'), reason "
                        + "FROM rejects ORDER BY file"));
        assertEquals("0", TestWarehouse.scalar(db, "SELECT count(*) FROM youth_journey WHERE youth_key LIKE 'f%'"));
        assertEquals("0", TestWarehouse.scalar(db, "SELECT count(*) FROM rejects WHERE message LIKE '%dupont%'"));
        assertEquals(List.of(List.of("p-coach/contacts/log.csv", "10", "channel", "unknown_enum_value")),
                TestWarehouse.query(db, "SELECT file, line, \"column\", code FROM ingest_warnings"));
    }

    @Test
    void runsRecordEachFileRead() {
        // contacts: 12 data rows read, 1 rejected, 1 exact duplicate → 10 kept
        assertEquals(List.of(List.of("p-coach/contacts/log.csv", "12", "1", "10", "64")),
                TestWarehouse.query(db, "SELECT file, rows_read, rows_rejected, rows_kept, length(sha256) FROM runs "
                        + "WHERE file LIKE '%contacts/log.csv'"));
        assertEquals("10", TestWarehouse.scalar(db, "SELECT count(*) FROM runs"));
    }
}
