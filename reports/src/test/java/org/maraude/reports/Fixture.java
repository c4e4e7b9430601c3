package org.maraude.reports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A small published warehouse built with DuckDB SQL (no Spark), shaped like the pipeline's
 * tables. Youth come in blocks whose counts are easy to add up by hand: in a block of n youth,
 * youth i (0-based) is previously unknown when i &lt; unk, accompanied when i &lt; acc, handed off
 * when i &lt; hand, confirmed when i &lt; conf, and answered after {@code r0 + i} minutes when
 * i &lt; ans. The funnel tables are aggregated from them as the journey job does.
 *
 * <p>Project p-alpha, 2026-Q3: TikTok tt-1 30 youth (20 unknown) and tt-2 5 (3), Instagram ig-1
 * 15 (5), Snapchat sc-1 4 (4), offline posters 12 (12): 66 contacted, 44 previously unknown,
 * 17 accompanied, 14 handed off, 9 confirmed, 1 200 € spend. 2026-Q2: tt-1 40 (22). 2025-Q3:
 * tt-0 12 (12). Project p-beta, 2026-Q3: Twitch 11 youth, plus 3 youth already contacted by
 * p-alpha (counted once in the programme: 77 contacted, 55 unknown). Two creative ids are hostile
 * (a spreadsheet formula, an HTML script).
 */
final class Fixture {
    private Fixture() {}

    static final String RUN = "20261101T020000Z-b";
    static final String OLD_RUN = "20261001T020000Z-a";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";
    static final String SCRIPT = "<script>alert(1)</script>";

    static Path create(Path dir) {
        Path db = dir.resolve("warehouse.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE blocks AS SELECT * FROM (VALUES
                     ('p-alpha', 'a1', DATE '2026-07-10', 'whatsapp',  'tiktok',    'tt-1', 30, 20, 12, 11, 'mission_locale', 6, 30, 5),
                     ('p-alpha', 'a6', DATE '2026-08-20', 'whatsapp',  'tiktok',    'tt-2',  5,  3,  1,  0, NULL,             0,  5, 40),
                     ('p-alpha', 'a2', DATE '2026-08-05', 'messenger', 'instagram', 'ig-1', 15,  5,  3,  2, 'france_travail', 2, 10, 20),
                     ('p-alpha', 'a3', DATE '2026-09-01', 'snapchat',  'snapchat',  'sc-1',  4,  4,  0,  0, NULL,             0,  0, 0),
                     ('p-alpha', 'a4', DATE '2026-09-15', 'phone',     'offline',   NULL,   12, 12,  1,  1, 'e2c',            1, 12, 100),
                     ('p-alpha', 'b1', DATE '2026-05-10', 'whatsapp',  'tiktok',    'tt-1', 40, 22, 10,  8, 'mission_locale', 5, 40, 15),
                     ('p-alpha', 'c1', DATE '2025-08-10', 'whatsapp',  'tiktok',    'tt-0', 12, 12,  2,  0, NULL,             0, 12, 50),
                     ('p-beta',  'd1', DATE '2026-08-01', 'discord',   'twitch',    '""" + FORMULA.replace("'", "''") + """
                    ', 11, 11, 11,  0, NULL,             0, 11, 8),
                     ('p-beta',  'a1', DATE '2026-09-10', 'discord',   'twitch',    '""" + SCRIPT + """
                    ',  3,  0,  0,  3, 'association',    0,  3, 2)
                    ) t(project_id, prefix, d, channel, platform, creative, n, unk, acc, hand, partner, conf, ans, r0)
                    """);
            s.execute("""
                    CREATE TABLE youth_journey AS
                    SELECT project_id, prefix || '-' || i AS youth_key,
                      (d + INTERVAL 10 HOUR + i * INTERVAL 1 MINUTE)::TIMESTAMPTZ AS first_contact_ts,
                      d AS first_contact_date, false AS first_contact_inferred, channel AS contact_channel,
                      platform AS source_platform, creative AS source_creative_id,
                      CASE WHEN creative IS NULL THEN 'referral' ELSE 'touch' END AS source_rule,
                      i < acc AS accompanied, i < hand AS handed_off,
                      CASE WHEN i < hand THEN (d + INTERVAL 3 DAY)::TIMESTAMPTZ END AS handoff_ts,
                      CASE WHEN i < hand THEN partner END AS handoff_partner_type,
                      i < conf AS handoff_confirmed, i < unk AS previously_unknown,
                      CASE WHEN i < ans THEN CAST(r0 + i AS DECIMAL(23,1)) END AS first_reply_minutes,
                      '75' AS dept, '""" + RUN + """
                    ' AS run_id
                    FROM blocks, range(0, 64) r(i) WHERE i < n
                    """);
            s.execute("""
                    CREATE TEMP TABLE exposure AS SELECT * FROM (VALUES
                     ('p-alpha', '2026-07', 'tiktok',    'tt-1', 5000, 'reach',       12000, 300, 600.00),
                     ('p-alpha', '2026-08', 'tiktok',    'tt-2', 2000, 'impressions',  2000,  50, 150.00),
                     ('p-alpha', '2026-08', 'instagram', 'ig-1', 3000, 'reach',        8000, 120, 450.00),
                     ('p-alpha', '2026-09', 'snapchat',  'sc-1', 1000, 'views',           0,  10,   0.00),
                     ('p-alpha', '2026-05', 'tiktok',    'tt-1', 6000, 'reach',       15000, 400, 800.00),
                     ('p-beta',  '2026-08', 'twitch',    NULL,   4000, 'reach',        9000,  80, 250.00)
                    ) t(project_id, month, source_platform, source_creative_id, seen, seen_basis, impressions, clicks, spend)
                    """);
            String counts = "count(*) AS contacted, count(*) FILTER (accompanied) AS accompanied, "
                    + "count(*) FILTER (handed_off) AS handed_off, count(*) FILTER (handoff_confirmed) AS handoff_confirmed, "
                    + "count(*) FILTER (previously_unknown) AS contacted_unknown, "
                    + "count(*) FILTER (previously_unknown AND accompanied) AS accompanied_unknown, "
                    + "count(*) FILTER (previously_unknown AND handed_off) AS handed_off_unknown, "
                    + "count(*) FILTER (previously_unknown AND handoff_confirmed) AS handoff_confirmed_unknown";
            String outer = "coalesce(e.seen, 0) AS seen, e.seen_basis, coalesce(e.impressions, 0) AS impressions, "
                    + "coalesce(e.clicks, 0) AS clicks, CAST(coalesce(e.spend, 0) AS DECIMAL(18,2)) AS spend_eur, "
                    + "coalesce(y.contacted, 0) AS contacted, coalesce(y.accompanied, 0) AS accompanied, "
                    + "coalesce(y.handed_off, 0) AS handed_off, coalesce(y.handoff_confirmed, 0) AS handoff_confirmed, "
                    + "coalesce(y.contacted_unknown, 0) AS contacted_unknown, "
                    + "coalesce(y.accompanied_unknown, 0) AS accompanied_unknown, "
                    + "coalesce(y.handed_off_unknown, 0) AS handed_off_unknown, "
                    + "coalesce(y.handoff_confirmed_unknown, 0) AS handoff_confirmed_unknown, '" + RUN + "' AS run_id";
            s.execute("CREATE TABLE funnel_monthly AS WITH y AS (SELECT project_id, strftime(first_contact_date, '%Y-%m') "
                    + "AS month, source_platform, source_creative_id, " + counts + " FROM youth_journey GROUP BY ALL) "
                    + "SELECT coalesce(e.project_id, y.project_id) AS project_id, coalesce(e.month, y.month) AS month, "
                    + "coalesce(e.source_platform, y.source_platform) AS source_platform, "
                    + "coalesce(e.source_creative_id, y.source_creative_id) AS source_creative_id, " + outer
                    + " FROM exposure e FULL OUTER JOIN y ON e.project_id = y.project_id AND e.month = y.month "
                    + "AND e.source_platform IS NOT DISTINCT FROM y.source_platform "
                    + "AND e.source_creative_id IS NOT DISTINCT FROM y.source_creative_id");
            // Programme: a youth once, at the earliest first contact in any project.
            s.execute("CREATE TABLE funnel_monthly_programme AS WITH once AS (SELECT youth_key, "
                    + "arg_min_null(first_contact_date, (first_contact_ts, project_id)) AS first_contact_date, "
                    + "arg_min_null(source_platform, (first_contact_ts, project_id)) AS source_platform, "
                    + "arg_min_null(previously_unknown, (first_contact_ts, project_id)) AS previously_unknown, "
                    + "bool_or(accompanied) AS accompanied, bool_or(handed_off) AS handed_off, "
                    + "bool_or(handoff_confirmed) AS handoff_confirmed FROM youth_journey GROUP BY youth_key), "
                    + "y AS (SELECT strftime(first_contact_date, '%Y-%m') AS month, source_platform, " + counts
                    + " FROM once GROUP BY ALL), e AS (SELECT month, source_platform, sum(seen) AS seen, "
                    + "string_agg(DISTINCT seen_basis, '+' ORDER BY seen_basis) AS seen_basis, sum(impressions) AS "
                    + "impressions, sum(clicks) AS clicks, sum(spend) AS spend FROM exposure GROUP BY ALL) "
                    + "SELECT coalesce(e.month, y.month) AS month, coalesce(e.source_platform, y.source_platform) "
                    + "AS source_platform, " + outer + " FROM e FULL OUTER JOIN y ON e.month = y.month "
                    + "AND e.source_platform IS NOT DISTINCT FROM y.source_platform");
            s.execute("""
                    CREATE TABLE runs AS SELECT * FROM (VALUES
                     ('p-alpha/contacts/a.csv',         'p-alpha', 'contacts',     'aa', 1000, 500, 3, 497, NULL, '%1$s'),
                     ('p-alpha/ad_delivery/x.csv',      'p-alpha', 'ad_delivery',  'bb',  300,  20, 0,  20, NULL, '%1$s'),
                     ('p-beta/contacts/b.csv',          'p-beta',  'contacts',     'cc',  900, 100, 1,  99, NULL, '%1$s'),
                     ('p-beta/notes/n.csv',             'p-beta',  'notes',        NULL, NULL,   0, 0,   0, 'unknown_dataset', '%1$s'),
                     ('_registry/known_youth/r.csv',    NULL,      'known_youth',  'dd',  600,  60, 0,  60, NULL, '%1$s'),
                     ('p-alpha/contacts/a.csv',         'p-alpha', 'contacts',     'ee',  900, 450, 9, 441, NULL, '%2$s')
                    ) t(file, project_id, dataset, sha256, size_bytes, rows_read, rows_rejected, rows_kept, file_reason, run_id)
                    """.formatted(RUN, OLD_RUN));
            s.execute("""
                    CREATE TABLE rejects AS SELECT * FROM (VALUES
                     ('p-alpha/contacts/a.csv', 10, 'p-alpha', 'contacts', 'event', 'bad_enum', 'event must be one of …', '%1$s'),
                     ('p-alpha/contacts/a.csv', 11, 'p-alpha', 'contacts', 'event', 'bad_enum', 'value SECRET-VALUE-42 is not allowed', '%1$s'),
                     ('p-alpha/contacts/a.csv', 12, 'p-alpha', 'contacts', 'referral_code', 'personal_data',
                        'cell looks like an e-mail address; the value is not recorded', '%1$s'),
                     ('p-beta/contacts/b.csv', 5, 'p-beta', 'contacts', 'ts', 'bad_timestamp', 'value is not a timestamp', '%1$s'),
                     ('p-beta/notes/n.csv', NULL, 'p-beta', 'notes', NULL, 'unknown_dataset',
                        'folder is not a dataset of the data contract', '%1$s'),
                     ('p-alpha/contacts/a.csv', 3, 'p-alpha', 'contacts', 'ts', 'bad_date', 'old run', '%2$s')
                    ) t(file, line, project_id, dataset, "column", reason, message, run_id)
                    """.formatted(RUN, OLD_RUN));
            s.execute("""
                    CREATE TABLE run_summary AS SELECT * FROM (VALUES
                     ('%2$s', TIMESTAMPTZ '2026-10-01 02:00:00+00', 'published', 1, 1, 0, 0, 450, 9, 441, 1),
                     ('%1$s', TIMESTAMPTZ '2026-11-01 02:00:00+00', 'published', 5, 5, 0, 1, 680, 4, 676, 1)
                    ) t(run_id, started_at, outcome, files, files_parsed, files_reused, files_rejected, rows_read,
                        rows_rejected, rows_kept, contract_version)
                    """.formatted(RUN, OLD_RUN));
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return db;
    }

    /** Rows of a query over a warehouse file (read only), as strings. */
    static List<List<String>> query(Path db, String sql) {
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), ro);
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData md = r.getMetaData();
            List<List<String>> rows = new ArrayList<>();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
        }
    }

    static long scalar(Path db, String sql) {
        return Long.parseLong(query(db, sql).get(0).get(0));
    }
}
