package org.maraude.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse API on a tiny DuckDB file made here. */
class WarehouseTest {
    static {
        TestDirs.ensureTmp();
    }

    @TempDir
    static Path dir;
    static Path db;

    @BeforeAll
    static void build() throws Exception {
        db = dir.resolve("w.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE run_summary (run_id VARCHAR, started_at TIMESTAMP)");
            s.execute("INSERT INTO run_summary VALUES ('r1', TIMESTAMP '2026-01-01 00:00:00'), ('r2', TIMESTAMP '2026-02-01 00:00:00')");
            s.execute("CREATE TABLE funnel_monthly (project_id VARCHAR, month VARCHAR, contacted BIGINT, run_id VARCHAR)");
            s.execute("INSERT INTO funnel_monthly VALUES ('p1', '2026-01', 3, 'r2'), ('p1', '2026-02', 4, 'r2'), ('p2', '2026-01', 5, 'r2')");
        }
    }

    @Test
    void queriesWithBoundParameters() {
        try (Warehouse wh = Warehouse.open(db)) {
            Table t = wh.sql("SELECT month, contacted FROM funnel_monthly WHERE project_id = ? ORDER BY month", "p1");
            assertEquals(List.of("2026-01", "2026-02"), t.strings("month"));
            assertEquals(7L, wh.sql("SELECT sum(contacted) FROM funnel_monthly WHERE project_id = ?", "p1").longValue());
            assertEquals("r2", wh.runId(), "the latest run");
            assertEquals("Source: maraude warehouse, run r2", t.source());
            assertEquals(List.of("funnel_monthly", "run_summary"), wh.tables().strings("table"));
            assertEquals(List.of(3L, 2L), wh.tables().column("rows"));
        }
    }

    @Test
    void isReadOnly() {
        try (Warehouse wh = Warehouse.open(db)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> wh.sql("DELETE FROM funnel_monthly"));
            assertTrue(e.getMessage().toLowerCase().contains("read-only") || e.getMessage().toLowerCase().contains("read only"),
                    e.getMessage());
        }
    }

    @Test
    void saysWhenALaterStageHasNotWrittenItsTable() {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Warehouse wh = Warehouse.open(db)) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertFalse(wh.computed("attribution"));
            assertTrue(wh.computed("funnel_monthly"));
            assertTrue(wh.has("funnel_monthly", "project_id", "CONTACTED"));
            assertFalse(wh.has("funnel_monthly", "spend_eur"));
        } finally {
            System.setOut(before);
        }
        assertEquals("attribution: not computed in this warehouse yet\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theRunnerClosesOnlyTheWarehousesTheNotebookOpened() {
        try (Warehouse mine = Warehouse.open(db)) {
            long before = Warehouse.openedSoFar();
            var r = NotebookRunnerTest.run(NotebookRunnerTest.notebook(
                    "import org.maraude.notebooks.*;\nvar wh = Warehouse.open(\"" + db + "\");\nwh.runId()"));
            assertTrue(r.ok(), () -> String.valueOf(r.failure()));
            assertEquals(before + 1, Warehouse.openedSoFar());
            assertEquals("r2", mine.runId());
            assertEquals(3L, mine.sql("SELECT count(*) FROM funnel_monthly").longValue(), "still open");
        }
    }

    @Test
    void opensTheFileNamedByThePropertyOrFailsClearly() {
        String before = System.getProperty(Warehouse.PROPERTY);
        try {
            System.setProperty(Warehouse.PROPERTY, db.toString());
            try (Warehouse wh = Warehouse.open()) {
                assertEquals(db.toAbsolutePath(), wh.path());
            }
        } finally {
            if (before == null) {
                System.clearProperty(Warehouse.PROPERTY);
            } else {
                System.setProperty(Warehouse.PROPERTY, before);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Warehouse.open(dir.resolve("none.duckdb")));
        assertTrue(e.getMessage().contains("./maraude demo"));
    }
}
