package org.maraude.jobs.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Planning without Spark: reads a project's curves, draws and weekly spend from the published
 * warehouse (DuckDB, read-only: a release is immutable) and keeps plans made on demand in a
 * separate small DuckDB file ({@code <out>/plans.duckdb}, tables {@code plan} and
 * {@code plan_totals} with the warehouse {@code run_id} the curves came from and
 * {@code planned_at}); a plan replaces the earlier one of the same project and scenario.
 */
public final class PlanStore {
    private PlanStore() {}

    public static final String PLANS_DB = "plans.duckdb";

    /** The curves of one project and objective as published, ready for {@link Planner}. */
    public record Published(ProjectData data, String runId) {}

    public static Published read(Path warehouse, String projectId, Objective objective) {
        if (!Files.exists(warehouse)) {
            throw new IllegalArgumentException("no warehouse at " + warehouse + ": run 'maraude run' first");
        }
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), ro)) {
            for (String t : List.of(PlanTables.CURVES, PlanTables.DRAWS, PlanTables.WEEKS)) {
                if (!hasTable(c, t)) {
                    throw new IllegalArgumentException("the warehouse " + warehouse + " has no table " + t
                            + ": it was published before the planning stage existed; run 'maraude run' again");
                }
            }
            List<PlanTables.Week> weeks = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT project_id, channel, theme, CAST(week_start AS VARCHAR), "
                    + "days, spend_eur, active_days, contacted, contacted_unknown, accompanied, handed_off, "
                    + "project_contacted, project_unknown, project_accompanied, project_handed_off, fitted_contacted, "
                    + "fitted_own FROM " + PlanTables.WEEKS
                    + " WHERE project_id = ? AND theme IS NULL ORDER BY channel, week_start")) {
                s.setString(1, projectId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        weeks.add(new PlanTables.Week(r.getString(1), r.getString(2), r.getString(3),
                                LocalDate.parse(r.getString(4)), r.getInt(5), r.getDouble(6), r.getInt(7), r.getLong(8),
                                r.getLong(9), r.getLong(10), r.getLong(11), r.getLong(12), r.getLong(13), r.getLong(14),
                                r.getLong(15), dbl(r, 16), dbl(r, 17)));
                    }
                }
            }
            if (weeks.isEmpty()) {
                throw new IllegalArgumentException("no paid channel data for project '" + projectId + "' in the warehouse"
                        + " (projects with paid channels: " + String.join(", ", projects(c)) + ")");
            }
            List<PlanTables.Curve> curves = new ArrayList<>();
            String runId = null;
            String seasonCols = SchoolSeasons.TERMS.stream().map(t -> "season_" + t).collect(Collectors.joining(", "));
            try (PreparedStatement s = c.prepareStatement("SELECT project_id, channel, theme, objective, status, reason, "
                    + "theta, half_saturation_eur, shape, max_per_week, outcome_share, harvest_rate, harvest_share, "
                    + seasonCols + ", holdout_mape, "
                    + "holdout_r2, holdout_actual, holdout_predicted, holdout_weeks, n_weeks, weeks_with_spend, spend_cv, "
                    + "spend_eur, contacted, outcomes, CAST(first_week AS VARCHAR), CAST(data_end AS VARCHAR), draws, run_id"
                    + " FROM " + PlanTables.CURVES + " WHERE project_id = ? AND objective = ? AND theme IS NULL"
                    + " ORDER BY channel")) {
                s.setString(1, projectId);
                s.setString(2, objective.code());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int k = 14;
                        double[] season = new double[SchoolSeasons.TERMS.size()];
                        for (int i = 0; i < season.length; i++) {
                            season[i] = r.getDouble(k++);
                        }
                        curves.add(new PlanTables.Curve(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), dbl(r, 7), dbl(r, 8), dbl(r, 9), dbl(r, 10), dbl(r, 11),
                                dbl(r, 12), dbl(r, 13), season, dbl(r, k), dbl(r, k + 1), dbl(r, k + 2), dbl(r, k + 3), r.getInt(k + 4),
                                r.getInt(k + 5), r.getInt(k + 6), dbl(r, k + 7), r.getDouble(k + 8), r.getLong(k + 9),
                                r.getLong(k + 10), date(r.getString(k + 11)), date(r.getString(k + 12)), r.getInt(k + 13)));
                        runId = r.getString(k + 14);
                    }
                }
            }
            List<PlanTables.Draw> draws = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT project_id, channel, theme, objective, draw, theta, "
                    + "half_saturation_eur, shape, max_per_week FROM " + PlanTables.DRAWS
                    + " WHERE project_id = ? AND objective = ? AND theme IS NULL ORDER BY channel, draw")) {
                s.setString(1, projectId);
                s.setString(2, objective.code());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        draws.add(new PlanTables.Draw(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getInt(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getDouble(9)));
                    }
                }
            }
            return new Published(ProjectData.of(projectId, objective, curves, draws, weeks), runId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + warehouse + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    private static List<String> projects(Connection c) throws SQLException {
        List<String> p = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT project_id FROM " + PlanTables.WEEKS + " ORDER BY 1")) {
            while (r.next()) {
                p.add(r.getString(1));
            }
        }
        return p;
    }

    private static Double dbl(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() ? null : v;
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    /** Writes (replaces) a plan in {@code db}, creating the file and tables when absent. */
    public static void write(Path db, Planner.Plan plan, String runId) {
        try {
            Files.createDirectories(db.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            c.setAutoCommit(false);
            replace(c, PlanTables.PLAN, PlanTables.PLAN_COLS, plan.lines().stream().map(PlanTables.Line::values).toList(),
                    plan.total().projectId(), plan.total().scenario(), runId, now);
            replace(c, PlanTables.PLAN_TOTALS, PlanTables.TOTAL_COLS, List.<Object[]>of(plan.total().values()),
                    plan.total().projectId(), plan.total().scenario(), runId, now);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the plan into " + db + ": " + e.getMessage(), e);
        }
    }

    private static void replace(Connection c, String table, List<PlanTables.Col> cols, List<Object[]> rows,
            String project, String scenario, String runId, OffsetDateTime now) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + cols.stream().map(k -> k.name() + " " + k.duckType())
                    .collect(Collectors.joining(", ")) + ", run_id VARCHAR, planned_at TIMESTAMP WITH TIME ZONE)");
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE project_id = ? AND scenario = ?")) {
            d.setString(1, project);
            d.setString(2, scenario);
            d.executeUpdate();
        }
        String names = cols.stream().map(PlanTables.Col::name).collect(Collectors.joining(", "));
        String marks = cols.stream().map(k -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (" + names + ", run_id, planned_at) "
                + "VALUES (" + marks + ", ?, ?)")) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    // dates as ISO text: java.sql.Date would shift a day with a JVM time zone east of UTC
                    p.setObject(i + 1, v instanceof LocalDate ld ? ld.toString() : v);
                }
                p.setString(row.length + 1, runId);
                p.setObject(row.length + 2, now);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
