package org.talecamel.report;

import static org.talecamel.report.Figures.optional;
import static org.talecamel.report.Figures.percent;
import static org.talecamel.report.Figures.reduction;
import static org.talecamel.report.Figures.signedPoints;
import static org.talecamel.report.Figures.tokens;

import java.time.Duration;
import java.util.List;
import org.talecamel.run.FileSummary;
import org.talecamel.run.Issue;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunSummary;

/** The human report of a run, in Markdown. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunSummary run) {
        StringBuilder md = new StringBuilder();
        md.append("# TALE report: run ").append(run.runId()).append("\n\n");
        if (run.endpoint().simulated()) {
            md.append("> **SIMULATED.** These figures come from tale-camel's built-in simulated endpoint, ")
                    .append("not from a real model. Use them to check the tool, never to judge a model.\n\n");
        }
        md.append("- Endpoint: ").append(run.endpoint().describe()).append('\n');
        md.append("- Started: ").append(run.startedAt()).append(", took ")
                .append(Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0).append(" s\n");
        md.append("- Methods: ").append(String.join(", ", run.methods())).append('\n');
        md.append("- Problems: ").append(run.problems()).append(" read, ").append(run.rejected())
                .append(" rejected, ").append(run.callErrors()).append(" failed calls\n\n");

        md.append("## Results per method\n\n");
        md.append("| Method | Problems | Accuracy | Δ accuracy vs cot | Mean output tokens | of which estimation"
                + " | Token reduction vs cot | Total output tokens | Mean budget | Budget fallbacks | Errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MethodSummary m : run.results()) {
            md.append("| ").append(m.method())
                    .append(" | ").append(m.problems())
                    .append(" | ").append(percent(m.accuracy()))
                    .append(" | ").append(signedPoints(m.accuracyChangePoints()))
                    .append(" | ").append(tokens(m.meanOutputTokens()))
                    .append(" | ").append(tokens(m.meanEstimationTokens()))
                    .append(" | ").append(reduction(m.tokenReductionPercent()))
                    .append(" | ").append(m.totalOutputTokens())
                    .append(" | ").append(optional(m.meanBudget()))
                    .append(" | ").append(m.budgetFallbacks())
                    .append(" | ").append(m.errors())
                    .append(" |\n");
        }
        md.append("\nMean output tokens include the budget estimator's own output (shown apart in the next column),")
                .append(" so TALE-EP's saving is not flattered. Token reduction is against `cot`: positive is a saving.")
                .append(" Accuracy counts a failed call as wrong.\n\n");

        md.append("## Files\n\n| File | Status | Problems | Rejected | Reason |\n|---|---|---:|---:|---|\n");
        for (FileSummary f : run.files()) {
            md.append("| ").append(cell(f.name())).append(" | ").append(f.status()).append(" | ").append(f.problems())
                    .append(" | ").append(f.rejected()).append(" | ").append(f.error() == null ? "" : cell(f.error()))
                    .append(" |\n");
        }
        issues(md, "Rejected input", run.rejections(), run.rejected(), run.issuesShownLimit());
        issues(md, "Failed calls", run.errors(), run.callErrors(), run.issuesShownLimit());
        md.append("\nEvery call and rejection is in `audit.csv` beside this report.\n");
        return md.toString();
    }

    private static void issues(StringBuilder md, String title, List<Issue> issues, long total, int limit) {
        md.append("\n## ").append(title).append(" (").append(total).append(")\n\n");
        if (issues.isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| File | Line | Problem | Method | Phase | Reason |\n|---|---:|---|---|---|---|\n");
        for (Issue i : issues) {
            md.append("| ").append(cell(i.sourceFile())).append(" | ").append(i.line() > 0 ? i.line() : "")
                    .append(" | ").append(cell(i.problemId())).append(" | ").append(cell(i.method()))
                    .append(" | ").append(cell(i.phase())).append(" | ").append(cell(i.reason())).append(" |\n");
        }
        if (total > issues.size()) {
            md.append("\n…and ").append(total - issues.size()).append(" more (only the first ").append(limit)
                    .append(" are listed; see audit.csv).\n");
        }
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replaceAll("\\s+", " ");
    }
}
