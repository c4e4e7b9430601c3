package org.maraude.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small, immutable result table: named columns, rows of JDBC values. It prints as an aligned
 * text table (numbers right-aligned, at most {@value #SHOWN_ROWS} rows), gives its columns as
 * lists or arrays, and writes CSV. It is meant for the few hundred rows of an aggregate, not for
 * the warehouse's detail tables: aggregate in SQL first.
 */
public final class Table implements Iterable<Table.Row> {
    /** Rows {@link #toString()} shows before "… n more rows". */
    public static final int SHOWN_ROWS = 40;
    private static final int MAX_CELL = 48;

    private final List<String> columns;
    private final List<Object[]> rows;
    private final String source;

    Table(List<String> columns, List<Object[]> rows, String source) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.source = source;
    }

    /** A table from values, e.g. for a chart of figures computed in a cell. */
    public static Table of(List<String> columns, List<? extends List<?>> rows) {
        List<Object[]> r = new ArrayList<>();
        for (List<?> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + r.size() + " has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            r.add(row.toArray());
        }
        return new Table(columns, r, null);
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The column's position; unknown names fail with the list of known ones. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' (columns: " + String.join(", ", columns) + ")");
    }

    public Row row(int i) {
        return new Row(i);
    }

    /** The value at row {@code row} (from 0), column {@code column}. */
    public Object get(int row, String column) {
        return rows.get(row)[indexOf(column)];
    }

    /** The value of the first column of the first row (null when empty): for one-number queries. */
    public Object value() {
        return rows.isEmpty() || columns.isEmpty() ? null : rows.get(0)[0];
    }

    /** {@link #value()} as a long (0 when empty or null). */
    public long longValue() {
        return value() instanceof Number n ? n.longValue() : 0L;
    }

    public List<Object> column(String column) {
        int c = indexOf(column);
        List<Object> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(r[c]);
        }
        return out;
    }

    public List<String> strings(String column) {
        int c = indexOf(column);
        List<String> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(r[c] == null ? null : r[c].toString());
        }
        return out;
    }

    /** The column as numbers; null or non-numeric cells are NaN. */
    public double[] doubles(String column) {
        int c = indexOf(column);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c] instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

    /** The column as whole numbers; null cells are 0. */
    public long[] longs(String column) {
        int c = indexOf(column);
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c] instanceof Number n ? n.longValue() : 0L;
        }
        return out;
    }

    /** The sum of a numeric column (nulls count as 0). */
    public double sum(String column) {
        return Arrays.stream(doubles(column)).filter(v -> !Double.isNaN(v)).sum();
    }

    /** The first {@code n} rows. */
    public Table head(int n) {
        return new Table(columns, rows.subList(0, Math.min(n, rows.size())), source);
    }

    /** Only these columns, in this order. */
    public Table select(String... names) {
        int[] idx = Arrays.stream(names).mapToInt(this::indexOf).toArray();
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] o = new Object[idx.length];
            for (int i = 0; i < idx.length; i++) {
                o[i] = r[idx[i]];
            }
            out.add(o);
        }
        List<String> cols = Arrays.stream(idx).mapToObj(columns::get).toList();
        return new Table(cols, out, source);
    }

    /** The rows that satisfy {@code keep}. */
    public Table where(Predicate<Row> keep) {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (keep.test(new Row(i))) {
                out.add(rows.get(i));
            }
        }
        return new Table(columns, out, source);
    }

    /** This table with one more column computed from each row (e.g. an interval from two counts). */
    public Table withColumn(String name, Function<Row, Object> value) {
        List<String> cols = new ArrayList<>(columns);
        cols.add(name);
        List<Object[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = Arrays.copyOf(rows.get(i), columns.size() + 1);
            r[columns.size()] = value.apply(new Row(i));
            out.add(r);
        }
        return new Table(cols, out, source);
    }

    /**
     * This table with a share and its 95 % Wilson interval ({@code Stats.wilson}, as on the
     * dashboards): columns {@code name}, {@code name_low}, {@code name_high} = successes / total
     * (null where the total is 0).
     */
    public Table withShare(String name, String successes, String total) {
        return withColumn(name, r -> r.lng(total) == 0 ? null : (double) r.lng(successes) / r.lng(total))
                .withColumn(name + "_low", r -> interval(r.lng(successes), r.lng(total), true))
                .withColumn(name + "_high", r -> interval(r.lng(successes), r.lng(total), false));
    }

    private static Double interval(long k, long n, boolean low) {
        org.maraude.dashboards.Stats.Interval i = org.maraude.dashboards.Stats.wilson(k, n);
        return i == null ? null : low ? i.low() : i.high();
    }

    /**
     * Only the named columns that this table has, in the order given: for tables written by later
     * stages of the pipeline, whose columns may still change.
     */
    public Table keep(String... names) {
        List<String> present = new ArrayList<>();
        for (String n : names) {
            if (columns.stream().anyMatch(c -> c.equalsIgnoreCase(n))) {
                present.add(n);
            }
        }
        return select(present.toArray(new String[0]));
    }

    /**
     * Long to wide: one row per value of {@code rowKey}, one column per value of {@code columnKey}
     * (both in order of first appearance), holding {@code value}; numbers falling in the same cell
     * add up, an empty cell is null. E.g. credit by platform (rows) and model (columns).
     */
    public Table pivot(String rowKey, String columnKey, String value) {
        int r = indexOf(rowKey);
        int c = indexOf(columnKey);
        int v = indexOf(value);
        java.util.Map<Object, Integer> rowPos = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> colPos = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            rowPos.putIfAbsent(row[r], rowPos.size());
            colPos.putIfAbsent(String.valueOf(row[c]), colPos.size() + 1);
        }
        List<Object[]> out = new ArrayList<>();
        for (Object key : rowPos.keySet()) {
            Object[] o = new Object[colPos.size() + 1];
            o[0] = key;
            out.add(o);
        }
        for (Object[] row : rows) {
            Object[] o = out.get(rowPos.get(row[r]));
            int j = colPos.get(String.valueOf(row[c]));
            Object x = row[v];
            o[j] = o[j] == null ? x : o[j] instanceof Number a && x instanceof Number b
                    ? (Object) (a.doubleValue() + b.doubleValue()) : x;
        }
        List<String> cols = new ArrayList<>();
        cols.add(columns.get(r));
        cols.addAll(colPos.keySet());
        return new Table(cols, out, source);
    }

    /** Whether the table has this column. */
    public boolean has(String column) {
        return columns.stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    /** The source line of charts drawn from this table (the warehouse and its run), or null. */
    public String source() {
        return source;
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < rows.size();
            }

            @Override
            public Row next() {
                return new Row(i++);
            }
        };
    }

    /**
     * RFC 4180 CSV with a header line; cells that a spreadsheet would take for a formula
     * ({@code = + - @}) get a leading apostrophe, as the dashboards' CSV files do.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        csvLine(b, new ArrayList<>(columns), false);
        for (Object[] r : rows) {
            csvLine(b, Arrays.asList(r), true);
        }
        return b.toString();
    }

    /** Writes {@link #toCsv()} to a UTF-8 file and returns its path. */
    public Path writeCsv(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void csvLine(StringBuilder b, List<Object> values, boolean data) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            String s = data && v instanceof Number ? plain(v) : v.toString();
            if (!(v instanceof Number) && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
                s = "'" + s;
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            b.append(s);
        }
        b.append("\r\n");
    }

    /** The aligned text table, at most {@value #SHOWN_ROWS} rows. */
    @Override
    public String toString() {
        return toText(SHOWN_ROWS);
    }

    /** The aligned text table with at most {@code maxRows} rows, then how many were left out. */
    public String toText(int maxRows) {
        int shown = Math.min(maxRows, rows.size());
        int n = columns.size();
        String[][] cells = new String[shown][n];
        boolean[] numeric = new boolean[n];
        Arrays.fill(numeric, true);
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = columns.get(c).length();
        }
        for (int r = 0; r < shown; r++) {
            for (int c = 0; c < n; c++) {
                Object v = rows.get(r)[c];
                cells[r][c] = cell(v);
                numeric[c] &= v == null || v instanceof Number;
                width[c] = Math.max(width[c], cells[r][c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, columns.toArray(new String[0]), width, numeric);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < n; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        b.append(rule).append('\n');
        for (String[] row : cells) {
            line(b, row, width, numeric);
        }
        if (rows.size() > shown) {
            b.append("… ").append(rows.size() - shown).append(" more rows (").append(rows.size()).append(" in all)\n");
        } else {
            b.append('(').append(rows.size()).append(rows.size() == 1 ? " row)\n" : " rows)\n");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String[] cells, int[] width, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(right[c] ? pad + cells[c] : cells[c] + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static String cell(Object v) {
        String s = v == null ? "null" : v instanceof Number ? plain(v) : v.toString();
        s = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }

    /** Numbers without grouping or exponent; at most 4 decimals, trailing zeros dropped. */
    static String plain(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        BigDecimal x = v instanceof BigDecimal bd ? bd : BigDecimal.valueOf(d);
        String s = x.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** One row, with typed access by column name. */
    public final class Row {
        private final int index;

        private Row(int index) {
            this.index = index;
        }

        public int index() {
            return index;
        }

        public Object get(String column) {
            return rows.get(index)[indexOf(column)];
        }

        public String str(String column) {
            Object o = get(column);
            return o == null ? null : o.toString();
        }

        /** A whole number (0 when null). */
        public long lng(String column) {
            return get(column) instanceof Number n ? n.longValue() : 0L;
        }

        /** A number (NaN when null). */
        public double dbl(String column) {
            return get(column) instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        public boolean bool(String column) {
            Object o = get(column);
            return o instanceof Boolean b ? b : o != null && Boolean.parseBoolean(o.toString().toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return Arrays.toString(rows.get(index));
        }
    }
}
