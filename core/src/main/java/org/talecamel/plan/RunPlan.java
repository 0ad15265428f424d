package org.talecamel.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.talecamel.cost.Price;
import org.talecamel.cost.PriceTable;
import org.talecamel.method.Method;
import org.talecamel.problems.Problem;

/**
 * What a run would do, worked out without sending anything: the files and problems it would read, and for every
 * model and method its calls, prompt tokens, expected output tokens and expense at list prices.
 *
 * @param prices each model's price, or null when unknown (by model, in order)
 */
public record RunPlan(PlanSettings settings, List<PlannedFile> files, List<MethodPlan> lines,
                      Map<String, Price> prices) {

    /** Expected expense × this is the spend cap a plan suggests. */
    public static final BigDecimal CAP_MARGIN = new BigDecimal("1.5");

    public RunPlan {
        files = List.copyOf(files);
        lines = List.copyOf(lines);
        prices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** Plans every method on every model of the settings over the files read. */
    public static RunPlan of(PlanSettings settings, List<PlannedFile> files, PriceTable priceTable) {
        List<Problem> problems = files.stream().flatMap(f -> f.problems().stream()).toList();
        Set<String> withProblems = files.stream().filter(f -> !f.problems().isEmpty() && f.sha256() != null)
                .map(PlannedFile::sha256).collect(Collectors.toSet());
        Set<String> allFiles = files.stream().map(PlannedFile::sha256).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Path runs = settings.output().resolve("runs");
        List<MethodPlan> lines = new ArrayList<>();
        Map<String, Price> prices = new LinkedHashMap<>();
        for (String model : settings.models()) {
            var price = priceTable.priceOf(model);
            prices.put(model, price.orElse(null));
            List<PastRun> history = RunHistoryReader.matching(runs, withProblems, allFiles, model, settings.simulated());
            MethodEstimator estimator = new MethodEstimator(model, problems, settings.elasticityLevels(), history, price,
                    settings.batched());
            for (Method method : settings.methods()) {
                lines.add(estimator.plan(method));
            }
        }
        return new RunPlan(settings, files, lines, prices);
    }

    public long problems() {
        return files.stream().mapToLong(f -> f.problems().size()).sum();
    }

    /** Rejected lines, and files that cannot be read at all: what a run counts as rejected. */
    public long rejected() {
        return rejectedLines() + files.stream().filter(f -> f.unreadable() != null).count();
    }

    public long rejectedLines() {
        return files.stream().mapToLong(f -> f.rejections().size()).sum();
    }

    public long calls() {
        return lines.stream().mapToLong(MethodPlan::calls).sum();
    }

    public long inputTokens() {
        return lines.stream().mapToLong(MethodPlan::inputTokens).sum();
    }

    public long outputTokens() {
        return lines.stream().mapToLong(MethodPlan::outputTokens).sum();
    }

    /** The expected expense of every line at list prices; null when a model's price is unknown. */
    public BigDecimal expenseUsd() {
        BigDecimal total = BigDecimal.ZERO;
        for (MethodPlan line : lines) {
            if (line.expenseUsd() == null) {
                return null;
            }
            total = total.add(line.expenseUsd());
        }
        return total;
    }

    /**
     * The spend cap to set: the expected expense × {@link #CAP_MARGIN}, rounded up to two significant digits; null
     * when the expense is unknown or nothing would be spent.
     */
    public BigDecimal suggestedCapUsd() {
        BigDecimal expense = expenseUsd();
        if (expense == null || expense.signum() == 0) {
            return null;
        }
        return expense.multiply(CAP_MARGIN).round(new MathContext(2, RoundingMode.CEILING)).stripTrailingZeros();
    }
}
