package org.maraude.reports;

import java.util.List;

/**
 * A report as the readers will see it, independent of its format: every figure is already
 * formatted and, where the report is funder-level, already suppressed, so the PDF, the HTML and
 * the CSV annex cannot disagree. Built by {@link ReportBuilder}, written by {@link PdfReport},
 * {@link HtmlReport} and {@link CsvAnnex}.
 *
 * @param runId    the pipeline run whose warehouse the figures come from
 * @param title    document title
 * @param subtitle scope and period, e.g. "Tous les projets — 3e trimestre 2026"
 * @param cover    lines of the cover page under the title (run id, generation date, diffusion)
 * @param marking  the diffusion marking printed on every page ("usage interne", or the small-cell note)
 * @param sections the body, in reading order
 */
public record Report(String lang, String runId, String title, String subtitle, List<String> cover, String marking, boolean internal,
        List<Section> sections) {

    /** A titled part of the report. */
    public record Section(String id, String title, List<Block> blocks) {}

    /** What a section holds. */
    public sealed interface Block permits Text, Table, Chart {}

    /** A paragraph; {@code term} (may be null) is shown in bold before it, as in a definition list. */
    public record Text(String term, String text) implements Block {}

    /**
     * A table. The first column holds row labels; {@code totalRow} marks the last row as a total.
     * {@code id} names it in the CSV annex.
     */
    public record Table(String id, String caption, List<String> header, List<List<Cell>> rows, boolean totalRow,
            String note) implements Block {}

    /**
     * One cell: {@code text} as shown in the PDF and HTML, {@code csv} as written in the annex
     * (plain number with the annex's decimal mark, or the same text), {@code hidden} when the
     * small-cell rule masked it.
     */
    public record Cell(String text, String csv, boolean numeric, boolean hidden) {
        public static Cell label(String s) {
            return new Cell(s, s, false, false);
        }
    }

    /**
     * A chart: one series of values by category; a {@code null} value is not drawn (hidden by the
     * small-cell rule or not available), and its category label says so.
     */
    public record Chart(String id, String title, Kind kind, List<String> categories, List<Double> values,
            String valueAxis, String alt) implements Block {
        public enum Kind { BAR, LINE }
    }

    /** All tables, in reading order (the annex's content). */
    public List<Table> tables() {
        return sections.stream().flatMap(s -> s.blocks().stream()).filter(b -> b instanceof Table).map(b -> (Table) b)
                .toList();
    }
}
