package org.maraude.dashboards;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small warehouse built with DuckDB SQL (no Spark), with figures chosen so the pages' numbers
 * can be computed by hand. Three projects: p-alpha (large), p-beta (5 youth: every count under
 * k = 11), p-gamma (30 youth, no spend, one youth shared with p-alpha).
 *
 * <p>Expected national figures (k = 11), by stage column [alpha, beta, gamma] with the programme
 * total published:
 * <ul>
 * <li>contacted [120, 5, 30] → beta "< 11", gamma "s" (complement), alpha 120; programme 154</li>
 * <li>confirmed [23, 0, 6] → gamma "< 11", alpha "s", beta 0</li>
 * <li>départements (youth once): 93 → 105, 2A → 29, 13 → 16 ("s"), 75 → 4 ("< 11"); total 154</li>
 * <li>partner types (handed off once): mission locale 33, France Travail 15 ("s"), E2C 5 ("< 11"); total 53</li>
 * <li>costs: alpha 2 700,40 € / 120 = 22,50 € per contacted, / 77 = 35,07 € per unknown</li>
 * </ul>
 * The run {@code r-cur} started on 2026-04-10 02:00 UTC (04h00 in Paris); p-gamma's newest file
 * was first read by {@code r-old} on 2026-03-01, 40 days earlier.
 */
final class WarehouseFixture {
    private WarehouseFixture() {}

    static final String RUN = "r-cur";
    static final String EVIL_LABEL = "<script>alert(\"x\")</script> l'atelier \"rap\"";
    static final String EVIL_CAMPAIGN = "\"><script>alert('camp')</script>";

    /** Builds the warehouse; {@code withLaterTables} adds attribution and plan (later pipeline stages). */
    static Path build(Path dir, boolean withLaterTables) throws SQLException {
        Path db = dir.resolve("warehouse.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE funnel_monthly (project_id VARCHAR, month VARCHAR, source_platform VARCHAR, "
                    + "source_creative_id VARCHAR, seen BIGINT, seen_basis VARCHAR, impressions BIGINT, clicks BIGINT, "
                    + "spend_eur DECIMAL(18,2), contacted BIGINT, accompanied BIGINT, handed_off BIGINT, handoff_confirmed BIGINT, "
                    + "contacted_unknown BIGINT, accompanied_unknown BIGINT, handed_off_unknown BIGINT, "
                    + "handoff_confirmed_unknown BIGINT, run_id VARCHAR)");
            s.execute("INSERT INTO funnel_monthly VALUES "
                    + "('p-alpha', '2026-01', 'tiktok', 'cr-a1', 50000, 'reach', 90000, 900, 1200.00, 60, 30, 20, 12, 40, 20, 14, 8, 'r-cur'),"
                    + "('p-alpha', '2026-02', 'tiktok', 'cr-a1', 40000, 'reach', 70000, 700, 1000.00, 40, 22, 15, 9, 25, 14, 10, 6, 'r-cur'),"
                    + "('p-alpha', '2026-02', 'instagram', 'cr-a2', 20000, 'impressions', 20000, 150, 500.40, 20, 8, 5, 2, 12, 5, 3, 1, 'r-cur'),"
                    + "('p-beta', '2026-02', 'snapchat', 'cr-b1', 3000, 'reach', 5000, 40, 150.00, 5, 2, 1, 0, 3, 1, 1, 0, 'r-cur'),"
                    + "('p-gamma', '2026-01', NULL, NULL, 0, NULL, 0, 0, 0.00, 30, 14, 12, 6, 18, 8, 7, 3, 'r-cur')");
            s.execute("CREATE TABLE funnel_monthly_programme AS SELECT * EXCLUDE (project_id, source_creative_id) "
                    + "FROM funnel_monthly WHERE false");
            // p-gamma's shared youth counts once: 29 in the programme
            s.execute("INSERT INTO funnel_monthly_programme VALUES "
                    + "('2026-01', 'tiktok', 50000, 'reach', 90000, 900, 1200.00, 60, 30, 20, 12, 40, 20, 14, 8, 'r-cur'),"
                    + "('2026-01', NULL, 0, NULL, 0, 0, 0.00, 29, 14, 12, 6, 18, 8, 7, 3, 'r-cur'),"
                    + "('2026-02', 'tiktok', 40000, 'reach', 70000, 700, 1000.00, 40, 22, 15, 9, 25, 14, 10, 6, 'r-cur'),"
                    + "('2026-02', 'instagram', 20000, 'impressions', 20000, 150, 500.40, 20, 8, 5, 2, 12, 5, 3, 1, 'r-cur'),"
                    + "('2026-02', 'snapchat', 3000, 'reach', 5000, 40, 150.00, 5, 2, 1, 0, 3, 1, 1, 0, 'r-cur')");

            // youth_journey: alpha a0..a119, beta b0..b4, gamma g1..g29 plus a0 (later than in alpha)
            s.execute("CREATE TABLE youth_journey (project_id VARCHAR, youth_key VARCHAR, first_contact_ts TIMESTAMP, "
                    + "first_contact_date DATE, contact_channel VARCHAR, source_platform VARCHAR, source_creative_id VARCHAR, "
                    + "source_rule VARCHAR, source_campaign_id VARCHAR, accompanied BOOLEAN, handed_off BOOLEAN, handoff_ts TIMESTAMP, "
                    + "handoff_partner_type VARCHAR, handoff_confirmed BOOLEAN, previously_unknown BOOLEAN, "
                    + "first_reply_minutes DECIMAL(23,1), age_band VARCHAR, dept VARCHAR, run_id VARCHAR)");
            s.execute(("INSERT INTO youth_journey SELECT 'p-alpha', 'a' || i, TIMESTAMP '2026-01-05 10:00:00' + INTERVAL (i * 6) HOUR, "
                    + "CAST(TIMESTAMP '2026-01-05 10:00:00' + INTERVAL (i * 6) HOUR AS DATE), 'whatsapp', "
                    + "CASE WHEN i < 100 THEN 'tiktok' ELSE 'instagram' END, CASE WHEN i < 100 THEN 'cr-a1' ELSE 'cr-a2' END, "
                    + "'touch', CASE WHEN i < 100 THEN 'camp-1' ELSE ? END, i < 60, i < 40, "
                    + "TIMESTAMP '2026-01-20 10:00:00' + INTERVAL (i) DAY, CASE WHEN i < 25 THEN 'mission_locale' "
                    + "WHEN i < 40 THEN 'france_travail' END, i < 23, i % 3 <> 0, 12.5, '18-21', "
                    + "CASE WHEN i < 100 THEN '93' WHEN i < 104 THEN '75' ELSE '13' END, 'r-cur' FROM range(120) t(i)")
                    .replace("?", "'" + EVIL_CAMPAIGN.replace("'", "''") + "'"));
            s.execute("INSERT INTO youth_journey SELECT 'p-beta', 'b' || i, TIMESTAMP '2026-02-10 10:00:00' + INTERVAL (i) DAY, "
                    + "CAST(TIMESTAMP '2026-02-10 10:00:00' + INTERVAL (i) DAY AS DATE), 'snapchat', 'snapchat', 'cr-b1', 'touch', "
                    + "NULL, i < 2, i < 1, TIMESTAMP '2026-02-20 10:00:00', CASE WHEN i < 1 THEN 'e2c' END, false, i < 3, 30.0, "
                    + "'22-25', '93', 'r-cur' FROM range(5) t(i)");
            s.execute("INSERT INTO youth_journey SELECT 'p-gamma', CASE WHEN i = 0 THEN 'a0' ELSE 'g' || i END, "
                    + "TIMESTAMP '2026-01-03 09:00:00' + INTERVAL (i) DAY + CASE WHEN i = 0 THEN INTERVAL 60 DAY ELSE INTERVAL 0 DAY END, "
                    + "CAST(TIMESTAMP '2026-01-03 09:00:00' + INTERVAL (i) DAY + CASE WHEN i = 0 THEN INTERVAL 60 DAY "
                    + "ELSE INTERVAL 0 DAY END AS DATE), 'discord', NULL, NULL, 'unattributed', NULL, i < 14, i BETWEEN 1 AND 12, "
                    + "TIMESTAMP '2026-01-25 10:00:00' + INTERVAL (i) DAY, CASE WHEN i BETWEEN 1 AND 8 THEN 'mission_locale' "
                    + "WHEN i BETWEEN 9 AND 12 THEN 'e2c' END, i BETWEEN 1 AND 6, i < 18, NULL, '15-17', "
                    + "CASE WHEN i = 0 THEN '93' ELSE '2A' END, 'r-cur' FROM range(30) t(i)");

            s.execute("CREATE TABLE cohorts (project_id VARCHAR, cohort_month VARCHAR, contacted BIGINT, accompanied_30d BIGINT, "
                    + "handed_off_30d BIGINT, accompanied_60d BIGINT, handed_off_60d BIGINT, accompanied_90d BIGINT, "
                    + "handed_off_90d BIGINT, share_accompanied_30d DOUBLE, share_handed_off_30d DOUBLE, share_accompanied_60d DOUBLE, "
                    + "share_handed_off_60d DOUBLE, share_accompanied_90d DOUBLE, share_handed_off_90d DOUBLE, run_id VARCHAR)");
            s.execute("INSERT INTO cohorts VALUES "
                    + "('p-alpha', '2026-01', 60, 20, 10, 28, 16, 30, 20, 0.3333, 0.1667, 0.4667, 0.2667, 0.5, 0.3333, 'r-cur'),"
                    + "('p-alpha', '2026-02', 60, 25, 12, 30, 20, 30, 20, 0.4167, 0.2, 0.5, 0.3333, 0.5, 0.3333, 'r-cur'),"
                    + "('p-beta', '2026-02', 5, 2, 1, 2, 1, 2, 1, 0.4, 0.2, 0.4, 0.2, 0.4, 0.2, 'r-cur')");

            s.execute("CREATE TABLE reply_times (project_id VARCHAR, channel VARCHAR, hour_of_week INTEGER, messages BIGINT, "
                    + "answered BIGINT, median_minutes DOUBLE, p90_minutes DOUBLE, share_within_30min DOUBLE, run_id VARCHAR)");
            // weekdays 09h–17h: 3 messages an hour, 2 of 3 answered within 30 min (all of them at 9h)
            s.execute("INSERT INTO reply_times SELECT 'p-alpha', 'whatsapp', d * 24 + h, 3, 3, 12.0, 25.0, "
                    + "CASE WHEN h = 9 THEN 1.0 ELSE 0.6667 END, 'r-cur' FROM range(5) a(d), range(9, 18) b(h)");
            s.execute("INSERT INTO reply_times VALUES ('p-alpha', 'whatsapp', NULL, 135, 135, 14.5, 42.0, 0.7111, 'r-cur'),"
                    + "('p-alpha', 'messenger', 200, 2, 1, 35.0, 35.0, 0.0, 'r-cur'),"
                    + "('p-alpha', 'messenger', NULL, 2, 1, 35.0, 35.0, 0.0, 'r-cur'),"
                    + "('p-beta', 'snapchat', NULL, 5, 5, 8.0, 20.0, 1.0, 'r-cur'),"
                    + "('p-beta', 'snapchat', 10, 5, 5, 8.0, 20.0, 1.0, 'r-cur')");

            s.execute("CREATE TABLE creatives (project_id VARCHAR, creative_id VARCHAR, platform VARCHAR, label VARCHAR, run_id VARCHAR)");
            s.execute("INSERT INTO creatives VALUES ('p-alpha', 'cr-a1', 'tiktok', 'Tournoi FIFA & bourse', 'r-cur'), "
                    + "('p-alpha', 'cr-a2', 'instagram', '" + EVIL_LABEL.replace("'", "''") + "', 'r-cur'), "
                    + "('p-beta', 'cr-b1', 'snapchat', '=1+1 formule', 'r-cur')");

            s.execute("CREATE TABLE rejects (file VARCHAR, line BIGINT, project_id VARCHAR, dataset VARCHAR, \"column\" VARCHAR, "
                    + "reason VARCHAR, message VARCHAR, run_id VARCHAR)");
            s.execute("INSERT INTO rejects VALUES "
                    + "('p-alpha/touchpoints/t.csv', 6, 'p-alpha', 'touchpoints', 'touch_type', 'bad_enum', 'm', 'r-cur'),"
                    + "('p-alpha/touchpoints/t.csv', 9, 'p-alpha', 'touchpoints', 'touch_type', 'bad_enum', 'm', 'r-cur'),"
                    + "('p-gamma/contacts/g.csv', 4, 'p-gamma', 'contacts', 'touch_type', 'bad_enum', 'm', 'r-cur'),"
                    + "('p-alpha/contacts/log.csv', 13, 'p-alpha', 'contacts', 'referral_code', 'personal_data', 'm', 'r-cur'),"
                    + "('p-alpha/contacts/missing.csv', NULL, 'p-alpha', 'contacts', NULL, 'missing_column', 'm', 'r-cur')");
            s.execute("CREATE TABLE ingest_warnings (file VARCHAR, line BIGINT, project_id VARCHAR, dataset VARCHAR, "
                    + "\"column\" VARCHAR, code VARCHAR, message VARCHAR, run_id VARCHAR)");
            s.execute("INSERT INTO ingest_warnings VALUES ('p-alpha/contacts/log.csv', 10, 'p-alpha', 'contacts', 'channel', "
                    + "'unknown_enum_value', 'm', 'r-cur')");

            s.execute("CREATE TABLE run_summary (run_id VARCHAR, started_at TIMESTAMP WITH TIME ZONE, outcome VARCHAR, files BIGINT, "
                    + "files_parsed BIGINT, files_reused BIGINT, files_rejected BIGINT, rows_read BIGINT, rows_rejected BIGINT, "
                    + "rows_kept BIGINT, contract_version INTEGER)");
            s.execute("INSERT INTO run_summary VALUES "
                    + "('r-old', TIMESTAMPTZ '2026-03-01 02:00:00+00', 'published', 2, 2, 0, 0, 500, 0, 500, 1),"
                    + "('r-cur', TIMESTAMPTZ '2026-04-10 02:00:00+00', 'published', 5, 3, 2, 1, 900, 5, 895, 1)");
            s.execute("CREATE TABLE runs (file VARCHAR, project_id VARCHAR, dataset VARCHAR, sha256 VARCHAR, size_bytes BIGINT, "
                    + "rows_read BIGINT, rows_rejected BIGINT, rows_kept BIGINT, file_reason VARCHAR, run_id VARCHAR)");
            s.execute("INSERT INTO runs VALUES "
                    + "('p-alpha/contacts/jan.csv', 'p-alpha', 'contacts', 'aa', 100, 300, 0, 300, NULL, 'r-old'),"
                    + "('p-gamma/contacts/g.csv', 'p-gamma', 'contacts', 'gg', 100, 200, 0, 200, NULL, 'r-old'),"
                    + "('p-alpha/contacts/jan.csv', 'p-alpha', 'contacts', 'aa', 100, 300, 0, 300, NULL, 'r-cur'),"
                    + "('p-alpha/contacts/log.csv', 'p-alpha', 'contacts', 'ab', 100, 350, 4, 346, NULL, 'r-cur'),"
                    + "('p-alpha/contacts/missing.csv', 'p-alpha', 'contacts', 'ac', 10, 0, 0, 0, 'missing_column', 'r-cur'),"
                    + "('p-gamma/contacts/g.csv', 'p-gamma', 'contacts', 'gg', 100, 200, 1, 199, NULL, 'r-cur'),"
                    + "('p-beta/contacts/b.csv', 'p-beta', 'contacts', 'bb', 50, 50, 0, 50, NULL, 'r-cur')");

            if (withLaterTables) {
                s.execute("CREATE TABLE attribution (project_id VARCHAR, month VARCHAR, model VARCHAR, outcome VARCHAR, "
                        + "platform VARCHAR, creative_id VARCHAR, credit DOUBLE, run_id VARCHAR)");
                s.execute("INSERT INTO attribution VALUES "
                        + "('p-alpha', '2026-01', 'last_touch', 'contacted', 'tiktok', 'cr-a1', 60, 'r-cur'),"
                        + "('p-alpha', '2026-02', 'last_touch', 'contacted', 'tiktok', 'cr-a1', 40, 'r-cur'),"
                        + "('p-alpha', '2026-02', 'last_touch', 'contacted', 'instagram', 'cr-a2', 20, 'r-cur'),"
                        + "('p-alpha', '2026-01', 'linear', 'contacted', 'tiktok', 'cr-a1', 52.5, 'r-cur'),"
                        + "('p-alpha', '2026-02', 'linear', 'contacted', 'tiktok', 'cr-a1', 35.25, 'r-cur'),"
                        + "('p-alpha', '2026-02', 'linear', 'contacted', 'instagram', 'cr-a2', 32.25, 'r-cur'),"
                        + "('p-alpha', '2026-02', 'linear', 'accompanied', 'instagram', 'cr-a2', 7.5, 'r-cur')");
                s.execute("CREATE TABLE plan (project_id VARCHAR, scenario VARCHAR, channel VARCHAR, budget_eur DECIMAL(18,2), "
                        + "expected_contacted DOUBLE, expected_low DOUBLE, expected_high DOUBLE, current_budget_eur DECIMAL(18,2), "
                        + "run_id VARCHAR)");
                s.execute("INSERT INTO plan VALUES ('p-alpha', 'same budget', 'tiktok', 1800.00, 95.5, 80.2, 110.9, 2200.00, 'r-cur'),"
                        + "('p-alpha', 'same budget', 'instagram', 900.00, 30.1, 22.0, 38.4, 500.40, 'r-cur')");
                s.execute("CREATE TABLE targeting_depts (project_id VARCHAR, dept VARCHAR, dept_name VARCHAR, "
                        + "contacted BIGINT, recommendation VARCHAR, run_id VARCHAR)");
                s.execute("INSERT INTO targeting_depts VALUES ('p-alpha', '93', 'Seine-Saint-Denis', 41, 'increase', 'r-cur'),"
                        + "('p-beta', '13', 'Bouches-du-Rhône', 7, 'keep', 'r-cur')");
            }
        }
        return db;
    }
}
