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
import java.util.function.Function;
import java.util.regex.Pattern;
import org.talecamel.report.Charts;

/**
 * The completed runs that compare with each other (the same inputs, model, endpoint and settings that change
 * answers), oldest first, and their trend charts: accuracy and mean output tokens per method. A stopped run is no
 * point of a trend. The charts are drawn into {@code index.html} and kept as PNG files in {@code runs/trends/}, named
 * after the suite, files and model, so that each new run replaces its trend's charts.
 *
 * @param files the files of the newest run; empty for runs recorded before files were
 */
public record Trend(String suite, List<String> files, String model, boolean simulated, List<RunEntry> runs) {

    /** The charts of a trend, in the order they are shown. */
    public enum Kind {
        ACCURACY("accuracy", "Accuracy per method", "Accuracy", "accuracy (%)",
                m -> m.accuracy() == null ? null : 100 * m.accuracy()),
        TOKENS("tokens", "Mean output tokens per method", "Mean output tokens", "mean output tokens",
                m -> m.accuracy() == null ? null : m.meanOutputTokens());

        private final String fileSuffix;
        private final String caption;
        private final String titlePrefix;
        private final String yTitle;
        private final Function<RunEntry.MethodFigures, Double> figure;

        Kind(String fileSuffix, String caption, String titlePrefix, String yTitle,
             Function<RunEntry.MethodFigures, Double> figure) {
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
        files = List.copyOf(files);
        runs = List.copyOf(runs);
    }

    /** The trends of every group of comparable completed runs with at least two, in the order of their first run. */
    public static List<Trend> of(List<RunEntry> entries) {
        Map<String, List<RunEntry>> groups = new LinkedHashMap<>();
        for (RunEntry e : entries) {
            if (e.completed()) {
                groups.computeIfAbsent(e.group(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Trend> trends = new ArrayList<>();
        for (List<RunEntry> runs : groups.values()) {
            if (runs.size() >= 2) {
                RunEntry newest = runs.get(runs.size() - 1);
                trends.add(new Trend(newest.suite(), newest.files() == null ? List.of() : newest.files(),
                        newest.model(), newest.simulated(), runs));
            }
        }
        return trends;
    }

    /** True for a string that could name a chart file; nothing else is ever looked up in {@code trends/}. */
    public static boolean isChartFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches();
    }

    /** {@code inbox · gsm8k-style.jsonl on gpt-4o-mini (SIMULATED)}. */
    public String label() {
        return suite + (files.isEmpty() ? "" : " · " + String.join(", ", files)) + " on " + model
                + (simulated ? " (SIMULATED)" : "");
    }

    /** What the runs of this trend share: their comparison key (or, for older runs, their suite and model). */
    public String group() {
        return runs.get(0).group();
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
        String readable = (suite + "-" + String.join("-", files) + "-" + model + (simulated ? "-simulated" : ""))
                .toLowerCase(Locale.ROOT)
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
                    .findFirst().map(kind.figure).orElse(null)));
        }
        return Charts.trend(kind.titlePrefix + ": " + label(), kind.yTitle, series);
    }

    private String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(group().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
