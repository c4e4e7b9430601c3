package org.maraude.reports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's figures, read from the published warehouse with SQL. For one project they come
 * from {@code funnel_monthly} and that project's {@code youth_journey} rows; for the programme
 * from {@code funnel_monthly_programme} and, where the report breaks youth down by something the
 * funnel does not carry (partner, contact channel, reply delay), from {@code youth_journey}
 * reduced to one row per youth exactly as the programme funnel is: the earliest first contact
 * across projects (then the smallest project id) gives the month, channel, reply delay and
 * previously-unknown status; accompanied, handed off and confirmed in any project. Youth are
 * counted in the month of their first contact (a cohort view, as in the funnel).
 */
final class WarehouseData {
    private final Connection c;
    private final String project;

    WarehouseData(Connection c, String project) {
        this.c = c;
        this.project = project;
    }

    /** The funnel's sums over some rows. */
    record Funnel(long seen, long seenFromImpressions, long clicks, BigDecimal spend, long contacted, long accompanied,
            long handedOff, long confirmed, long contactedUnknown, long accompaniedUnknown, long handedOffUnknown,
            long confirmedUnknown) {}

    record Keyed(String key, Funnel f) {}

    record Creative(String project, String platform, String creative, long contacted, long unknown, BigDecimal spend) {}

    record Partner(String partnerType, long handedOff, long confirmed) {}

    record Reply(String channel, long contacted, long answered, long within30, Double median, Double p90) {}

    record FileStats(String key, long files, long refused, long rowsRead, long rowsRejected, long rowsKept) {}

    record RejectStats(String reason, String dataset, long rows, long files) {}

    private String funnelTable() {
        return project == null ? "funnel_monthly_programme" : "funnel_monthly";
    }

    private String projectFilter() {
        return project == null ? "" : " AND project_id = ?";
    }

    private static final String SUMS = "coalesce(sum(seen), 0), "
            + "coalesce(sum(seen) FILTER (WHERE seen_basis LIKE '%impressions%'), 0), coalesce(sum(clicks), 0), "
            + "coalesce(sum(spend_eur), 0), coalesce(sum(contacted), 0), coalesce(sum(accompanied), 0), "
            + "coalesce(sum(handed_off), 0), coalesce(sum(handoff_confirmed), 0), coalesce(sum(contacted_unknown), 0), "
            + "coalesce(sum(accompanied_unknown), 0), coalesce(sum(handed_off_unknown), 0), "
            + "coalesce(sum(handoff_confirmed_unknown), 0)";

    private static Funnel funnel(ResultSet r, int from) throws SQLException {
        return new Funnel(r.getLong(from), r.getLong(from + 1), r.getLong(from + 2), r.getBigDecimal(from + 3),
                r.getLong(from + 4), r.getLong(from + 5), r.getLong(from + 6), r.getLong(from + 7), r.getLong(from + 8),
                r.getLong(from + 9), r.getLong(from + 10), r.getLong(from + 11));
    }

    private PreparedStatement prepare(String sql, Period p) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setString(1, p.firstMonth());
        s.setString(2, p.lastMonth());
        if (project != null) {
            s.setString(3, project);
        }
        return s;
    }

    Funnel total(Period p) throws SQLException {
        try (PreparedStatement s = prepare("SELECT " + SUMS + " FROM " + funnelTable()
                + " WHERE month BETWEEN ? AND ?" + projectFilter(), p); ResultSet r = s.executeQuery()) {
            r.next();
            return funnel(r, 1);
        }
    }

    /** By source platform (null: unattributed), largest count of previously unknown youth first. */
    List<Keyed> byPlatform(Period p) throws SQLException {
        return keyed("source_platform", funnelTable(), p);
    }

    /** By project (programme report only): each project's own funnel, a youth counted once per project. */
    List<Keyed> byProject(Period p) throws SQLException {
        return keyed("project_id", "funnel_monthly", p);
    }

    private List<Keyed> keyed(String key, String table, Period p) throws SQLException {
        List<Keyed> out = new ArrayList<>();
        try (PreparedStatement s = prepare("SELECT " + key + ", " + SUMS + " FROM " + table
                + " WHERE month BETWEEN ? AND ?" + projectFilter() + " GROUP BY " + key
                + " ORDER BY sum(contacted_unknown) DESC, sum(contacted) DESC, " + key + " NULLS LAST", p);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Keyed(r.getString(1), funnel(r, 2)));
            }
        }
        return out;
    }

    /** Every (project, platform, creative) with youth or spend in the period, most previously unknown first. */
    List<Creative> creatives(Period p) throws SQLException {
        List<Creative> out = new ArrayList<>();
        try (PreparedStatement s = prepare("SELECT project_id, source_platform, source_creative_id, "
                + "coalesce(sum(contacted), 0), coalesce(sum(contacted_unknown), 0), coalesce(sum(spend_eur), 0) "
                + "FROM funnel_monthly WHERE month BETWEEN ? AND ?" + projectFilter()
                + " AND source_creative_id IS NOT NULL GROUP BY ALL "
                + "ORDER BY 5 DESC, 4 DESC, project_id, source_platform NULLS LAST, source_creative_id", p);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Creative(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5),
                        r.getBigDecimal(6)));
            }
        }
        return out;
    }

    /** One row per youth of the scope, as the funnel counts them (see the class comment). */
    private String youth() {
        if (project != null) {
            return "SELECT youth_key, strftime(first_contact_date, '%Y-%m') AS month, contact_channel, "
                    + "first_reply_minutes, handed_off, handoff_confirmed, handoff_partner_type "
                    + "FROM youth_journey WHERE project_id = ?";
        }
        // arg_min_null, not arg_min: arg_min skips a NULL value (no reply yet) and would borrow
        // another project's instead of the earliest contact's.
        return "SELECT youth_key, "
                + "arg_min_null(strftime(first_contact_date, '%Y-%m'), (first_contact_ts, project_id)) AS month, "
                + "arg_min_null(contact_channel, (first_contact_ts, project_id)) AS contact_channel, "
                + "arg_min_null(first_reply_minutes, (first_contact_ts, project_id)) AS first_reply_minutes, "
                + "bool_or(handed_off) AS handed_off, bool_or(handoff_confirmed) AS handoff_confirmed, "
                + "arg_min_null(handoff_partner_type, (handoff_ts, project_id)) FILTER (WHERE handed_off) "
                + "AS handoff_partner_type FROM youth_journey GROUP BY youth_key";
    }

    private PreparedStatement prepareYouth(String select, Period p) throws SQLException {
        PreparedStatement s = c.prepareStatement("WITH y AS (" + youth() + ") " + select);
        int i = 1;
        if (project != null) {
            s.setString(i++, project);
        }
        s.setString(i++, p.firstMonth());
        s.setString(i, p.lastMonth());
        return s;
    }

    /** Youth handed off or confirmed, by the partner type of their (first) hand-off; null: not given. */
    List<Partner> partners(Period p) throws SQLException {
        List<Partner> out = new ArrayList<>();
        try (PreparedStatement s = prepareYouth("SELECT handoff_partner_type, count(*) FILTER (WHERE handed_off), "
                + "count(*) FILTER (WHERE handoff_confirmed) FROM y WHERE month BETWEEN ? AND ? "
                + "AND (handed_off OR handoff_confirmed) GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 NULLS LAST", p);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Partner(r.getString(1), r.getLong(2), r.getLong(3)));
            }
        }
        return out;
    }

    private static final String REPLY = "count(*), count(first_reply_minutes), "
            + "count(*) FILTER (WHERE first_reply_minutes <= 30), "
            + "quantile_cont(CAST(first_reply_minutes AS DOUBLE), 0.5), "
            + "quantile_cont(CAST(first_reply_minutes AS DOUBLE), 0.9)";

    private static Reply reply(String key, ResultSet r) throws SQLException {
        double med = r.getDouble(5);
        Double median = r.wasNull() ? null : med;
        double p = r.getDouble(6);
        Double p90 = r.wasNull() ? null : p;
        return new Reply(key, r.getLong(2), r.getLong(3), r.getLong(4), median, p90);
    }

    /** First reply to the first contact, by contact channel (null: not given), most contacts first. */
    List<Reply> replies(Period p) throws SQLException {
        List<Reply> out = new ArrayList<>();
        try (PreparedStatement s = prepareYouth("SELECT contact_channel, " + REPLY + " FROM y WHERE month BETWEEN ? "
                + "AND ? GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST", p); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(reply(r.getString(1), r));
            }
        }
        return out;
    }

    Reply repliesTotal(Period p) throws SQLException {
        try (PreparedStatement s = prepareYouth("SELECT NULL, " + REPLY + " FROM y WHERE month BETWEEN ? AND ?", p);
                ResultSet r = s.executeQuery()) {
            r.next();
            return reply(null, r);
        }
    }

    /** First and last month with any funnel row in scope (null when the warehouse has none). */
    String[] dataMonths() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT min(month), max(month) FROM " + funnelTable()
                + (project == null ? "" : " WHERE project_id = ?"))) {
            if (project != null) {
                s.setString(1, project);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new String[] {r.getString(1), r.getString(2)};
            }
        }
    }

    /** The run that published this warehouse. */
    String runId() throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce((SELECT max(run_id) FROM funnel_monthly_programme), "
                + "(SELECT run_id FROM run_summary ORDER BY started_at DESC LIMIT 1))"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getString(1);
        }
    }

    private String runsFilter() {
        // A project's report shows its own files and the shared registry (it decides "previously unknown").
        return project == null ? "" : " AND (project_id = ? OR project_id IS NULL)";
    }

    /** This run's input files: by project for the programme, by dataset for one project. */
    List<FileStats> files(String runId) throws SQLException {
        String key = project == null ? "coalesce(project_id, '(' || dataset || ')')" : "dataset";
        List<FileStats> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + key + ", count(*), "
                + "count(*) FILTER (WHERE file_reason IS NOT NULL), coalesce(sum(rows_read), 0), "
                + "coalesce(sum(rows_rejected), 0), coalesce(sum(rows_kept), 0) FROM runs WHERE run_id = ?"
                + runsFilter() + " GROUP BY 1 ORDER BY 1")) {
            s.setString(1, runId);
            if (project != null) {
                s.setString(2, project);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new FileStats(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6)));
                }
            }
        }
        return out;
    }

    /** This run's rejections by reason and dataset: rows rejected, and whole files refused (no line). */
    List<RejectStats> rejects(String runId) throws SQLException {
        List<RejectStats> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT reason, dataset, count(*) FILTER (WHERE line IS NOT NULL), "
                + "count(DISTINCT file) FILTER (WHERE line IS NULL) FROM rejects WHERE run_id = ?" + runsFilter()
                + " GROUP BY ALL ORDER BY 3 DESC, 4 DESC, reason, dataset")) {
            s.setString(1, runId);
            if (project != null) {
                s.setString(2, project);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RejectStats(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
                }
            }
        }
        return out;
    }
}
