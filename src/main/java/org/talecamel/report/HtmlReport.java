package org.talecamel.report;

import static org.talecamel.report.Figures.optional;
import static org.talecamel.report.Figures.percent;
import static org.talecamel.report.Figures.reduction;
import static org.talecamel.report.Figures.signedPoints;
import static org.talecamel.report.Figures.tokens;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.talecamel.run.FileSummary;
import org.talecamel.run.Issue;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunSummary;

/** The human report of a run as one self-contained HTML page: inline CSS, no scripts, no external resources. */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;color:#1d2330;padding:0 1rem}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            th,td{border-bottom:1px solid #dde1e8;padding:.35rem .5rem;text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .simulated{background:#fff4d6;border:2px solid #e0a800;padding:.75rem 1rem;border-radius:6px;font-weight:600}
            .bar{background:#3b6fd8;height:.8rem;border-radius:2px;display:inline-block;vertical-align:middle}
            .bar.est{background:#e0a800}
            .meta{color:#505a6b}
            """;

    private HtmlReport() {
    }

    public static String render(RunSummary run) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>TALE report ").append(esc(run.runId()))
                .append(run.endpoint().simulated() ? " (SIMULATED)" : "").append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>TALE report: run ").append(esc(run.runId())).append("</h1>\n");
        if (run.endpoint().simulated()) {
            h.append("<p class=\"simulated\">SIMULATED: these figures come from tale-camel's built-in simulated endpoint,"
                    + " not from a real model. Use them to check the tool, never to judge a model.</p>\n");
        }
        h.append("<p class=\"meta\">Endpoint: ").append(esc(run.endpoint().describe())).append("<br>Started ")
                .append(run.startedAt()).append(", took ")
                .append(Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0).append(" s<br>")
                .append("Problems: ").append(run.problems()).append(" read, ").append(run.rejected())
                .append(" rejected, ").append(run.callErrors()).append(" failed calls</p>\n");

        h.append("<h2>Results per method</h2>\n<table><tr><th>Method</th><th class=n>Problems</th>")
                .append("<th class=n>Accuracy</th><th class=n>Δ accuracy vs cot</th><th class=n>Mean output tokens</th>")
                .append("<th class=n>of which estimation</th><th class=n>Token reduction vs cot</th>")
                .append("<th class=n>Total output tokens</th><th class=n>Mean budget</th>")
                .append("<th class=n>Budget fallbacks</th><th class=n>Errors</th></tr>\n");
        for (MethodSummary m : run.results()) {
            h.append("<tr><td>").append(esc(m.method())).append("</td>")
                    .append(num(m.problems())).append(num(percent(m.accuracy())))
                    .append(num(signedPoints(m.accuracyChangePoints()))).append(num(tokens(m.meanOutputTokens())))
                    .append(num(tokens(m.meanEstimationTokens()))).append(num(reduction(m.tokenReductionPercent())))
                    .append(num(m.totalOutputTokens())).append(num(optional(m.meanBudget())))
                    .append(num(m.budgetFallbacks())).append(num(m.errors())).append("</tr>\n");
        }
        h.append("</table>\n");
        bars(h, run.results());
        h.append("<p class=\"meta\">Mean output tokens include the budget estimator's own output, so TALE-EP's saving")
                .append(" is not flattered. Accuracy counts a failed call as wrong.</p>\n");

        h.append("<h2>Files</h2>\n<table><tr><th>File</th><th>Status</th><th class=n>Problems</th>")
                .append("<th class=n>Rejected</th><th>Reason</th></tr>\n");
        for (FileSummary f : run.files()) {
            h.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(f.status()).append("</td>")
                    .append(num(f.problems())).append(num(f.rejected())).append("<td>")
                    .append(esc(f.error() == null ? "" : f.error())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        issues(h, "Rejected input", run.rejections(), run.rejected(), run.issuesShownLimit());
        issues(h, "Failed calls", run.errors(), run.callErrors(), run.issuesShownLimit());
        h.append("<p class=\"meta\">Every call and rejection is in <a href=\"audit.csv\">audit.csv</a>;")
                .append(" the figures are in <a href=\"summary.json\">summary.json</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    /** Mean output tokens per method as horizontal bars, estimation in a second colour. */
    private static void bars(StringBuilder h, List<MethodSummary> results) {
        double max = results.stream().mapToDouble(MethodSummary::meanOutputTokens).max().orElse(0);
        if (max <= 0) {
            return;
        }
        h.append("<h2>Mean output tokens per problem</h2>\n<table>\n");
        for (MethodSummary m : results) {
            h.append("<tr><td style=\"width:8rem\">").append(esc(m.method())).append("</td><td>")
                    .append(bar("bar", m.meanAnswerTokens() / max))
                    .append(bar("bar est", m.meanEstimationTokens() / max))
                    .append(" ").append(tokens(m.meanOutputTokens())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String bar(String cssClass, double share) {
        return share <= 0 ? "" : String.format(Locale.ROOT, "<span class=\"%s\" style=\"width:%.1f%%\"></span>",
                cssClass, 80 * share);
    }

    private static void issues(StringBuilder h, String title, List<Issue> issues, long total, int limit) {
        h.append("<h2>").append(title).append(" (").append(total).append(")</h2>\n");
        if (issues.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table><tr><th>File</th><th class=n>Line</th><th>Problem</th><th>Method</th><th>Phase</th>")
                .append("<th>Reason</th></tr>\n");
        for (Issue i : issues) {
            h.append("<tr><td>").append(esc(i.sourceFile())).append("</td>").append(num(i.line() > 0 ? i.line() : ""))
                    .append("<td>").append(esc(i.problemId())).append("</td><td>").append(esc(i.method()))
                    .append("</td><td>").append(esc(i.phase())).append("</td><td>").append(esc(i.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (total > issues.size()) {
            h.append("<p>…and ").append(total - issues.size()).append(" more (only the first ").append(limit)
                    .append(" are listed; see audit.csv).</p>\n");
        }
    }

    private static String num(Object value) {
        return "<td class=n>" + esc(String.valueOf(value)) + "</td>";
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
