package org.maraude.dashboards;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Renders the static HTML dashboards from a published DuckDB warehouse (read only). Pages are
 * self-contained: charts are inline SVG drawn by JFreeChart, no external resource is loaded.
 */
public final class Dashboards {
    private Dashboards() {}

    /** Options: page language ({@code fr} default, or {@code en}) and the small-cell threshold k. */
    public record Options(String lang, int k) {
        public static Options defaults() {
            return new Options("fr", 11);
        }
    }

    /** Writes the pages into {@code outDir} and returns the index page. */
    public static Path render(Path warehouse, Path outDir, Options options) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), readOnly())) {
            Files.createDirectories(outDir);
            long[] f = funnel(c);
            String runId = scalar(c, "SELECT max(run_id) FROM youth_journey");
            boolean fr = !"en".equals(options.lang());
            String[] labels = fr ? new String[] {"Entrés en contact", "dont inconnus du SPE", "Accompagnés", "Orientés",
                "Orientation confirmée"} : new String[] {"Contacted", "of whom previously unknown", "Accompanied",
                "Handed off", "Confirmed"};
            DefaultCategoryDataset ds = new DefaultCategoryDataset();
            String series = fr ? "Jeunes" : "Young people";
            for (int i = 0; i < labels.length; i++) {
                ds.addValue(f[i], series, labels[i]);
            }
            String title = fr ? "Entonnoir du programme" : "Programme funnel";
            JFreeChart chart = ChartFactory.createBarChart(title, null, fr ? "jeunes (nombre)" : "young people (count)",
                    ds, PlotOrientation.HORIZONTAL, false, false, false);
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            chart.setBackgroundPaint(Color.WHITE);
            ((BarRenderer) chart.getCategoryPlot().getRenderer()).setSeriesPaint(0, new Color(0x00, 0x72, 0xB2));
            SVGGraphics2D g = new SVGGraphics2D(720, 320);
            chart.draw(g, new java.awt.Rectangle(0, 0, 720, 320));
            NumberFormat nf = NumberFormat.getIntegerInstance(Locale.FRANCE);
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < labels.length; i++) {
                rows.append("<tr><th scope=\"row\">").append(Html.esc(labels[i])).append("</th><td>")
                        .append(Html.esc(nf.format(f[i]))).append("</td></tr>\n");
            }
            String alt = title + ": " + String.join(", ", java.util.stream.IntStream.range(0, labels.length)
                    .mapToObj(i -> labels[i] + " " + nf.format(f[i])).toList());
            String html = "<!doctype html>\n<html lang=\"" + (fr ? "fr" : "en") + "\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>maraude — " + Html.esc(title) + "</title>"
                    + "<style>body{font-family:sans-serif;max-width:960px;margin:auto;padding:1em}"
                    + "figure svg{max-width:100%;height:auto}table{border-collapse:collapse}"
                    + "td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left}td{text-align:right}</style>"
                    + "</head><body><h1>" + Html.esc(title) + "</h1>"
                    + "<p>" + (fr ? "Exécution " : "Run ") + "<code>" + Html.esc(runId) + "</code></p>"
                    + "<figure role=\"img\" aria-label=\"" + Html.esc(alt) + "\">" + g.getSVGElement() + "</figure>"
                    + "<table><caption>" + Html.esc(title) + "</caption>" + rows + "</table>"
                    + "</body></html>\n";
            Path index = outDir.resolve("index.html");
            Files.writeString(index, html, StandardCharsets.UTF_8);
            return index;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the warehouse " + warehouse + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static java.util.Properties readOnly() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        return p;
    }

    private static long[] funnel(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT coalesce(sum(contacted),0), coalesce(sum(contacted_unknown),0), coalesce(sum(accompanied),0), "
                        + "coalesce(sum(handed_off),0), coalesce(sum(handoff_confirmed),0) FROM funnel_monthly_programme")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)};
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
