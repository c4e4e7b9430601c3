package org.maraude.dashboards;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.text.NumberFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * JFreeChart → inline SVG (JFreeSVG), with the house style: Okabe–Ito colours (readable with
 * every common colour-vision deficiency), a title, axis labels with units, the source line at the
 * bottom, and numbers in the page's locale. Every chart gets its own id so the clip paths of
 * several SVGs in one page never clash.
 *
 * <p>Public so that the notebooks ({@code notebooks-java}) draw with the same style: they take
 * the {@link JFreeChart} from {@link #barChart} or {@link #lineChart} and render it as PNG.
 */
public final class Charts {
    private Charts() {}

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Okabe & Ito (2008), "Color Universal Design": blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black. */
    static final Color[] OKABE_ITO = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)};

    public static final int WIDTH = 760;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xD0D0D0);

    /**
     * One series of a category chart: a value per category (null = no point) and, optionally, the
     * text written at each bar (e.g. "< 11" on a hidden bar drawn at 0).
     */
    public record Series(String name, Double[] values, String[] labels) {}

    /** What every chart carries. */
    public record Frame(String id, String title, String source, NumberFormat valueFormat) {}

    /** Bars per category; horizontal suits long labels (projects, creatives, départements). */
    static String bars(Frame f, String valueAxis, List<String> categories, List<Series> series, boolean horizontal) {
        return draw(barChart(f, valueAxis, categories, series, horizontal), f.id(),
                barHeight(categories.size(), series.size(), horizontal));
    }

    /** The height in pixels that {@link #bars} gives a bar chart of that many categories and series. */
    public static int barHeight(int categories, int series, boolean horizontal) {
        int rowsHigh = horizontal ? categories * Math.max(1, series) : 0;
        return horizontal ? Math.max(240, 130 + categories * 10 + rowsHigh * 20) : 380;
    }

    /** The chart of {@link #bars}, to be drawn by the caller. */
    public static JFreeChart barChart(Frame f, String valueAxis, List<String> categories, List<Series> series,
            boolean horizontal) {
        DefaultCategoryDataset ds = dataset(categories, series);
        CategoryAxis cat = new CategoryAxis(null);
        NumberAxis val = valueAxis(valueAxis, f, series, 1.2);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.04);
        r.setMaximumBarWidth(0.12);
        labels(r, series);
        if (horizontal) {
            r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
            r.setMaximumBarWidth(1.0);
            cat.setMaximumCategoryLabelWidthRatio(0.38f);
        } else {
            r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
            if (categories.size() > 8) {
                cat.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
        }
        paint(r, series.size());
        CategoryPlot plot = new CategoryPlot(ds, cat, val, r);
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        if (horizontal) {
            plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        }
        return chart(f, plot, series.size() > 1);
    }

    /** Lines across ordered categories (months, days since contact); a null value leaves a gap. */
    static String lines(Frame f, String categoryAxis, String valueAxis, List<String> categories, List<Series> series) {
        return draw(lineChart(f, categoryAxis, valueAxis, categories, series), f.id(), 380);
    }

    /** The chart of {@link #lines}, to be drawn by the caller (380 pixels high on the pages). */
    public static JFreeChart lineChart(Frame f, String categoryAxis, String valueAxis, List<String> categories,
            List<Series> series) {
        DefaultCategoryDataset ds = dataset(categories, series);
        CategoryAxis cat = new CategoryAxis(categoryAxis);
        if (categories.size() > 10) {
            cat.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis val = valueAxis(valueAxis, f, series, 1.08);
        // markers help on short series; on long ones they only weigh down the page
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, categories.size() <= 14);
        r.setDrawOutlines(false);
        paint(r, series.size());
        for (int i = 0; i < series.size(); i++) {
            // dashes as well as colours, for readers who cannot tell the hues apart or print in grey
            float[] dash = i % 3 == 0 ? null : i % 3 == 1 ? new float[] {6f, 3f} : new float[] {2f, 3f};
            r.setSeriesStroke(i, dash == null ? new BasicStroke(2.2f)
                    : new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        }
        CategoryPlot plot = new CategoryPlot(ds, cat, val, r);
        return chart(f, plot, series.size() > 1);
    }

    /**
     * A grid of values (rows × columns, NaN = no data, left grey), coloured from white to blue: a
     * single-hue scale that reads the same with any colour vision and in grey print.
     */
    static String heatmap(Frame f, String xAxis, List<String> rowLabels, int columns, double[][] values, double max,
            String legend) {
        int n = 0;
        for (double[] row : values) {
            for (double v : row) {
                n += Double.isNaN(v) ? 0 : 1;
            }
        }
        double[][] xyz = new double[3][n];
        int i = 0;
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[y].length; x++) {
                if (!Double.isNaN(values[y][x])) {
                    xyz[0][i] = x;
                    xyz[1][i] = y;
                    xyz[2][i++] = values[y][x];
                }
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("values", xyz);
        NumberAxis x = new NumberAxis(xAxis);
        x.setRange(-0.5, columns - 0.5);
        x.setTickUnit(new NumberTickUnit(2));
        x.setNumberFormatOverride(NumberFormat.getIntegerInstance());
        SymbolAxis y = new SymbolAxis(null, rowLabels.toArray(new String[0]));
        y.setRange(-0.5, rowLabels.size() - 0.5);
        y.setInverted(true);
        y.setGridBandsVisible(false);
        XYBlockRenderer r = new XYBlockRenderer();
        Blues scale = new Blues(max);
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(ds, x, y, r);
        plot.setBackgroundPaint(new Color(0xEEEEEE));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = chart(f, plot, false);
        NumberAxis scaleAxis = new NumberAxis(legend);
        scaleAxis.setRange(0, max);
        scaleAxis.setNumberFormatOverride(f.valueFormat());
        scaleAxis.setTickLabelFont(SMALL);
        scaleAxis.setLabelFont(SMALL);
        PaintScaleLegend psl = new PaintScaleLegend(scale, scaleAxis);
        psl.setPosition(RectangleEdge.BOTTOM);
        psl.setMargin(new RectangleInsets(4, 60, 4, 60));
        psl.setStripWidth(12);
        chart.addSubtitle(psl);
        return draw(chart, f.id(), 70 + rowLabels.size() * 34 + 150);
    }

    /**
     * A value axis from 0 to a little above the largest value (room for the bar labels); with
     * nothing to draw (all hidden or zero) it still reads 0–1 rather than a degenerate range.
     */
    private static NumberAxis valueAxis(String label, Frame f, List<Series> series, double headroom) {
        NumberAxis a = new NumberAxis(label);
        a.setNumberFormatOverride(f.valueFormat());
        double max = 0;
        boolean integers = true;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    max = Math.max(max, v);
                    integers &= v == Math.rint(v);
                }
            }
        }
        boolean percent = f.valueFormat() instanceof java.text.DecimalFormat d && d.toPattern().contains("%");
        if (integers && max >= 1 && !percent) {
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        a.setRange(0, max <= 0 ? 1 : max * headroom);
        return a;
    }

    /** White to Okabe–Ito blue, linear on [0, max]. */
    private record Blues(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double v) {
            double t = max <= 0 ? 0 : Math.max(0, Math.min(1, v / max));
            Color hi = new Color(0x08306B);
            return new Color((int) Math.round(255 + t * (hi.getRed() - 255)), (int) Math.round(255 + t * (hi.getGreen() - 255)),
                    (int) Math.round(255 + t * (hi.getBlue() - 255)));
        }
    }

    private static DefaultCategoryDataset dataset(List<String> categories, List<Series> series) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<String> cats = unique(categories);
        for (Series s : series) {
            for (int c = 0; c < cats.size(); c++) {
                ds.addValue(s.values()[c], s.name(), cats.get(c));
            }
        }
        return ds;
    }

    /** Category keys must be unique; two labels that read the same get invisible distinct suffixes. */
    private static List<String> unique(List<String> categories) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> out = new java.util.ArrayList<>();
        for (String c : categories) {
            String s = shorten(c == null ? "—" : c);
            while (!seen.add(s)) {
                s = s + "\u200B";
            }
            out.add(s);
        }
        return out;
    }

    static String shorten(String s) {
        return s.length() <= 42 ? s : s.substring(0, 41) + "…";
    }

    private static void labels(BarRenderer r, List<Series> series) {
        r.setDefaultItemLabelGenerator(new CategoryItemLabelGenerator() {
            @Override
            public String generateRowLabel(CategoryDataset d, int row) {
                return String.valueOf(d.getRowKey(row));
            }

            @Override
            public String generateColumnLabel(CategoryDataset d, int column) {
                return String.valueOf(d.getColumnKey(column));
            }

            @Override
            public String generateLabel(CategoryDataset d, int row, int column) {
                String[] l = series.get(row).labels();
                return l == null ? null : l[column];
            }
        });
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(SMALL);
        r.setDefaultItemLabelPaint(Color.DARK_GRAY);
    }

    private static void paint(org.jfree.chart.renderer.category.AbstractCategoryItemRenderer r, int n) {
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, OKABE_ITO[i % OKABE_ITO.length]);
        }
    }

    private static JFreeChart chart(Frame f, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(f.title(), TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 18));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(GRID);
            cp.setRangeGridlineStroke(new BasicStroke(0.6f));
            cp.getDomainAxis().setTickLabelFont(LABEL);
            cp.getRangeAxis().setTickLabelFont(SMALL);
            cp.getRangeAxis().setLabelFont(LABEL);
            if (cp.getDomainAxis().getLabel() != null) {
                cp.getDomainAxis().setLabelFont(LABEL);
            }
        }
        if (legend) {
            LegendTitle lt = chart.getLegend();
            lt.setItemFont(LABEL);
            lt.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            lt.setPosition(RectangleEdge.TOP);
        }
        TextTitle src = new TextTitle(f.source(), SMALL, Color.DARK_GRAY, RectangleEdge.BOTTOM, HorizontalAlignment.RIGHT,
                VerticalAlignment.BOTTOM, new RectangleInsets(6, 4, 2, 4));
        chart.addSubtitle(src);
        return chart;
    }

    private static String draw(JFreeChart chart, String id, int height) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        g.setDefsKeyPrefix("c-" + id + "-");
        // a tenth of a pixel is plenty on screen and in print; full doubles make the pages several times larger
        g.setGeomDoubleConverter(v -> decimals(v, 1));
        g.setTransformDoubleConverter(v -> decimals(v, 4));
        chart.draw(g, new Rectangle(0, 0, WIDTH, height));
        return g.getSVGElement("svg-" + id, true, new ViewBox(0, 0, WIDTH, height), null, null);
    }

    static String decimals(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        String s = java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * Gives the SVG its text alternative: role="img" with an aria-label (the chart's data as
     * words) and a {@code <title>}; screen readers read those instead of hundreds of shapes.
     */
    static String accessible(String svg, String ariaLabel, String title) {
        int start = svg.indexOf("<svg");
        int end = svg.indexOf('>', start);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("not an SVG element");
        }
        // inline SVG in HTML needs no namespace declarations: dropping them leaves no URL at all in the page
        String tag = svg.substring(start + 4, end + 1).replaceAll(" xmlns(?::[a-z]+)?=(['\"])[^'\"]*\\1", "");
        return svg.substring(0, start + 4) + " role=\"img\" aria-label=\"" + Html.esc(ariaLabel) + "\"" + tag + "<title>" + Html.esc(title) + "</title>"
                + svg.substring(end + 1);
    }
}
