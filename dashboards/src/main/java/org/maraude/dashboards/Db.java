package org.maraude.dashboards;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The published warehouse, opened read only. Values from the data are always bound as
 * parameters, never spliced into SQL text.
 */
final class Db implements AutoCloseable {
    private final Connection c;
    private final Map<String, Set<String>> columns = new LinkedHashMap<>();

    Db(java.nio.file.Path warehouse) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        this.c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), p);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT table_name, column_name FROM information_schema.columns ORDER BY table_name, ordinal_position");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                columns.computeIfAbsent(r.getString(1).toLowerCase(Locale.ROOT), t -> new LinkedHashSet<>())
                        .add(r.getString(2).toLowerCase(Locale.ROOT));
            }
        }
    }

    boolean hasTable(String table) {
        return columns.containsKey(table);
    }

    /** The table's columns in order (empty when the table does not exist). */
    Set<String> columns(String table) {
        return columns.getOrDefault(table, Set.of());
    }

    boolean hasColumns(String table, String... cols) {
        return columns(table).containsAll(List.of(cols));
    }

    List<Row> query(String sql, Object... params) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                List<Row> out = new ArrayList<>();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        row.put(m.getColumnLabel(i).toLowerCase(Locale.ROOT), r.getObject(i));
                    }
                    out.add(new Row(row));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("warehouse query failed: " + e.getMessage(), e);
        }
    }

    Row one(String sql, Object... params) {
        List<Row> rows = query(sql, params);
        return rows.isEmpty() ? new Row(Map.of()) : rows.get(0);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }

    /** One result row, by lower-case column label. */
    record Row(Map<String, Object> values) {
        Object get(String col) {
            return values.get(col);
        }

        String str(String col) {
            Object o = values.get(col);
            return o == null ? null : o.toString();
        }

        long lng(String col) {
            Object o = values.get(col);
            return o instanceof Number n ? n.longValue() : 0L;
        }

        double dbl(String col) {
            Object o = values.get(col);
            return o instanceof Number n ? n.doubleValue() : 0.0;
        }

        Double dblOrNull(String col) {
            Object o = values.get(col);
            return o instanceof Number n ? n.doubleValue() : null;
        }

        boolean isNumber(String col) {
            Object o = values.get(col);
            return o instanceof Number;
        }

        boolean isDecimal(String col) {
            Object o = values.get(col);
            return o instanceof Double || o instanceof Float || o instanceof BigDecimal;
        }

        LocalDate date(String col) {
            Object o = values.get(col);
            if (o == null) {
                return null;
            }
            if (o instanceof LocalDate d) {
                return d;
            }
            if (o instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            return LocalDate.parse(o.toString().substring(0, 10));
        }
    }
}
