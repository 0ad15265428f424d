package org.talecamel.gates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.talecamel.cost.Expense;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunSummary;

/**
 * Judges a run against its {@link GateLimits}. A figure that cannot be measured (no cot to compare with, an unknown
 * price, no previous run to measure a drop against) fails its gate: a build must not go green on a check that was not
 * made.
 */
public final class QualityGates {

    private QualityGates() {
    }

    /**
     * Judges a run of one model.
     *
     * @param previousAccuracy each method's accuracy (0..1) in the previous run of the same suite and model; empty
     *                         when there is none, which fails every accuracy-drop gate as not measured
     */
    public static List<GateVerdict> evaluate(GateLimits limits, RunSummary run, Map<String, Double> previousAccuracy) {
        return evaluate(limits, run, model -> previousAccuracy);
    }

    /**
     * Judges a run of one model or several: each model's methods against the limits set for them, and its cot.
     *
     * @param previousAccuracyOf for a model's label, each of its methods' accuracy (0..1) in the previous run that
     *                           compares with this model's figures; empty when there is none
     */
    public static List<GateVerdict> evaluate(GateLimits limits, RunSummary run,
                                             Function<String, Map<String, Double>> previousAccuracyOf) {
        List<GateVerdict> verdicts = new ArrayList<>();
        for (String model : run.modelLabels()) {
            // a gate of a run of one model is named as before: min-accuracy.tale-ep
            String prefix = run.severalModels() ? model + "." : "";
            judge(limits, model, prefix, run.resultsOf(model), previousAccuracyOf.apply(model), verdicts);
        }
        if (limits.maxExpenseUsd() != null) {
            BigDecimal total = BigDecimal.ZERO;
            boolean known = true;
            for (MethodSummary m : run.results()) {
                if (m.totalExpenseUsd() == null) {
                    known = false;
                } else {
                    total = total.add(m.totalExpenseUsd());
                }
            }
            // answers that came in batches are priced at the batch price, which the table may not give; a model the
            // table has no row for has no price at all
            boolean batchPriceUnknown = run.batched() != null && run.batched().onlyBatchPriceUnknown();
            verdicts.add(known
                    ? verdict("max-expense-usd", total.compareTo(limits.maxExpenseUsd()) <= 0, Expense.total(total),
                            "≤ " + Expense.total(limits.maxExpenseUsd()), "run expense")
                    : new GateVerdict("max-expense-usd", false,
                            batchPriceUnknown ? Expense.BATCH_PRICE_UNKNOWN : Expense.PRICE_UNKNOWN,
                            "≤ " + Expense.total(limits.maxExpenseUsd()), batchPriceUnknown
                                    ? "run expense cannot be measured: a model's batch price is unknown (see the batch"
                                            + " columns of config/prices.csv)"
                                    : "run expense cannot be measured: a model's price is unknown (see config/prices.csv)"));
        }
        return verdicts;
    }

    /** Judges one model's methods; {@code prefix} is how their gates are named ({@code "gpt-5-mini."}, or none). */
    private static void judge(GateLimits limits, String model, String prefix, List<MethodSummary> results,
                              Map<String, Double> previousAccuracy, List<GateVerdict> verdicts) {
        MethodSummary cot = results.stream().filter(m -> m.method().equals("cot")).findFirst().orElse(null);
        for (MethodSummary m : results) {
            Double minAccuracy = GateLimits.limitFor(limits.minAccuracyPercent(), model, m.method());
            if (minAccuracy != null && GateKeys.judges("min-accuracy", m.method()) && !m.measured()) {
                verdicts.add(new GateVerdict("min-accuracy." + prefix + m.method(), false, "not measured", "≥ " + pct(minAccuracy),
                        prefix + m.method() + " accuracy cannot be measured: no problem got an answer"));
            } else if (minAccuracy != null && GateKeys.judges("min-accuracy", m.method())) {
                double measured = 100 * m.accuracy();
                verdicts.add(verdict("min-accuracy." + prefix + m.method(), measured >= minAccuracy, pct(measured),
                        "≥ " + pct(minAccuracy), prefix + m.method() + " accuracy"));
            }
            Double maxTokens = GateLimits.limitFor(limits.maxMeanOutputTokens(), model, m.method());
            if (maxTokens != null && !m.measured()) {
                verdicts.add(new GateVerdict("max-mean-output-tokens." + prefix + m.method(), false, "not measured",
                        "≤ " + num(maxTokens), prefix + m.method() + " mean output tokens cannot be measured: no problem got an answer"));
            } else if (maxTokens != null) {
                verdicts.add(verdict("max-mean-output-tokens." + prefix + m.method(), m.meanOutputTokens() <= maxTokens,
                        num(m.meanOutputTokens()), "≤ " + num(maxTokens), prefix + m.method() + " mean output tokens"));
            }
            Double minReduction = GateLimits.limitFor(limits.minTokenReductionPercent(), model, m.method());
            if (minReduction != null && GateKeys.judges("min-token-reduction", m.method())) {
                Double reduction = m.tokenReductionPercent();
                verdicts.add(reduction == null
                        ? new GateVerdict("min-token-reduction." + prefix + m.method(), false, "not measured", "≥ " + pct(minReduction),
                                prefix + m.method() + " token reduction cannot be measured: cot "
                                        + (cot == null ? "did not run" : "has no answers"))
                        : verdict("min-token-reduction." + prefix + m.method(), reduction >= minReduction, pct(reduction),
                                "≥ " + pct(minReduction), prefix + m.method() + " token reduction against cot"));
            }
            Double maxDrop = GateLimits.limitFor(limits.maxAccuracyDropPoints(), model, m.method());
            if (maxDrop != null && GateKeys.judges("max-accuracy-drop", m.method())) {
                Double before = previousAccuracy.get(m.method());
                String name = "max-accuracy-drop." + prefix + m.method();
                if (!m.measured()) {
                    verdicts.add(new GateVerdict(name, false, "not measured", "≤ " + num(maxDrop) + " pts",
                            name + " not measured: no problem got an answer in this run; a gate that cannot be"
                                    + " measured fails"));
                } else if (before == null) {
                    verdicts.add(new GateVerdict(name, false, "not measured", "≤ " + num(maxDrop) + " pts",
                            name + " not measured: " + (previousAccuracy.isEmpty()
                                    ? "no previous completed run over the same inputs, with the same model and settings,"
                                            + " to compare with"
                                    : "the previous completed run over the same inputs has no accuracy for " + prefix + m.method())
                                    + "; a gate that cannot be measured fails"));
                } else {
                    double drop = 100 * (before - m.accuracy());
                    verdicts.add(verdict("max-accuracy-drop." + prefix + m.method(), drop <= maxDrop, num(drop) + " pts",
                            "≤ " + num(maxDrop) + " pts", prefix + m.method() + " accuracy drop against the previous run ("
                                    + pct(100 * before) + " then)"));
                }
            }
        }
    }

    public static boolean allPassed(List<GateVerdict> verdicts) {
        return verdicts.stream().allMatch(GateVerdict::passed);
    }


    private static GateVerdict verdict(String name, boolean passed, String measured, String limit, String what) {
        return new GateVerdict(name, passed, measured, limit,
                what + " " + measured + (passed ? " meets " : " fails ") + limit);
    }

    private static String pct(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
