package org.talecamel.plan;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.talecamel.cost.Expense;
import org.talecamel.cost.Price;
import org.talecamel.method.Method;
import org.talecamel.problems.Rejection;

/** Writes a {@link RunPlan} for the console: the files, one line per model and method, the totals and the notes. */
public final class PlanPrinter {

    /** Rejected lines listed by name; the rest are counted. */
    static final int REJECTIONS_SHOWN = 20;
    private static final List<String> HEADERS = List.of("model", "method", "calls", "input tokens", "output tokens",
            "expense", "output tokens from");

    private PlanPrinter() {
    }

    public static void print(RunPlan plan, PrintStream out) {
        out.println("PLAN: what this run would do. Nothing is sent: no simulator, no Camel, no HTTP call.");
        files(plan, out);
        PlanSettings settings = plan.settings();
        out.println("Methods: " + String.join(", ", settings.methods().stream().map(Method::id).toList())
                + "; models: " + String.join(", ", settings.models()));
        out.println(settings.simulated()
                ? "Endpoint: the built-in simulator (SIMULATED, tale.llm.provider=simulator): it costs nothing. The"
                        + " expenses are at the list price of the model name, as the run's reports give them."
                : "Endpoint: tale.llm.provider=" + settings.provider() + "; every call below would be paid for.");
        out.println();
        table(plan, out);
        out.println();
        expense(plan, out);
        notes(plan, out);
    }

    private static void files(RunPlan plan, PrintStream out) {
        List<PlannedFile> files = plan.files();
        long unreadable = files.stream().filter(f -> f.unreadable() != null).count();
        out.println("Files: " + files.size() + (unreadable == 0 ? "" : ", of which " + unreadable + " cannot be read"));
        int width = files.stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (PlannedFile file : files) {
            String name = String.format("  %-" + width + "s  ", file.name());
            out.println(file.unreadable() != null
                    ? name + "not read: " + file.unreadable() + " (a run moves it to failed/)"
                    : name + String.format("%,6d problems  %,d rejected", file.problems().size(), file.rejections().size()));
        }
        out.println("Problems: " + String.format("%,d", plan.problems()) + " to evaluate; "
                + String.format("%,d", plan.rejected()) + " rejected (" + plural(plan.rejectedLines(), "line") + ", "
                + plural(unreadable, "file") + "), for which a run sends nothing");
        List<Rejection> rejections = files.stream().flatMap(f -> f.rejections().stream()).toList();
        rejections.stream().limit(REJECTIONS_SHOWN).forEach(r -> out.println("  rejected: " + r.describe()));
        if (rejections.size() > REJECTIONS_SHOWN) {
            out.println("  ... and " + (rejections.size() - REJECTIONS_SHOWN) + " more rejected lines");
        }
    }

    private static void table(RunPlan plan, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        for (MethodPlan line : plan.lines()) {
            rows.add(List.of(line.model(), line.method(), number(line.calls()), number(line.inputTokens()),
                    number(line.outputTokens()), Expense.total(line.expenseUsd()),
                    line.basis().label() + ": " + line.detail()));
        }
        rows.add(List.of("total", "", number(plan.calls()), number(plan.inputTokens()), number(plan.outputTokens()),
                Expense.total(plan.expenseUsd()), ""));
        int[] widths = new int[HEADERS.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADERS.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println(row(HEADERS, widths));
        rows.forEach(r -> out.println(row(r, widths)));
    }

    /** Text columns left-aligned, figures right-aligned; the last column is not padded. */
    private static String row(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            boolean figure = i >= 2 && i <= 5;
            String cell = cells.get(i);
            if (i == cells.size() - 1) {
                text.append(cell);
            } else {
                text.append(figure ? " ".repeat(widths[i] - cell.length()) + cell : cell + " ".repeat(widths[i] - cell.length()));
                text.append("  ");
            }
        }
        return text.toString().stripTrailing();
    }

    private static void expense(RunPlan plan, PrintStream out) {
        boolean batched = plan.settings().batched();
        out.println("Expected expense at " + (batched ? "batch prices (tale.llm.mode=batch)" : "list prices") + ": "
                + Expense.total(plan.expenseUsd())
                + " (what the answers cost, every prompt token as uncached input; a run spends less when its response"
                + " cache answers a repeated request, and its spend cap counts what it spends)");
        for (Map.Entry<String, Price> price : plan.prices().entrySet()) {
            Price p = price.getValue();
            if (p == null) {
                out.println("  " + price.getKey() + ": " + Expense.PRICE_UNKNOWN + ": add a row to "
                        + plan.settings().prices() + " to price it");
            } else if (batched && p.batch() == null) {
                out.println("  " + price.getKey() + ": batch price unknown: add its batch_* prices to "
                        + plan.settings().prices() + " (row " + p.model() + ") to price it");
            } else {
                BigDecimal input = batched ? p.batch().inputPerMillion() : p.inputPerMillion();
                BigDecimal output = batched ? p.batch().outputPerMillion() : p.outputPerMillion();
                out.println("  " + price.getKey() + ": $" + input.toPlainString() + " input, $"
                        + output.toPlainString() + " output per million tokens" + (batched ? " in batches" : "")
                        + " (" + plan.settings().prices() + ", row " + p.model() + ", as of " + p.asOf() + ")");
            }
        }
        if (plan.suggestedCapUsd() != null) {
            out.println("Suggested spend cap (expected expense x " + RunPlan.CAP_MARGIN.toPlainString()
                    + ", rounded up), to copy into config/application.properties (or TALE_RUN_MAX_COST_USD):");
            out.println("  tale.run.max-cost-usd=" + plan.suggestedCapUsd().toPlainString());
        } else {
            out.println("No spend cap suggested: " + (plan.expenseUsd() == null
                    ? "a model's price is unknown, so the expense cannot be estimated"
                    : "nothing would be spent"));
        }
        if (!plan.settings().maxCostUsd().isEmpty()) {
            out.println("  (tale.run.max-cost-usd is set to " + plan.settings().maxCostUsd() + " now)");
        }
    }

    private static void notes(RunPlan plan, PrintStream out) {
        Set<Basis> used = EnumSet.noneOf(Basis.class);
        plan.lines().forEach(line -> used.add(line.basis()));
        out.println("Notes:");
        out.println("  input tokens: jtokkit (cl100k) on the prompts each method would send, system message included,"
                + " with OpenAI's chat overhead (" + PromptTokens.PER_MESSAGE + " tokens a message, "
                + PromptTokens.PER_REPLY + " for the reply)");
        if (used.contains(Basis.HISTORY)) {
            out.println("  history: an earlier finished run under " + plan.settings().output().resolve("runs")
                    + " over the same inputs (SHA-256 of their content) with the same model and kind of endpoint:"
                    + " its calls and output tokens, scaled to these problems");
        }
        if (used.contains(Basis.PAPER)) {
            out.println("  paper: " + PaperFigures.CITATION);
        }
        if (used.contains(Basis.UPPER_BOUND)) {
            out.println("  upper bound: search and elasticity-walk take at most log2(CoT tokens) halving steps a"
                    + " problem; only problems cot got right are searched, and a search stops at its first rejected step");
        }
        if (used.contains(Basis.ASSUMED) || used.contains(Basis.UPPER_BOUND) || used.contains(Basis.PAPER)) {
            out.println("  assumed: no earlier run over these inputs with this model; the figures are the paper's"
                    + " or the assumptions named on the line, not a measurement. Run once and plan again for figures"
                    + " from history.");
        }
    }

    private static String plural(long count, String noun) {
        return String.format("%,d", count) + " " + noun + (count == 1 ? "" : "s");
    }

    private static String number(long value) {
        return String.format("%,d", value);
    }
}
