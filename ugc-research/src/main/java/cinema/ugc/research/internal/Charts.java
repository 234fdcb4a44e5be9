package cinema.ugc.research.internal;

import cinema.ugc.research.BenchResults;
import cinema.ugc.research.BenchResults.QueryResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's PNG charts, drawn with JFreeChart from the measured results (nothing typed in by hand). */
public final class Charts {
    public static final String LOAD = "load-rate.png";
    public static final String QUERIES = "queries-idle.png";
    public static final String UNDER_LOAD = "queries-under-load.png";
    public static final String FOOTPRINT = "disk-footprint.png";
    private static final Color[] COLORS = {new Color(0xE6A100), new Color(0x336791), new Color(0x2E8B57), Color.GRAY};

    private Charts() {}

    /** Writes every chart into {@code dir}; returns file name → title. */
    public static Map<String, String> write(BenchResults results, Path dir) {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> written = new LinkedHashMap<>();
        save(loadRate(results), dir, LOAD, written);
        save(queries(results.queries()), dir, QUERIES, written);
        save(slowdown(results.queries()), dir, UNDER_LOAD, written);
        save(footprint(results), dir, FOOTPRINT, written);
        return written;
    }

    private static JFreeChart loadRate(BenchResults results) {
        var data = new DefaultCategoryDataset();
        results.loads()
                .forEach(l -> data.addValue(l.rowsPerSecond().p50(), l.store(), String.format("%,d", l.batchSize())));
        JFreeChart chart = ChartFactory.createLineChart(
                "Bulk load rate by batch size (p50 of repeats)",
                "batch size",
                "rows/s (log scale)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxis(logAxis("rows/s (log scale)"));
        var renderer = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        return style(chart);
    }

    private static JFreeChart queries(List<QueryResult> queries) {
        var data = new DefaultCategoryDataset();
        queries.stream()
                .filter(q -> q.phase().equals("idle"))
                .forEach(q -> data.addValue(q.millis().p50(), q.store(), q.query()));
        JFreeChart chart = ChartFactory.createBarChart(
                "Query latency, idle (p50 of repeats)",
                "query",
                "milliseconds (log scale)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        chart.getCategoryPlot().setRangeAxis(logAxis("milliseconds (log scale)"));
        logBars(chart, minimum(data) / 2);
        return style(chart);
    }

    private static JFreeChart slowdown(List<QueryResult> queries) {
        Map<String, Double> idle = new LinkedHashMap<>();
        queries.stream()
                .filter(q -> q.phase().equals("idle"))
                .forEach(q -> idle.put(q.store() + "/" + q.query(), q.millis().p50()));
        var data = new DefaultCategoryDataset();
        queries.stream()
                .filter(q -> q.phase().equals("under_load"))
                .forEach(q ->
                        data.addValue(q.millis().p50() / idle.get(q.store() + "/" + q.query()), q.store(), q.query()));
        JFreeChart chart = ChartFactory.createBarChart(
                "Reads under a steady writer: p50 ÷ idle p50",
                "query",
                "slowdown (× idle)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        logBars(chart, 0);
        return style(chart);
    }

    private static JFreeChart footprint(BenchResults results) {
        var data = new DefaultCategoryDataset();
        results.footprints().forEach(f -> data.addValue(f.bytesPerRow(), f.store(), "bytes per row"));
        JFreeChart chart = ChartFactory.createBarChart(
                String.format(
                        "Disk footprint after loading %,d rows",
                        results.environment().rows()),
                "",
                "bytes per row",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        logBars(chart, 0);
        return style(chart);
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setSmallestValue(1e-3);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per power of ten
        axis.setAutoRange(true);
        return axis;
    }

    /** Plain flat bars; on a log axis they grow from {@code base} instead of zero (log 0 does not exist). */
    private static void logBars(JFreeChart chart, double base) {
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        if (base > 0) {
            renderer.setBase(base);
            renderer.setIncludeBaseInRange(false);
        }
        for (int i = 0; i < COLORS.length; i++) {
            renderer.setSeriesPaint(i, COLORS[i]);
        }
    }

    private static double minimum(DefaultCategoryDataset data) {
        double min = Double.MAX_VALUE;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number v = data.getValue(r, c);
                if (v != null && v.doubleValue() > 0) {
                    min = Math.min(min, v.doubleValue());
                }
            }
        }
        return min == Double.MAX_VALUE ? 0.01 : min;
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart;
    }

    private static void save(JFreeChart chart, Path dir, String name, Map<String, String> written) {
        try {
            ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, 1000, 560);
            written.put(name, chart.getTitle().getText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + name, e);
        }
    }
}
