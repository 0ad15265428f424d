package org.talecamel.report;

import java.time.Duration;
import java.util.List;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.RunSummary;

/** The human report of a run as one self-contained HTML page: inline CSS and images, no scripts, nothing fetched. */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:80rem;color:#1d2330;padding:0 1rem}
            h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
            table{border-collapse:collapse;width:100%;font-size:.85rem}
            th,td{border-bottom:1px solid #dde1e8;padding:.35rem .5rem;text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .simulated{background:#fff4d6;border:2px solid #e0a800;padding:.75rem 1rem;border-radius:6px;font-weight:600}
            .stopped{background:#fde8e6;border:2px solid #b3261e;padding:.75rem 1rem;border-radius:6px;font-weight:600}
            .meta,.note{color:#505a6b}
            figure{margin:1rem 0}img{max-width:100%;height:auto;border:1px solid #dde1e8}
            """;

    private HtmlReport() {
    }

    /** Renders the report with the given charts (titles and PNG data URIs), placed after the first table. */
    public static String render(RunSummary run, List<GateVerdict> gates, List<Table> comparison, List<Chart> charts) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>TALE report ").append(esc(run.runId()))
                .append(run.simulated() ? " (SIMULATED)" : "").append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>TALE report: run ").append(esc(run.runId())).append("</h1>\n");
        if (run.simulated()) {
            h.append("<p class=\"simulated\">SIMULATED: these figures come from tale-camel's built-in simulated endpoint,"
                    + " not from a real model. Use them to check the tool, never to judge a model.</p>\n");
        }
        if (!run.ending().completed()) {
            h.append("<p class=\"stopped\">Run ").append(esc(run.ending().describe())).append(". ")
                    .append(esc(run.didNotComplete())).append("</p>\n");
        }
        if (run.resumed() != null) {
            h.append("<p class=\"meta\">Run ").append(esc(run.resumed())).append(".</p>\n");
        }
        h.append("<p class=\"meta\">").append(run.severalModels() ? "Models: " : "Endpoint: ").append(esc(run.describeEndpoints())).append("<br>Measured with: ")
                .append(esc(run.measures().describe())).append("<br>Started ")
                .append(run.startedAt()).append(", took ")
                .append(Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0).append(" s<br>")
                .append("Methods: ").append(esc(String.join(", ", run.methods()))).append("<br>")
                .append("Data sets: ").append(esc(String.join(", ", run.datasets()))).append("<br>")
                .append("Outcome: ").append(esc(run.ending().describe())).append("<br>")
                .append("Problems: ").append(esc(run.counts())).append("<br>")
                .append("Calls: ").append(esc(run.describeCalls())).append("<br>")
                .append("Expense: ").append(esc(run.expense())).append("</p>\n");
        List<Table> tables = ReportTables.of(run, gates, comparison);
        for (int i = 0; i < tables.size(); i++) {
            table(h, tables.get(i));
            if (tables.get(i).title().startsWith(ReportTables.PAPER_LAYOUT) && !charts.isEmpty()) {
                h.append("<h2>Charts</h2>\n");
                for (Chart chart : charts) {
                    h.append("<figure><img alt=\"").append(esc(chart.title())).append("\" src=\"")
                            .append(chart.dataUri()).append("\"><figcaption class=\"note\">").append(esc(chart.title()))
                            .append("</figcaption></figure>\n");
                }
            }
        }
        h.append("<p class=\"meta\">Every call and rejection is in <a href=\"audit.csv\">audit.csv</a>;")
                .append(" the figures are in <a href=\"summary.json\">summary.json</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    /** A chart as a self-contained image. */
    public record Chart(String title, String dataUri) {
    }

    private static void table(StringBuilder h, Table table) {
        h.append("<h2>").append(esc(table.title())).append("</h2>\n");
        if (table.rows().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr>");
            for (int c = 0; c < table.headers().size(); c++) {
                h.append(table.numeric().get(c) ? "<th class=n>" : "<th>").append(esc(table.headers().get(c))).append("</th>");
            }
            h.append("</tr>\n");
            for (List<String> row : table.rows()) {
                h.append("<tr>");
                for (int c = 0; c < row.size(); c++) {
                    h.append(table.numeric().get(c) ? "<td class=n>" : "<td>").append(esc(row.get(c))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        if (table.note() != null) {
            h.append("<p class=\"note\">").append(esc(table.note())).append("</p>\n");
        }
    }

    public static String esc(String text) {
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
