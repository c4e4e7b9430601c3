package org.maraude.dashboards;

import java.util.ArrayList;
import java.util.List;

/**
 * A data table: rendered in the page (scrolling sideways on a phone, optionally sortable by the
 * page's small script, fully readable without it) and written as CSV beside it.
 */
final class Table {
    record Row(String key, List<Cell> cells) {}

    private final List<String> headers;
    private final List<Row> rows = new ArrayList<>();
    private final List<Row> footer = new ArrayList<>();
    private String caption;
    private boolean sortable;

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    Table caption(String c) {
        this.caption = c;
        return this;
    }

    Table sortable() {
        this.sortable = true;
        return this;
    }

    boolean isSortable() {
        return sortable;
    }

    Table row(String key, List<Cell> cells) {
        rows.add(new Row(key, cells));
        return this;
    }

    Table row(String key, Cell... cells) {
        return row(key, List.of(cells));
    }

    /** A total row, kept at the bottom when sorting. */
    Table total(String key, Cell... cells) {
        footer.add(new Row(key, List.of(cells)));
        return this;
    }

    List<String> headers() {
        return headers;
    }

    List<Row> rows() {
        return rows;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html() {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"data")
                .append(sortable ? " sortable" : "").append("\">");
        if (caption != null) {
            b.append("<caption>").append(Html.esc(caption)).append("</caption>");
        }
        b.append("<thead><tr>");
        List<Row> all = new ArrayList<>(rows);
        all.addAll(footer);
        for (int i = 0; i < headers.size(); i++) {
            boolean num = isNumericColumn(all, i);
            b.append("<th scope=\"col\"").append(num ? " class=\"num\" data-type=\"num\"" : "").append('>')
                    .append(Html.esc(headers.get(i))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        rows.forEach(r -> tr(b, r));
        b.append("</tbody>");
        if (!footer.isEmpty()) {
            b.append("<tfoot>");
            footer.forEach(r -> tr(b, r));
            b.append("</tfoot>");
        }
        return b.append("</table></div>").toString();
    }

    private static boolean isNumericColumn(List<Row> rows, int i) {
        return !rows.isEmpty() && rows.stream().allMatch(r -> i < r.cells().size() && r.cells().get(i).numeric());
    }

    private static void tr(StringBuilder b, Row r) {
        b.append("<tr");
        if (r.key() != null) {
            b.append(" data-key=\"").append(Html.esc(r.key())).append('"');
        }
        b.append('>');
        for (int i = 0; i < r.cells().size(); i++) {
            Cell c = r.cells().get(i);
            if (i == 0) {
                b.append("<th scope=\"row\"").append(c.numeric() ? " class=\"num\"" : "").append('>').append(c.html())
                        .append("</th>");
                continue;
            }
            b.append("<td");
            if (c.numeric()) {
                b.append(" class=\"num\"");
                b.append(" data-sort=\"").append(c.sort() == null ? "" : Double.toString(c.sort())).append('"');
            }
            b.append('>').append(c.html()).append("</td>");
        }
        b.append("</tr>");
    }

    List<List<String>> csvRows() {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.cells().stream().map(Cell::csv).toList());
        }
        for (Row r : footer) {
            out.add(r.cells().stream().map(Cell::csv).toList());
        }
        return out;
    }
}
