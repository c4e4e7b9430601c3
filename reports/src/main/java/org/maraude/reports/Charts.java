package org.maraude.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.maraude.reports.Report.Chart;

/** Draws a {@link Chart} with JFreeChart onto any Graphics2D: the PDF's (vectors) or an SVG document. */
final class Charts {
    private Charts() {}

    static final int WIDTH = 480;
    static final int HEIGHT = 220;
    private static final Color BLUE = new Color(0x00, 0x72, 0xB2);

    static JFreeChart chart(Chart c) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < c.categories().size(); i++) {
            // a null value draws nothing: hidden counts never reach the picture
            ds.addValue(c.values().get(i), "s", c.categories().get(i));
        }
        JFreeChart chart = c.kind() == Chart.Kind.LINE
                ? ChartFactory.createLineChart(null, null, c.valueAxis(), ds, PlotOrientation.VERTICAL, false, false, false)
                : ChartFactory.createBarChart(null, null, c.valueAxis(), ds, PlotOrientation.HORIZONTAL, false, false,
                        false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlineVisible(false);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
        CategoryAxis x = plot.getDomainAxis();
        x.setTickLabelFont(font);
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setTickLabelFont(font);
        y.setLabelFont(font);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (c.kind() == Chart.Kind.LINE) {
            LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
            r.setSeriesPaint(0, BLUE);
            r.setSeriesStroke(0, new BasicStroke(2f));
            r.setDefaultShapesVisible(true);
            if (c.categories().size() > 6) {
                x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
            y.setStandardTickUnits(NumberAxis.createStandardTickUnits());
            y.setAutoRangeIncludesZero(true);
        } else {
            BarRenderer r = (BarRenderer) plot.getRenderer();
            r.setSeriesPaint(0, BLUE);
            r.setBarPainter(new StandardBarPainter());
            r.setShadowVisible(false);
            r.setMaximumBarWidth(0.12);
            plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        }
        return chart;
    }

    static void draw(Chart c, Graphics2D g, double width, double height) {
        chart(c).draw(g, new Rectangle2D.Double(0, 0, width, height));
    }

    /** The chart as an inline SVG element (no external resource). */
    static String svg(Chart c) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        draw(c, g, WIDTH, HEIGHT);
        return g.getSVGElement();
    }
}
