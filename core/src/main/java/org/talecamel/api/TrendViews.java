package org.talecamel.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.talecamel.history.RunHistory;
import org.talecamel.history.Trend;

/**
 * The run history's trend charts as the API shows them: per suite and model, links to the PNG files the history
 * draws when it records a run. Only a chart file's name, checked against the form of those names, is ever looked up.
 */
public final class TrendViews {

    /**
     * One suite's trend.
     *
     * @param runs        its runs in the history
     * @param newestRunId its newest run: when this changes, the charts have been drawn again
     */
    public record TrendView(String suite, List<String> files, String model, boolean simulated, String label, int runs,
                            String newestRunId,
                            List<ChartLink> charts) {
    }

    /** One chart: what it shows, and its API path. */
    public record ChartLink(String title, String href) {
    }

    private final Path runsFolder;

    public TrendViews(Path runsFolder) {
        this.runsFolder = runsFolder;
    }

    /** Every suite with two runs or more, with the charts that have been drawn for it. */
    public List<TrendView> list() {
        RunHistory history = new RunHistory(runsFolder);
        List<TrendView> views = new ArrayList<>();
        for (Trend trend : history.trends()) {
            List<ChartLink> charts = new ArrayList<>();
            for (Trend.Kind kind : Trend.Kind.values()) {
                String file = trend.fileName(kind);
                if (history.trendChart(file).isPresent()) {
                    charts.add(new ChartLink(kind.caption(), "/api/trends/" + file));
                }
            }
            if (!charts.isEmpty()) {
                views.add(new TrendView(trend.suite(), trend.files(), trend.model(), trend.simulated(), trend.label(),
                        trend.runs().size(), trend.newestRunId(), charts));
            }
        }
        return views;
    }

    /** A chart's PNG file. */
    public Path chart(String fileName) {
        return new RunHistory(runsFolder).trendChart(fileName).orElseThrow(() -> ApiError.notFound("no trend chart '"
                + fileName + "': GET /api/trends lists them (a trend has charts once two completed runs compare: the same files, model and settings)"));
    }
}
