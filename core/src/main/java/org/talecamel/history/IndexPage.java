package org.talecamel.history;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.talecamel.cost.Expense;
import org.talecamel.report.Charts;
import org.talecamel.report.HtmlReport;

/** {@code data-out/runs/index.html}: every run, newest first, and trend charts per suite. Self-contained. */
final class IndexPage {

    private IndexPage() {
    }

    /**
     * @param trends the suites' trends
     * @param charts their charts as PNG, by file name ({@link Trend#fileName})
     */
    static String render(List<RunEntry> entries, List<Trend> trends, Map<String, byte[]> charts) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>tale-camel runs</title><style>
                body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:80rem;color:#1d2330;padding:0 1rem}
                table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{border-bottom:1px solid #dde1e8;padding:.35rem .5rem;text-align:left;vertical-align:top}
                .sim{color:#8a6100;font-weight:600}.failed,.stopped{color:#b3261e;font-weight:600}img{max-width:100%;border:1px solid #dde1e8}
                </style></head><body>
                <h1>tale-camel runs</h1>
                <table><tr><th>Run</th><th>Started</th><th>Outcome</th><th>Suite and files</th><th>Model</th><th>Methods: accuracy, mean output tokens, expense (10⁻⁵ $ per problem)</th><th>Spent</th><th>Gates</th></tr>
                """);
        for (int i = entries.size() - 1; i >= 0; i--) {
            RunEntry e = entries.get(i);
            h.append("<tr><td><a href=\"").append(HtmlReport.esc(e.report())).append("\">").append(HtmlReport.esc(e.runId())).append("</a></td><td>")
                    .append(e.startedAt()).append("</td><td")
                    .append(e.completed() ? ">completed" : " class=stopped>stopped: " + HtmlReport.esc(e.stopReason()))
                    .append("</td><td>").append(HtmlReport.esc(e.suite()))
                    .append(e.files() == null ? "" : "<br>" + HtmlReport.esc(String.join(", ", e.files())))
                    .append("</td><td>")
                    .append(HtmlReport.esc(e.model())).append(e.simulated() ? " <span class=sim>SIMULATED</span>" : "").append("</td><td>");
            for (RunEntry.MethodFigures m : e.methods()) {
                h.append(HtmlReport.esc(m.method())).append(m.accuracy() == null ? ": –, –, "
                        : String.format(Locale.ROOT, ": %.1f%%, %.1f, ", 100 * m.accuracy(), m.meanOutputTokens()))
                        .append(m.accuracy() == null ? "–" : Expense.perProblem(m.meanExpenseUsd())).append("<br>");
            }
            h.append("</td><td>").append(Expense.total(e.spentUsd()))
                    .append(e.cachedAnswers() == null || e.cachedAnswers() == 0 ? ""
                            : "<br>" + e.cachedAnswers() + " answers from the response cache" + (e.answersCostUsd() == null
                                    || e.spentUsd() == null ? "" : " (first cost "
                                    + Expense.total(e.answersCostUsd().subtract(e.spentUsd())) + ")"))
                    .append("</td><td")
                    .append(e.gates().equals("failed") ? " class=failed" : "").append('>').append(e.gates())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Trend trend : trends) {
            h.append("<h2>Trends: ").append(HtmlReport.esc(trend.label())).append("</h2>\n");
            for (Trend.Kind kind : Trend.Kind.values()) {
                h.append(image(kind.caption(), charts.get(trend.fileName(kind))));
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static String image(String alt, byte[] png) {
        return "<p><img alt=\"" + HtmlReport.esc(alt) + "\" src=\"" + Charts.dataUri(png) + "\"></p>\n";
    }
}
