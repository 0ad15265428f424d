package org.talecamel.history;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.talecamel.cost.Expense;
import org.talecamel.report.Table;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunSummary;

/**
 * The report's "compared with the previous run" section: each method's change in accuracy, output tokens and
 * expense since the previous completed run over the same inputs, with the same model, endpoint and settings that
 * change answers, and the problems whose answer flipped.
 */
public final class Comparison {

    /** At most this many flipped problems are listed; the count covers them all. */
    static final int FLIPS_SHOWN = 200;

    private Comparison() {
    }

    /**
     * The section's tables for one of the run's models; the previous run's audit is read from
     * {@code runs/<its id>/audit.csv} when present.
     *
     * @param model    the label of the model whose figures are compared
     * @param previous the previous entry of that model
     */
    public static List<Table> tables(RunSummary current, Path currentAudit, String model, RunEntry previous, Path runs) {
        List<List<String>> rows = new ArrayList<>();
        for (MethodSummary now : current.resultsOf(model)) {
            RunEntry.MethodFigures before = previous.methods().stream()
                    .filter(m -> m.method().equals(now.method())).findFirst().orElse(null);
            if (before == null) {
                rows.add(List.of(now.method(), "new", "–", "–", "–"));
                continue;
            }
            if (before.accuracy() == null || now.accuracy() == null) {
                rows.add(List.of(now.method(), pct(before.accuracy()) + " → " + pct(now.accuracy()), "–", "–", "–"));
                continue;
            }
            rows.add(List.of(now.method(), pct(before.accuracy()) + " → " + pct(now.accuracy()),
                    String.format(Locale.ROOT, "%+.1f pts", 100 * (now.accuracy() - before.accuracy())),
                    String.format(Locale.ROOT, "%.1f → %.1f (%+.1f)", before.meanOutputTokens(), now.meanOutputTokens(),
                            now.meanOutputTokens() - before.meanOutputTokens()),
                    Expense.perProblem(before.meanExpenseUsd()) + " → " + Expense.perProblem(now.meanExpenseUsd())
                            + change(before.meanExpenseUsd(), now.meanExpenseUsd())));
        }
        List<Table> tables = new ArrayList<>();
        String of = current.severalModels() ? ": " + model : "";
        tables.add(new Table("Compared with the previous run (" + previous.runId() + ")" + of,
                List.of("Method", "Accuracy", "Δ accuracy", "Mean output tokens", "Expense (10⁻⁵ $ per problem)"),
                List.of(false, true, true, true, true), rows,
                "The previous completed run over the same inputs, on " + previous.model() + " with the same settings"
                        + " (suite " + previous.suite() + ", started " + previous.startedAt() + ")."));
        Path previousAudit = runs.resolve(previous.runId()).resolve("audit.csv");
        if (Files.isRegularFile(previousAudit)) {
            tables.add(flips(previousAudit, currentAudit, previous.model(), model, of));
        }
        return tables;
    }

    /** As {@link #flips(Path, Path, String, String, String)}, for runs of one model. */
    static Table flips(Path previousAudit, Path currentAudit) {
        return flips(previousAudit, currentAudit, null, null, "");
    }

    /**
     * Problems answered in both runs whose verdict changed, keyed by data set, problem id and method.
     *
     * @param previousModel the model of the previous audit's rows to read (an audit from before {@code asked_model}
     *                      has one model: all its rows); null for all
     * @param currentModel  likewise, of the current audit
     */
    static Table flips(Path previousAudit, Path currentAudit, String previousModel, String currentModel, String of) {
        Map<String, Boolean> before = new HashMap<>();
        answers(previousAudit, previousModel, (key, correct) -> before.put(key, correct));
        List<List<String>> rows = new ArrayList<>();
        int[] counts = new int[2];
        answers(currentAudit, currentModel, (key, correct) -> {
            Boolean was = before.get(key);
            if (was != null && was != correct) {
                counts[correct ? 1 : 0]++;
                if (rows.size() < FLIPS_SHOWN) {
                    String[] parts = key.split("\n", -1);
                    rows.add(List.of(parts[0], parts[1], parts[2], correct ? "wrong → right" : "right → wrong"));
                }
            }
        });
        int total = counts[0] + counts[1];
        return new Table("Problems that flipped" + of + " (" + counts[0] + " right → wrong, " + counts[1] + " wrong → right)",
                List.of("Data set", "Problem", "Method", "Change"), List.of(false, false, false, false), rows,
                total > rows.size() ? "…and " + (total - rows.size()) + " more (see the two audit.csv files)." : null);
    }

    private static void answers(Path audit, String model, BiConsumer<String, Boolean> sink) {
        try (Reader reader = Files.newBufferedReader(audit, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                boolean ofModel = model == null || !row.isMapped("asked_model") || row.get("asked_model").equals(model);
                if (ofModel && row.get("phase").equals("answer") && !row.get("outcome").equals("retry")) {
                    sink.accept(row.get("dataset") + "\n" + row.get("problem_id") + "\n" + row.get("method"),
                            Boolean.parseBoolean(row.get("correct")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + audit + ": " + e.getMessage(), e);
        }
    }

    private static String pct(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    private static String change(BigDecimal before, BigDecimal now) {
        if (before == null || now == null) {
            return "";
        }
        return " (" + (now.compareTo(before) >= 0 ? "+" : "") + Expense.perProblem(now.subtract(before)) + ")";
    }
}
