package org.maraude.jobs.plan;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test fixtures: a small fitted project and a warehouse file holding its planning tables (no Spark). */
public final class PlanFixtures {
    private PlanFixtures() {}

    /**
     * Project "p": 104 weeks from 2024-09-02 of tiktok (lognormal around 120 €/week, curve max 6) and
     * facebook (around 100 €/week, max 3), seeded; 20 draws.
     */
    public static ResponseFitting.Result fitted() {
        List<PlanTables.Week> rows = new ArrayList<>(ResponseFittingTest.simulate("p", "tiktok",
                ResponseFittingTest.lognormalSpend(1, 120), ResponseFittingTest.TRUE, 2));
        rows.addAll(ResponseFittingTest.simulate("p", "facebook", ResponseFittingTest.lognormalSpend(7, 100),
                new ResponseCurve(0.5, 120, 1, 3), 8));
        return ResponseFitting.fit(rows, Map.of("p", ResponseFittingTest.period()),
                ResponseFitting.Settings.defaults().withDraws(20));
    }

    /** Writes response_weeks, response_curves and response_curve_draws (with run_id) into a new DuckDB file. */
    public static void writeWarehouse(Path db, ResponseFitting.Result fit, String runId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            table(c, PlanTables.WEEKS, PlanTables.WEEK_COLS, fit.weeks().stream().map(PlanTables.Week::values).toList(), runId);
            table(c, PlanTables.CURVES, PlanTables.CURVE_COLS, fit.curves().stream().map(PlanTables.Curve::values).toList(),
                    runId);
            table(c, PlanTables.DRAWS, PlanTables.DRAW_COLS, fit.draws().stream().map(PlanTables.Draw::values).toList(), runId);
        }
    }

    private static void table(Connection c, String name, List<PlanTables.Col> cols, List<Object[]> rows, String runId)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + name + " (" + cols.stream().map(k -> k.name() + " " + k.duckType())
                    .collect(Collectors.joining(", ")) + ", run_id VARCHAR)");
        }
        String marks = cols.stream().map(k -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + name + " VALUES (" + marks + ", ?)")) {
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    p.setObject(i + 1, r[i] instanceof LocalDate d ? d.toString() : r[i]);
                }
                p.setString(r.length + 1, runId);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
