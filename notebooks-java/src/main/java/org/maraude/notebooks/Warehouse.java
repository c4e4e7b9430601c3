package org.maraude.notebooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The published DuckDB warehouse, opened <b>read only</b>: a notebook can query it but never
 * change it. Values are bound as parameters ({@code ?}), never spliced into SQL text.
 *
 * <pre>{@code
 * var wh = Warehouse.open();                 // the default warehouse, see open()
 * Table t = wh.sql("SELECT project_id, sum(contacted) AS contacted FROM funnel_monthly "
 *         + "WHERE month >= ? GROUP BY 1 ORDER BY 2 DESC", "2025-01");
 * }</pre>
 *
 * Tables added by later stages (attribution, creative_scores, plan…) may be absent from a given
 * warehouse: {@link #computed(String)} says so in one line instead of failing.
 */
public final class Warehouse implements AutoCloseable {
    /** System property naming the warehouse file; the runner and the kernelspec set it. */
    public static final String PROPERTY = "maraude.warehouse";
    /** Environment variable naming the warehouse file. */
    public static final String ENV = "MARAUDE_WAREHOUSE";
    /** Where the pipeline publishes it, relative to the repository root. */
    public static final String DEFAULT_FILE = "out/warehouse.duckdb";

    // Open warehouses, so that the runner can close what a notebook left open (notebooks rarely close).
    private static final Set<Warehouse> OPEN = Collections.newSetFromMap(new WeakHashMap<>());
    private static long opened;

    private final Path path;
    private final Connection connection;
    private final Map<String, Set<String>> columns = new LinkedHashMap<>();
    private final String runId;
    private final long serial;

    private Warehouse(Path path) {
        this.path = path;
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no warehouse at " + path
                    + " (run ./maraude demo, or give another file with -D" + PROPERTY + " or " + ENV + ")");
        }
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try {
            this.connection = DriverManager.getConnection("jdbc:duckdb:" + path, p);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the warehouse " + path + ": " + e.getMessage(), e);
        }
        for (Table.Row r : sql("SELECT table_name, column_name FROM information_schema.columns "
                + "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position")) {
            columns.computeIfAbsent(r.str("table_name").toLowerCase(Locale.ROOT), t -> new LinkedHashSet<>())
                    .add(r.str("column_name").toLowerCase(Locale.ROOT));
        }
        this.runId = has("run_summary", "run_id", "started_at")
                ? (String) sql("SELECT run_id FROM run_summary ORDER BY started_at DESC LIMIT 1").value()
                : has("youth_journey", "run_id") ? (String) sql("SELECT max(run_id) FROM youth_journey").value() : null;
        synchronized (OPEN) {
            this.serial = ++opened;
            OPEN.add(this);
        }
    }

    /**
     * Opens the default warehouse: the file named by the system property {@value #PROPERTY}, else
     * by the environment variable {@value #ENV}, else {@value #DEFAULT_FILE} in the working
     * directory or the nearest parent that has one (a notebook opened from {@code notebooks-java/}
     * finds the repository's {@code out/}).
     */
    public static Warehouse open() {
        return new Warehouse(defaultPath());
    }

    /** Opens the warehouse file {@code file} (a {@code .duckdb} file) read only. */
    public static Warehouse open(String file) {
        return open(Path.of(file));
    }

    public static Warehouse open(Path file) {
        return new Warehouse(file.toAbsolutePath().normalize());
    }

    /** The file {@link #open()} would open. */
    public static Path defaultPath() {
        String named = System.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(ENV);
        }
        if (named != null && !named.isBlank()) {
            return Path.of(named).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(DEFAULT_FILE))) {
                return dir.resolve(DEFAULT_FILE);
            }
        }
        return here.resolve(DEFAULT_FILE);
    }

    /** Runs a query; {@code ?} placeholders take {@code params} in order. */
    public Table sql(String sql, Object... params) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                int n = m.getColumnCount();
                List<String> names = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    names.add(m.getColumnLabel(i));
                }
                List<Object[]> rows = new ArrayList<>();
                while (r.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = r.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return new Table(names, rows, source());
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("query failed: " + e.getMessage(), e);
        }
    }

    /** Whether the table exists and has all these columns. */
    public boolean has(String table, String... columnNames) {
        Set<String> cols = columns.get(table.toLowerCase(Locale.ROOT));
        if (cols == null) {
            return false;
        }
        for (String c : columnNames) {
            if (!cols.contains(c.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the table is in this warehouse; otherwise prints one line saying it is not
     * computed yet (a later stage of the pipeline writes it) and returns false.
     */
    public boolean computed(String table) {
        if (has(table)) {
            return true;
        }
        System.out.println(notComputed(table));
        return false;
    }

    /** The line {@link #computed} prints for a missing table. */
    public static String notComputed(String table) {
        return table + ": not computed in this warehouse yet";
    }

    /** The tables with their row counts. */
    public Table tables() {
        List<Object[]> rows = new ArrayList<>();
        for (String t : columns.keySet()) {
            Object n = sql("SELECT count(*) FROM \"" + t.replace("\"", "\"\"") + "\"").value();
            rows.add(new Object[] {t, n, columns.get(t).size()});
        }
        return new Table(List.of("table", "rows", "columns"), rows, source());
    }

    /** The columns of a table, in order (empty when it does not exist). */
    public List<String> columns(String table) {
        return List.copyOf(columns.getOrDefault(table.toLowerCase(Locale.ROOT), Set.of()));
    }

    /** The run that published this warehouse (null for an empty warehouse). */
    public String runId() {
        return runId;
    }

    public Path path() {
        return path;
    }

    /** The source line charts drawn from this warehouse's tables carry. */
    String source() {
        return "Source: maraude warehouse" + (runId == null ? "" : ", run " + runId);
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            OPEN.remove(this);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the warehouse: " + e.getMessage(), e);
        }
    }

    /** How many warehouses this JVM has opened so far: a mark for {@link #closeOpenedSince}. */
    public static long openedSoFar() {
        synchronized (OPEN) {
            return opened;
        }
    }

    /** Closes the warehouses opened after {@code mark} and still open (the runner, after a notebook). */
    public static void closeOpenedSince(long mark) {
        List<Warehouse> open = new ArrayList<>();
        synchronized (OPEN) {
            for (Warehouse w : OPEN) {
                if (w.serial > mark) {
                    open.add(w);
                }
            }
        }
        open.forEach(Warehouse::close);
    }

    @Override
    public String toString() {
        return "Warehouse " + path + (runId == null ? "" : " (run " + runId + ")") + ", " + columns.size() + " tables";
    }
}
