package org.talecamel.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.talecamel.run.ElasticityPoint;
import org.talecamel.run.RunSummary;
import org.talecamel.run.SearchPoint;

/** The report's charts, drawn with XChart as PNG images embedded in the HTML (no scripts, nothing fetched). */
public final class Charts {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** Every chart the run has data for, in report order. */
    public static List<HtmlReport.Chart> of(RunSummary run) {
        List<HtmlReport.Chart> charts = new ArrayList<>();
        Map<String, int[]> distributions = new LinkedHashMap<>();
        run.tokenDistributions().forEach((method, tokens) -> {
            if (tokens.length > 0) {
                distributions.put(method, tokens);
            }
        });
        if (!distributions.isEmpty()) {
            charts.add(new HtmlReport.Chart("Output tokens per problem, by method", dataUri(tokenDistribution(distributions))));
        }
        if (!run.elasticity().isEmpty()) {
            charts.add(new HtmlReport.Chart("Token elasticity: budget asked for against output tokens and accuracy",
                    dataUri(elasticity(run.elasticity()))));
        }
        if (!run.walk().isEmpty()) {
            charts.add(new HtmlReport.Chart("Elasticity walk (the paper's Figure 2): halving the budget from the CoT"
                    + " length while answers stay right", dataUri(walk(run.walk()))));
        }
        if (!run.search().isEmpty()) {
            charts.add(new HtmlReport.Chart("Optimal budget found by search against the problem's CoT tokens",
                    dataUri(search(run.search()))));
        }
        return charts;
    }

    /** Box plots of output tokens per problem, one per method. */
    static byte[] tokenDistribution(Map<String, int[]> tokensByMethod) {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title("Output tokens per problem")
                .yAxisTitle("output tokens").build();
        style(chart.getStyler());
        tokensByMethod.forEach((method, tokens) -> {
            double[] values = new double[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                values[i] = tokens[i];
            }
            chart.addSeries(method, values);
        });
        return png(chart);
    }

    /** Per data set: mean output tokens (left axis) and accuracy (right axis) against the mean budget (log scale). */
    static byte[] elasticity(List<ElasticityPoint> points) {
        XYChart chart = budgetChart("Token elasticity");
        chart.setYAxisGroupTitle(1, "accuracy (%)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        byDataset(points).forEach((dataset, sorted) -> {
            List<Double> budgets = sorted.stream().map(ElasticityPoint::meanBudget).toList();
            chart.addSeries(dataset + ": output tokens", budgets,
                    sorted.stream().map(ElasticityPoint::meanOutputTokens).toList());
            XYSeries accuracy = chart.addSeries(dataset + ": accuracy", budgets,
                    sorted.stream().map(p -> 100 * p.accuracy()).toList());
            accuracy.setYAxisGroup(1);
            accuracy.setMarker(SeriesMarkers.DIAMOND);
        });
        return png(chart);
    }

    /** Per data set: mean output tokens against the mean budget of each step of the walk (every step answered right). */
    static byte[] walk(List<ElasticityPoint> points) {
        XYChart chart = budgetChart("Elasticity walk");
        byDataset(points).forEach((dataset, sorted) -> chart.addSeries(dataset + ": output tokens",
                sorted.stream().map(ElasticityPoint::meanBudget).toList(),
                sorted.stream().map(ElasticityPoint::meanOutputTokens).toList()));
        return png(chart);
    }

    private static XYChart budgetChart(String title) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("token budget (log scale)").yAxisTitle("mean output tokens").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /** The points with a budget, per data set, from the smallest budget up. */
    private static Map<String, List<ElasticityPoint>> byDataset(List<ElasticityPoint> points) {
        Map<String, List<ElasticityPoint>> byDataset = new LinkedHashMap<>();
        for (ElasticityPoint point : points) {
            if (point.meanBudget() > 0) {
                byDataset.computeIfAbsent(point.dataset(), d -> new ArrayList<>()).add(point);
            }
        }
        byDataset.replaceAll((dataset, series) -> series.stream()
                .sorted((a, b) -> Double.compare(a.meanBudget(), b.meanBudget())).toList());
        return byDataset;
    }

    /** Each searched problem: its optimal budget against its CoT tokens, with the line budget = CoT tokens. */
    static byte[] search(List<SearchPoint> points) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Optimal budget against CoT tokens")
                .xAxisTitle("vanilla CoT output tokens").yAxisTitle("optimal budget").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        Map<String, List<SearchPoint>> byDataset = new LinkedHashMap<>();
        for (SearchPoint point : points) {
            byDataset.computeIfAbsent(point.dataset(), d -> new ArrayList<>()).add(point);
        }
        byDataset.forEach((dataset, series) -> chart.addSeries(dataset,
                series.stream().map(p -> (double) p.cotTokens()).toList(),
                series.stream().map(p -> (double) p.optimalBudget()).toList()));
        double max = points.stream().mapToInt(SearchPoint::cotTokens).max().orElse(1);
        XYSeries diagonal = chart.addSeries("budget = CoT tokens", new double[] {0, max}, new double[] {0, max});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        return png(chart);
    }

    /**
     * A trend over runs: one line per series (a method), x = the run's place in the suite's history (1 = oldest).
     * {@code null} values (a method missing from a run) leave a gap.
     */
    public static byte[] trend(String title, String yTitle, java.util.Map<String, List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("run (oldest first)")
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        series.forEach((name, values) -> {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    xs.add((double) (i + 1));
                    ys.add(values.get(i));
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(name, xs, ys);
            }
        });
        return png(chart);
    }

    public static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotBorderVisible(false);
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }
}
