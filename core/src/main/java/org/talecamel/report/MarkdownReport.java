package org.talecamel.report;

import java.time.Duration;
import java.util.List;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.RunSummary;

/** The human report of a run, in Markdown. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunSummary run, List<GateVerdict> gates, List<Table> comparison) {
        StringBuilder md = new StringBuilder();
        md.append("# TALE report: run ").append(run.runId()).append("\n\n");
        if (run.simulated()) {
            md.append("> **SIMULATED.** These figures come from tale-camel's built-in simulated endpoint, ")
                    .append("not from a real model. Use them to check the tool, never to judge a model.\n\n");
        }
        if (!run.ending().completed()) {
            md.append("> **Run ").append(run.ending().describe()).append(".** ").append(run.didNotComplete())
                    .append("\n\n");
        }
        if (run.resumed() != null) {
            md.append("> **Run ").append(run.resumed()).append(".**\n\n");
        }
        md.append(run.severalModels() ? "- Models: " : "- Endpoint: ").append(run.describeEndpoints()).append('\n');
        md.append("- Measured with: ").append(run.measures().describe()).append('\n');
        md.append("- Started: ").append(run.startedAt()).append(", took ")
                .append(Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0).append(" s\n");
        md.append("- Methods: ").append(String.join(", ", run.methods())).append('\n');
        md.append("- Data sets: ").append(String.join(", ", run.datasets())).append('\n');
        md.append("- Outcome: ").append(run.ending().describe()).append('\n');
        md.append("- Problems: ").append(run.counts()).append('\n');
        md.append("- Calls: ").append(run.describeCalls()).append('\n');
        md.append("- Expense: ").append(run.expense()).append('\n');
        for (Table table : ReportTables.of(run, gates, comparison)) {
            md.append("\n## ").append(table.title()).append("\n\n");
            if (table.rows().isEmpty()) {
                md.append("None.\n");
            } else {
                md.append("| ").append(String.join(" | ", table.headers().stream().map(MarkdownReport::cell).toList()))
                        .append(" |\n|");
                for (boolean numeric : table.numeric()) {
                    md.append(numeric ? "---:|" : "---|");
                }
                md.append('\n');
                for (var row : table.rows()) {
                    md.append("| ").append(String.join(" | ", row.stream().map(MarkdownReport::cell).toList())).append(" |\n");
                }
            }
            if (table.note() != null) {
                md.append('\n').append(table.note()).append('\n');
            }
        }
        md.append("\nEvery call and rejection is in `audit.csv` beside this report; the figures are in `summary.json`.\n");
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replaceAll("\\s+", " ");
    }
}
