package org.maraude.notebooks;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.maraude.dashboards.Charts;
import org.maraude.dashboards.Format;

/**
 * Charts of a {@link Table} in the dashboards' house style ({@link Charts}: Okabe–Ito colours,
 * title, axis labels, the source line), drawn as images to pass to {@code display(...)}.
 *
 * <pre>{@code
 * display(Chart.bar("Contacted by channel", t, "platform", "contacted"));
 * display(Chart.line("Contacted per month", t, "month", "contacted", "contacted_unknown"));
 * }</pre>
 *
 * Value columns whose names end in {@code share} or {@code rate} are read as shares (0..1) and
 * drawn on a percentage axis. Bars turn horizontal when there are many categories or long labels.
 */
public final class Chart {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Format FORMAT = Format.of(false);

    private Chart() {}

    /** One bar per row: {@code category} labels the bars, each value column is a series. */
    public static Image bar(String title, Table t, String category, String... values) {
        List<String> cats = labels(t, category);
        List<Charts.Series> series = series(t, values, true);
        boolean horizontal = cats.size() > 8 || cats.stream().anyMatch(c -> c != null && c.length() > 14);
        JFreeChart chart = Charts.barChart(frame(title, t, values), axis(values), cats, series, horizontal);
        return new Image(chart, Charts.WIDTH, Charts.barHeight(cats.size(), series.size(), horizontal));
    }

    /** Bars of any query: the first column labels the bars, every other numeric column is a series. */
    public static Image bar(String title, Table t) {
        return bar(title, t, t.columns().get(0), numericColumns(t));
    }

    /** Lines of any query: the first column is the x axis, every other numeric column is a line. */
    public static Image line(String title, Table t) {
        return line(title, t, t.columns().get(0), numericColumns(t));
    }

    private static String[] numericColumns(Table t) {
        List<String> out = new ArrayList<>();
        for (String c : t.columns().subList(1, t.columns().size())) {
            boolean numeric = true;
            for (Object v : t.column(c)) {
                numeric &= v == null || v instanceof Number;
            }
            if (numeric) {
                out.add(c);
            }
        }
        return out.toArray(new String[0]);
    }

    /** One line per value column across the rows, in their order ({@code x}: months, days…). */
    public static Image line(String title, Table t, String x, String... values) {
        JFreeChart chart = Charts.lineChart(frame(title, t, values), x, axis(values), labels(t, x), series(t, values, false));
        return new Image(chart, Charts.WIDTH, 380);
    }

    private static Charts.Frame frame(String title, Table t, String[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("name at least one value column (columns: " + String.join(", ", t.columns()) + ")");
        }
        NumberFormat f = shares(values) ? FORMAT.axisPercent() : FORMAT.axisFormat();
        return new Charts.Frame("nb", title, t.source() == null ? "" : t.source(), f);
    }

    private static String axis(String[] values) {
        return values.length == 1 ? values[0] : null;
    }

    private static boolean shares(String[] values) {
        for (String v : values) {
            String l = v.toLowerCase(Locale.ROOT);
            if (!(l.endsWith("share") || l.endsWith("rate"))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> labels(Table t, String column) {
        List<String> out = new ArrayList<>();
        for (String s : t.strings(column)) {
            out.add(s == null ? "—" : s);
        }
        return out;
    }

    private static List<Charts.Series> series(Table t, String[] values, boolean withLabels) {
        boolean pct = shares(values);
        List<Charts.Series> out = new ArrayList<>();
        for (String v : values) {
            double[] d = t.doubles(v);
            Double[] boxed = new Double[d.length];
            String[] labels = new String[d.length];
            for (int i = 0; i < d.length; i++) {
                boxed[i] = Double.isNaN(d[i]) ? null : d[i];
                labels[i] = boxed[i] == null ? null : pct ? FORMAT.percent(d[i]) : FORMAT.number(d[i], 1);
            }
            out.add(new Charts.Series(v, boxed, withLabels && d.length <= 30 ? labels : null));
        }
        return out;
    }

    /** A drawn chart: an image for {@code display(...)}, and the JFreeChart it was drawn from. */
    public static final class Image extends BufferedImage {
        private final JFreeChart chart;

        Image(JFreeChart chart, int width, int height) {
            super(width, height, BufferedImage.TYPE_INT_RGB);
            this.chart = chart;
            Graphics2D g = createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                g.dispose();
            }
        }

        public JFreeChart chart() {
            return chart;
        }

        /** The image as PNG bytes. */
        public byte[] png() {
            return Display.png(this);
        }

        @Override
        public String toString() {
            return "chart \"" + chart.getTitle().getText() + "\" (" + getWidth() + "×" + getHeight() + ")";
        }
    }
}
