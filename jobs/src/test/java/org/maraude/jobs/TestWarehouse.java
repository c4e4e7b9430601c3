package org.maraude.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a published DuckDB file in tests: query results as lists of rows of strings. */
public final class TestWarehouse {
    private TestWarehouse() {}

    public static List<List<String>> query(Path db, String sql) {
        java.util.Properties ro = new java.util.Properties();
        ro.setProperty("duckdb.read_only", "true");
        return run("jdbc:duckdb:" + db.toAbsolutePath(), ro, sql);
    }

    /** A query on an in-memory DuckDB (reading files with read_csv and the like). */
    public static List<List<String>> queryInMemory(String sql) {
        return run("jdbc:duckdb:", new java.util.Properties(), sql);
    }

    private static List<List<String>> run(String url, java.util.Properties props, String sql) {
        try (Connection c = DriverManager.getConnection(url, props);
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

    public static String scalar(Path db, String sql) {
        return query(db, sql).get(0).get(0);
    }
}
