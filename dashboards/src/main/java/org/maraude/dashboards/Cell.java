package org.maraude.dashboards;

/**
 * One table cell as every output shows it: escaped HTML for the page, a value for the CSV file,
 * and a numeric sort key (null for text columns and for hidden figures).
 */
record Cell(String html, String csv, Double sort, boolean numeric) {
    /** Text from the data or from us: escaped here. */
    static Cell text(String s) {
        return new Cell(Html.esc(s == null ? "—" : s), s == null ? "" : s, null, false);
    }

    /** Safe HTML we built (links, badges), with its plain CSV value. */
    static Cell html(String safeHtml, String csv) {
        return new Cell(safeHtml, csv, null, false);
    }

    /** A number shown as {@code shown}, exported as {@code raw}, sorted by {@code value}. */
    static Cell number(String shown, String raw, double value) {
        return new Cell(Html.esc(shown), raw, value, true);
    }

    /** A figure not shown (small-cell rule, or not computable): no sort key. */
    static Cell hidden(String shown) {
        return new Cell(Html.esc(shown), shown, null, true);
    }

    static Cell empty() {
        return new Cell("—", "", null, true);
    }
}
