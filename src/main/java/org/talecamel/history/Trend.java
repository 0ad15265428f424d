package org.talecamel.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.talecamel.report.Charts;

/**
 * The runs of one suite on one model (simulated or not), oldest first, and their trend charts: accuracy and mean
 * output tokens per method. The charts are drawn into {@code index.html} and kept as PNG files in
 * {@code runs/trends/}, named after the suite and model so that each new run replaces its suite's charts.
 */
public record Trend(String suite, String model, boolean simulated, List<RunEntry> runs) {

    /** The charts of a trend, in the order they are shown. */
    public enum Kind {
        ACCURACY("accuracy", "Accuracy per method", "Accuracy", "accuracy (%)", m -> 100 * m.accuracy()),
        TOKENS("tokens", "Mean output tokens per method", "Mean output tokens", "mean output tokens",
                RunEntry.MethodFigures::meanOutputTokens);

        private final String fileSuffix;
        private final String caption;
        private final String titlePrefix;
        private final String yTitle;
        private final ToDoubleFunction<RunEntry.MethodFigures> figure;

        Kind(String fileSuffix, String caption, String titlePrefix, String yTitle,
             ToDoubleFunction<RunEntry.MethodFigures> figure) {
            this.fileSuffix = fileSuffix;
            this.caption = caption;
            this.titlePrefix = titlePrefix;
            this.yTitle = yTitle;
            this.figure = figure;
        }

        public String caption() {
            return caption;
        }
    }

    /** The name of every chart file: lower-case letters, digits and dashes, then {@code .png}. */
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,120}\\.png");

    public Trend {
        runs = List.copyOf(runs);
    }

    /** The trends of every suite with at least two runs, in the order of their first run. */
    public static List<Trend> of(List<RunEntry> entries) {
        Map<String, List<RunEntry>> groups = new LinkedHashMap<>();
        for (RunEntry e : entries) {
            groups.computeIfAbsent(e.suite() + '\n' + e.model() + '\n' + e.simulated(), k -> new ArrayList<>()).add(e);
        }
        List<Trend> trends = new ArrayList<>();
        for (List<RunEntry> runs : groups.values()) {
            if (runs.size() >= 2) {
                RunEntry first = runs.get(0);
                trends.add(new Trend(first.suite(), first.model(), first.simulated(), runs));
            }
        }
        return trends;
    }

    /** True for a string that could name a chart file; nothing else is ever looked up in {@code trends/}. */
    public static boolean isChartFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches();
    }

    /** {@code inbox on gpt-4o-mini (SIMULATED)}. */
    public String label() {
        return suite + " on " + model + (simulated ? " (SIMULATED)" : "");
    }

    /** The newest run's id: changes whenever the charts are drawn again. */
    public String newestRunId() {
        return runs.get(runs.size() - 1).runId();
    }

    /**
     * The file of one chart: {@code inbox-gpt-4o-mini-simulated-1a2b3c4d-accuracy.png}. The readable part may be
     * shortened or shared by two suites; the hash of the exact suite and model keeps names apart.
     */
    public String fileName(Kind kind) {
        String readable = (suite + "-" + model + (simulated ? "-simulated" : "")).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (readable.length() > 80) {
            readable = readable.substring(0, 80).replaceAll("-+$", "");
        }
        String name = (readable.isEmpty() ? "" : readable + "-") + hash() + "-" + kind.fileSuffix + ".png";
        if (!isChartFileName(name)) {
            throw new IllegalStateException("not a chart file name: " + name);
        }
        return name;
    }

    /** Draws one chart as PNG. */
    public byte[] draw(Kind kind) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (RunEntry run : runs) {
            for (RunEntry.MethodFigures m : run.methods()) {
                series.computeIfAbsent(m.method(), k -> new ArrayList<>());
            }
        }
        for (RunEntry run : runs) {
            series.forEach((method, values) -> values.add(run.methods().stream().filter(m -> m.method().equals(method))
                    .findFirst().map(kind.figure::applyAsDouble).orElse(null)));
        }
        return Charts.trend(kind.titlePrefix + ": " + label(), kind.yTitle, series);
    }

    private String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((suite + '\n' + model + '\n' + simulated).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
