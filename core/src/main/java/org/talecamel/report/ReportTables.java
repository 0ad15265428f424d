package org.talecamel.report;

import static org.talecamel.report.Figures.meanExpense;
import static org.talecamel.report.Figures.totalExpense;
import static org.talecamel.report.Figures.meanTokens;
import static org.talecamel.report.Figures.optional;
import static org.talecamel.report.Figures.paperTokens;
import static org.talecamel.report.Figures.percent;
import static org.talecamel.report.Figures.reduction;
import static org.talecamel.report.Figures.signedPoints;
import static org.talecamel.report.Figures.tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.talecamel.cost.Expense;
import org.talecamel.run.BatchStatus;
import org.talecamel.run.ElasticityPoint;
import org.talecamel.run.FileSummary;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.Issue;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunSummary;
import org.talecamel.run.SearchPoint;

/** The tables of a run's report, shared by the Markdown and HTML renderings. */
final class ReportTables {

    private ReportTables() {
    }

    static final String PAPER_LAYOUT = "Comparison in the paper's layout";

    static List<Table> of(RunSummary run, List<GateVerdict> gates, List<Table> comparison) {
        List<Table> tables = new ArrayList<>();
        if (!gates.isEmpty()) {
            tables.add(gates(gates));
        }
        tables.add(paperLayout(run));
        tables.addAll(comparison);
        tables.add(methods(run));
        if (!run.elasticity().isEmpty()) {
            tables.add(elasticity(run));
        }
        if (!run.walk().isEmpty()) {
            tables.add(walk(run));
        }
        if (!run.search().isEmpty()) {
            tables.add(search(run));
        }
        tables.add(files(run));
        if (!run.batches().isEmpty()) {
            tables.add(batches(run));
        }
        tables.add(issues(run, "Rejected input", run.rejections(), run.rejected()));
        tables.add(issues(run, "Failed calls", run.errors(), run.callErrors()));
        if (run.notAttemptedCount() > 0) {
            tables.add(issues(run, "Not attempted: " + run.ending().describe(), run.notAttempted(),
                    run.notAttemptedCount()));
        }
        return tables;
    }

    /**
     * The TALE paper's layout: rows are methods (of each model, when the run asked several); for each data set ACC,
     * output tokens and expense.
     */
    private static Table paperLayout(RunSummary run) {
        List<String> headers = new ArrayList<>(headers(run, "Method"));
        List<Boolean> numeric = new ArrayList<>(Collections.nCopies(headers.size(), false));
        List<String> sets = new ArrayList<>(run.datasets());
        for (String dataset : sets) {
            headers.addAll(List.of(dataset + " ACC", dataset + " Tokens", dataset + " Expense"));
            numeric.addAll(List.of(true, true, true));
        }
        headers.addAll(List.of("Average ACC", "Average Tokens", "Average Expense", "Token reduction", "Expense reduction",
                "Δ ACC"));
        numeric.addAll(Collections.nCopies(6, true));
        List<List<String>> rows = new ArrayList<>();
        for (MethodSummary total : run.results()) {
            List<String> row = new ArrayList<>(withModel(run, total.model(), total.method()));
            for (String dataset : sets) {
                MethodSummary m = run.byDataset().stream()
                        .filter(s -> s.dataset().equals(dataset) && s.method().equals(total.method())
                                && java.util.Objects.equals(s.model(), total.model()))
                        .findFirst().orElse(null);
                if (m == null) {
                    row.addAll(List.of("–", "–", "–"));
                } else {
                    row.addAll(List.of(percent(m.accuracy()), paperTokens(m), meanExpense(m)));
                }
            }
            row.addAll(List.of(percent(total.accuracy()), paperTokens(total),
                    meanExpense(total), reduction(total.paperTokenReductionPercent()),
                    reduction(total.expenseReductionPercent()), signedPoints(total.accuracyChangePoints())));
            rows.add(row);
        }
        return new Table(PAPER_LAYOUT, headers, numeric, rows,
                "ACC: accuracy, scored " + run.measures().scoring().id() + " (tale.scoring). Tokens: mean tokens of the answer per problem as the paper counted them, cl100k of the"
                + " answer text (the reference's token_measure, audit column paper_tokens): the answer alone, TALE-EP's"
                + " estimator not included; search: at the optimal budget. The tokens billed (usage), the estimator's"
                + " included, are in Results per method. Expense: 10⁻⁵ $ per problem at list prices of the billed"
                + " tokens" + (run.batched() == null ? "" : " (at batch prices for the answers that came in batches)")
                + ", counting every call the method made, the estimator's included, and an answer from the"
                + " response cache at what it first cost. Reductions and Δ ACC are against cot"
                + (run.severalModels() ? " of the same model." : ".")
                + (run.simulated() ? " SIMULATED endpoint: tokens priced as the imitated model's." : ""));
    }

    private static Table gates(List<GateVerdict> gates) {
        List<List<String>> rows = new ArrayList<>();
        for (GateVerdict gate : gates) {
            rows.add(List.of(gate.name(), gate.passed() ? "passed" : "FAILED", gate.measured(), gate.limit(),
                    gate.message()));
        }
        long failed = gates.stream().filter(g -> !g.passed()).count();
        return new Table("Quality gates: " + (failed == 0 ? "passed" : failed + " FAILED"),
                List.of("Gate", "Verdict", "Measured", "Limit", "What"), List.of(false, false, true, true, false), rows,
                null);
    }

    private static Table methods(RunSummary run) {
        // reasoning models' thinking, shown apart only when some model reported any
        boolean reasoning = run.results().stream().anyMatch(m -> m.meanReasoningTokens() > 0);
        List<List<String>> rows = new ArrayList<>();
        for (MethodSummary m : run.results()) {
            List<String> row = new ArrayList<>(withModel(run, m.model(), m.method(), String.valueOf(m.problems()), percent(m.accuracy()),
                    signedPoints(m.accuracyChangePoints()), meanTokens(m), m.measured() ? tokens(m.meanEstimationTokens()) : "–"));
            if (reasoning) {
                row.add(m.measured() ? tokens(m.meanReasoningTokens()) : "–");
            }
            row.addAll(List.of(reduction(m.tokenReductionPercent()), String.valueOf(m.calls()),
                    String.valueOf(m.totalCallOutputTokens()), totalExpense(m), optional(m.meanBudget()),
                    String.valueOf(m.budgetFallbacks()), String.valueOf(m.truncated()), String.valueOf(m.errors())));
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(headers(run, "Method", "Problems", "Accuracy", "Δ accuracy vs cot",
                "Mean output tokens", "of which estimation"));
        if (reasoning) {
            headers.add("of which reasoning");
        }
        headers.addAll(List.of("Token reduction vs cot", "Calls", "Output tokens (all calls)",
                "Expense of the answers (all calls)", "Mean budget", "Budget fallbacks", "Truncated", "Errors"));
        return new Table("Results per method", headers, numericAfter(run, 1, headers.size()), rows,
                "Accuracy counts a failed call as wrong. Search runs only on problems cot answered correctly."
                + (reasoning ? " Of which reasoning: the model's reasoning tokens per problem (audit column"
                        + " reasoning_tokens), billed as output and part of the mean output tokens; the rest is the"
                        + " visible answer." : ""));
    }

    private static Table walk(RunSummary run) {
        List<List<String>> rows = new ArrayList<>();
        for (ElasticityPoint p : run.walk()) {
            rows.add(withModel(run, p.model(), p.dataset(), p.level(), String.valueOf(p.problems()),
                    tokens(p.meanBudget()), tokens(p.meanOutputTokens())));
        }
        List<String> headers = headers(run, "Data set", "Step", "Problems", "Mean budget (tokens)",
                "Mean output tokens");
        return new Table("Elasticity walk (the paper's Figure 2)", headers, numericAfter(run, 2, headers.size()), rows,
                "Each problem cot answered correctly walks down from its CoT length (step CoT), halving the budget while"
                + " the answer stays right, as the reference's token_elasticity.py walks: a step is taken however long"
                + " the answer gets, so below what a problem needs the answers grow again. Tokens: "
                + run.measures().budgetTokens().description() + ".");
    }

    private static Table elasticity(RunSummary run) {
        List<List<String>> rows = new ArrayList<>();
        for (ElasticityPoint p : run.elasticity()) {
            rows.add(withModel(run, p.model(), p.dataset(), p.level(), tokens(p.meanBudget()),
                    String.valueOf(p.problems()), tokens(p.meanOutputTokens()), percent(p.accuracy())));
        }
        List<String> headers = headers(run, "Data set", "Budget", "Mean budget (tokens)", "Problems",
                "Mean output tokens", "Accuracy");
        return new Table("Token elasticity", headers, numericAfter(run, 2, headers.size()), rows,
                "Fractions are of each problem's vanilla CoT length (" + run.measures().budgetTokens().description()
                + "); output tokens are billed ones (usage). A budget far below what a problem needs makes the answer"
                + " longer, not shorter: token elasticity.");
    }

    private static Table search(RunSummary run) {
        List<List<String>> rows = new ArrayList<>();
        for (String model : run.modelLabels()) {
            for (String dataset : run.datasets()) {
                List<SearchPoint> points = run.search().stream().filter(p -> p.dataset().equals(dataset)
                        && (!run.severalModels() || model.equals(p.model()))).toList();
                if (points.isEmpty()) {
                    continue;
                }
                rows.add(withModel(run, model, dataset, String.valueOf(points.size()),
                        tokens(points.stream().mapToInt(SearchPoint::cotTokens).average().orElse(0)),
                        tokens(points.stream().mapToInt(SearchPoint::optimalBudget).average().orElse(0)),
                        tokens(points.stream().mapToInt(SearchPoint::optimalTokens).average().orElse(0)),
                        String.format(Locale.ROOT, "%.1f",
                                points.stream().mapToInt(SearchPoint::steps).average().orElse(0))));
            }
        }
        List<String> headers = headers(run, "Data set", "Problems searched", "Mean CoT tokens",
                "Mean optimal budget", "Mean tokens at optimal budget", "Mean steps");
        return new Table("Optimal-budget search", headers, numericAfter(run, 1, headers.size()), rows,
                "Tokens: " + run.measures().budgetTokens().description() + ". TALE-PT training data from these"
                + " searches beside this report: sft.jsonl (OpenAI chat form), sft-tale-pt.jsonl (the form the"
                + " reference's TALE-PT.py reads) and dpo.jsonl.");
    }

    private static Table files(RunSummary run) {
        List<List<String>> rows = new ArrayList<>();
        for (FileSummary f : run.files()) {
            rows.add(List.of(f.name(), f.status(), String.valueOf(f.problems()), String.valueOf(f.rejected()),
                    f.error() == null ? "" : f.error()));
        }
        return new Table("Files", List.of("File", "Status", "Problems", "Rejected", "Reason"),
                List.of(false, false, true, true, false), rows, null);
    }

    /** The run's batches at the provider's Batch API, with how long each waited there. */
    private static Table batches(RunSummary run) {
        List<List<String>> rows = new ArrayList<>();
        for (BatchStatus b : run.batches()) {
            rows.add(List.of(String.valueOf(b.number()), b.model(), nullToEmpty(b.batchId()), b.status(),
                    String.valueOf(b.total()), String.valueOf(b.completed()), String.valueOf(b.failed()),
                    b.pending() ? "pending" : waited(Duration.between(b.submittedAt(), b.endedAt()))));
        }
        return new Table("Batches", List.of("Batch", "Model", "Id", "Status", "Requests", "Answered", "Failed",
                "Waited"), List.of(true, false, false, false, true, true, true, true), rows,
                "Sent through the provider's Batch API (tale.llm.mode=batch), round by round: a method's next call"
                + " goes in the next batch once the answer it needs is in. Each batch's requests, the provider's"
                + " output and error files, and its ids are in batches/ beside this report.");
    }

    /** "42 s", "12 min", "3 h 05 min". */
    private static String waited(Duration waited) {
        long seconds = Math.max(0, waited.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        return minutes < 120 ? minutes + " min"
                : String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    private static Table issues(RunSummary run, String title, List<Issue> issues, long total) {
        List<List<String>> rows = new ArrayList<>();
        for (Issue i : issues) {
            List<String> row = new ArrayList<>(List.of(i.sourceFile(), i.line() > 0 ? String.valueOf(i.line()) : "",
                    nullToEmpty(i.problemId())));
            if (run.severalModels()) {
                row.add(nullToEmpty(i.model()));
            }
            row.addAll(List.of(nullToEmpty(i.method()), nullToEmpty(i.phase()), nullToEmpty(i.reason())));
            rows.add(row);
        }
        String note = total > issues.size() ? "…and " + (total - issues.size()) + " more (only the first "
                + run.issuesShownLimit() + " are listed; see audit.csv)." : null;
        List<String> headers = new ArrayList<>(List.of("File", "Line", "Problem"));
        if (run.severalModels()) {
            headers.add("Model");
        }
        headers.addAll(List.of("Method", "Phase", "Reason"));
        List<Boolean> numeric = new ArrayList<>(Collections.nCopies(headers.size(), false));
        numeric.set(1, true);
        return new Table(title + " (" + total + ")", headers, numeric, rows, note);
    }

    /** The cells, after the model's when the run asked several models. */
    private static List<String> withModel(RunSummary run, String model, String... cells) {
        List<String> row = new ArrayList<>();
        if (run.severalModels()) {
            row.add(nullToEmpty(model));
        }
        row.addAll(List.of(cells));
        return row;
    }

    /** The headers, after "Model" when the run asked several models. */
    private static List<String> headers(RunSummary run, String... headers) {
        return withModel(run, "Model", headers);
    }

    /** The first {@code text} columns (and the model's) hold text, the rest numbers. */
    private static List<Boolean> numericAfter(RunSummary run, int text, int columns) {
        int textColumns = text + (run.severalModels() ? 1 : 0);
        List<Boolean> numeric = new ArrayList<>(Collections.nCopies(textColumns, false));
        numeric.addAll(Collections.nCopies(columns - textColumns, true));
        return numeric;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
