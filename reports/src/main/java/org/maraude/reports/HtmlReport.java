package org.maraude.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.maraude.dashboards.Html;
import org.maraude.reports.Report.Block;
import org.maraude.reports.Report.Cell;
import org.maraude.reports.Report.Chart;
import org.maraude.reports.Report.Section;
import org.maraude.reports.Report.Table;
import org.maraude.reports.Report.Text;

/**
 * Writes a {@link Report} as one self-contained HTML page: inline CSS, charts as inline SVG drawn
 * by JFreeChart, no script and no external resource. Every piece of text is escaped (labels and
 * ids come from the projects' files).
 */
final class HtmlReport {
    private HtmlReport() {}

    private static final String CSS = "body{font-family:'Liberation Sans',Arial,sans-serif;max-width:980px;margin:auto;"
            + "padding:1em;color:#222;line-height:1.4}h1,h2,caption{color:#004b87}h2{margin-top:2em;border-bottom:"
            + "2px solid #e8eef4}table{border-collapse:collapse;margin:.5em 0 .2em;width:100%}caption{text-align:left;"
            + "font-weight:bold;padding:.3em 0}th,td{padding:.25em .5em;border:1px solid #ddd;text-align:left}"
            + "td.n,th.n{text-align:right;white-space:nowrap}thead th{background:#e8eef4}tr.total td,tr.total th"
            + "{font-weight:bold;background:#f4f4f4}.s{color:#777}.note{font-size:.85em;color:#555;margin:.2em 0 1em}"
            + "figure{margin:1em 0}figure svg{max-width:100%;height:auto}.marking{border:1px solid #ccc;padding:.5em;"
            + "color:#555}.internal{border:2px solid #b00020;color:#b00020;font-weight:bold}dt{font-weight:bold}"
            + "@media print{h2{break-before:page}}";

    static void write(Report r, Path file) {
        try {
            Files.writeString(file, render(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String render(Report r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!doctype html>\n<html lang=\"").append(Html.esc(r.lang())).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">")
                .append("<title>").append(Html.esc(r.title() + " — " + r.subtitle())).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        String markClass = r.internal() ? "marking internal" : "marking";
        b.append("<header><p class=\"").append(markClass).append("\">").append(Html.esc(r.marking())).append("</p>")
                .append("<h1>").append(Html.esc(r.title())).append("</h1><p><strong>").append(Html.esc(r.subtitle()))
                .append("</strong></p><ul>");
        for (String line : r.cover()) {
            b.append("<li>").append(Html.esc(line)).append("</li>");
        }
        b.append("</ul></header>\n<nav><ol>");
        for (Section s : r.sections()) {
            b.append("<li><a href=\"#").append(Html.esc(s.id())).append("\">").append(Html.esc(s.title())).append("</a></li>");
        }
        b.append("</ol></nav>\n<main>\n");
        for (Section s : r.sections()) {
            b.append("<section id=\"").append(Html.esc(s.id())).append("\"><h2>").append(Html.esc(s.title())).append("</h2>\n");
            boolean inList = false;
            for (Block block : s.blocks()) {
                if (block instanceof Text t && t.term() != null) {
                    if (!inList) {
                        b.append("<dl>");
                        inList = true;
                    }
                    b.append("<dt>").append(Html.esc(t.term())).append("</dt><dd>").append(Html.esc(t.text())).append("</dd>");
                    continue;
                }
                if (inList) {
                    b.append("</dl>\n");
                    inList = false;
                }
                if (block instanceof Text t) {
                    b.append("<p>").append(Html.esc(t.text())).append("</p>\n");
                } else if (block instanceof Table t) {
                    table(b, t);
                } else if (block instanceof Chart c) {
                    b.append("<figure role=\"img\" aria-label=\"").append(Html.esc(c.alt())).append("\"><figcaption>")
                            .append(Html.esc(c.title())).append("</figcaption>").append(Charts.svg(c)).append("</figure>\n");
                }
            }
            if (inList) {
                b.append("</dl>\n");
            }
            b.append("</section>\n");
        }
        b.append("</main><footer><p class=\"").append(markClass).append("\">").append(Html.esc(r.marking()))
                .append("</p></footer></body></html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, Table t) {
        b.append("<table id=\"").append(Html.esc(t.id())).append("\"><caption>").append(Html.esc(t.caption()))
                .append("</caption><thead><tr>");
        for (int i = 0; i < t.header().size(); i++) {
            b.append("<th scope=\"col\"").append(i == 0 ? "" : " class=\"n\"").append('>')
                    .append(Html.esc(t.header().get(i))).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            boolean total = t.totalRow() && r == t.rows().size() - 1;
            b.append(total ? "<tr class=\"total\">" : "<tr>");
            boolean first = true;
            for (Cell c : t.rows().get(r)) {
                String tag = first ? "th scope=\"row\"" : "td";
                String cls = (c.numeric() ? "n" : "") + (c.hidden() ? " s" : "");
                b.append('<').append(tag);
                if (!cls.isBlank()) {
                    b.append(" class=\"").append(cls.strip()).append('"');
                }
                b.append('>').append(Html.esc(c.text())).append("</").append(first ? "th" : "td").append('>');
                first = false;
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
        if (t.note() != null) {
            b.append("<p class=\"note\">").append(Html.esc(t.note())).append("</p>\n");
        }
    }
}
