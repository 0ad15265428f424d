package org.talecamel.history;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.RunSummary;

/**
 * Every run in {@code data-out/runs/}: {@code index.json} (an entry per run and model: a run of two models has two,
 * each of which compares and trends with the same model's entries), the {@code index.html} page with trends per suite, the
 * trend charts as PNG files in {@code trends/}, and {@code latest}, a file naming the run that ended last (completed or
 * stopped: a pipeline publishes that run's files, and deletes {@code latest} before it starts the next). Files are
 * replaced atomically.
 */
public final class RunHistory {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Comparator<RunEntry> ORDER = Comparator.comparing(RunEntry::startedAt)
            .thenComparing(RunEntry::runId); // a stable sort: a run's entries stay in its models' configured order

    private static final String TRENDS = "trends";

    private final Path runs;

    public RunHistory(Path runs) {
        this.runs = runs;
    }

    /** The runs recorded so far, oldest first. */
    public List<RunEntry> entries() {
        Path index = runs.resolve("index.json");
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        try {
            return JSON.readValue(index.toFile(), new TypeReference<List<RunEntry>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run history " + index + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest completed run that compares with a run of this key: over the same inputs, with the same model,
     * endpoint and settings that change answers. A stopped run is never a baseline.
     */
    public Optional<RunEntry> previous(String comparisonKey) {
        return entries().stream().filter(e -> e.comparableWith(comparisonKey)).max(ORDER);
    }

    /** The trends of every suite with two runs or more, as of the last recorded run. */
    public List<Trend> trends() {
        return Trend.of(entries());
    }

    /** A trend chart's PNG file, when the name is one of a chart and the file has been drawn. */
    public Optional<Path> trendChart(String fileName) {
        if (!Trend.isChartFileName(fileName)) {
            return Optional.empty();
        }
        Path chart = runs.resolve(TRENDS).resolve(fileName);
        return Files.isRegularFile(chart) ? Optional.of(chart) : Optional.empty();
    }

    /**
     * Adds (or replaces) a finished run whose reports are written, an entry per model, then rewrites the index page
     * and {@code latest}.
     */
    public List<RunEntry> record(RunSummary summary, String suite, List<GateVerdict> gates) {
        List<RunEntry> added = entriesOf(summary, suite, gates);
        List<RunEntry> entries = new ArrayList<>(entries());
        entries.removeIf(e -> e.runId().equals(summary.runId()));
        entries.addAll(added);
        entries.sort(ORDER);
        try {
            Files.createDirectories(runs);
            // index.json last: whoever finds a run in it finds its trend charts and index.html up to date
            List<Trend> trends = Trend.of(entries);
            Map<String, byte[]> charts = new HashMap<>();
            for (Trend trend : trends) {
                for (Trend.Kind kind : Trend.Kind.values()) {
                    charts.put(trend.fileName(kind), trend.draw(kind));
                }
            }
            if (!charts.isEmpty()) {
                Files.createDirectories(runs.resolve(TRENDS));
            }
            for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
                replace(runs.resolve(TRENDS).resolve(chart.getKey()), chart.getValue());
            }
            replace(runs.resolve("index.html"), IndexPage.render(entries, trends, charts));
            replace(runs.resolve("index.json"), JSON.writeValueAsString(entries));
            replace(runs.resolve("latest"), summary.runId() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the run history in " + runs + ": " + e.getMessage(), e);
        }
        return added;
    }

    /**
     * A run's entries: one per model, with that model's figures and comparison key. The gates' verdict, what was
     * spent and the answers' cost are the whole run's, in each.
     */
    static List<RunEntry> entriesOf(RunSummary summary, String suite, List<GateVerdict> gates) {
        String verdict = gates.isEmpty() ? "none" : gates.stream().allMatch(GateVerdict::passed) ? "passed" : "failed";
        List<RunEntry> entries = new ArrayList<>();
        for (org.talecamel.run.ModelTarget target : summary.models()) {
            List<RunEntry.MethodFigures> figures = summary.resultsOf(target.label()).stream()
                    .map(m -> new RunEntry.MethodFigures(m.method(), m.accuracy(), m.meanOutputTokens(), m.meanExpenseUsd(),
                            target.label()))
                    .toList();
            entries.add(new RunEntry(summary.runId(), summary.startedAt(), suite, target.label(),
                    target.endpoint().simulated(), figures, summary.spentUsd(), verdict,
                    summary.runId() + "/report.html", summary.finishedAt(), summary.problems(), summary.status(),
                    summary.stopReason(), summary.inputs().stream().map(org.talecamel.run.InputFile::name).toList(),
                    summary.comparisonKeys().get(target.label()), summary.answersCostUsd(), summary.cachedAnswers()));
        }
        return entries;
    }

    private static void replace(Path file, String content) throws IOException {
        replace(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
