package org.talecamel.gates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * @param previousAccuracy each method's accuracy (0..1) in the previous run of the same suite and model; empty
     *                         when there is none, which fails every accuracy-drop gate as not measured
     */
    public static List<GateVerdict> evaluate(GateLimits limits, RunSummary run, Map<String, Double> previousAccuracy) {
        List<GateVerdict> verdicts = new ArrayList<>();
        MethodSummary cot = run.results().stream().filter(m -> m.method().equals("cot")).findFirst().orElse(null);
        for (MethodSummary m : run.results()) {
            Double minAccuracy = limitFor(limits.minAccuracyPercent(), m.method());
            if (minAccuracy != null && GateKeys.judges("min-accuracy", m.method()) && !m.measured()) {
                verdicts.add(new GateVerdict("min-accuracy." + m.method(), false, "not measured", "≥ " + pct(minAccuracy),
                        m.method() + " accuracy cannot be measured: no problem got an answer"));
            } else if (minAccuracy != null && GateKeys.judges("min-accuracy", m.method())) {
                double measured = 100 * m.accuracy();
                verdicts.add(verdict("min-accuracy." + m.method(), measured >= minAccuracy, pct(measured),
                        "≥ " + pct(minAccuracy), m.method() + " accuracy"));
            }
            Double maxTokens = limitFor(limits.maxMeanOutputTokens(), m.method());
            if (maxTokens != null && !m.measured()) {
                verdicts.add(new GateVerdict("max-mean-output-tokens." + m.method(), false, "not measured",
                        "≤ " + num(maxTokens), m.method() + " mean output tokens cannot be measured: no problem got an answer"));
            } else if (maxTokens != null) {
                verdicts.add(verdict("max-mean-output-tokens." + m.method(), m.meanOutputTokens() <= maxTokens,
                        num(m.meanOutputTokens()), "≤ " + num(maxTokens), m.method() + " mean output tokens"));
            }
            Double minReduction = limitFor(limits.minTokenReductionPercent(), m.method());
            if (minReduction != null && GateKeys.judges("min-token-reduction", m.method())) {
                Double reduction = m.tokenReductionPercent();
                verdicts.add(reduction == null
                        ? new GateVerdict("min-token-reduction." + m.method(), false, "not measured", "≥ " + pct(minReduction),
                                m.method() + " token reduction cannot be measured: cot "
                                        + (cot == null ? "did not run" : "has no answers"))
                        : verdict("min-token-reduction." + m.method(), reduction >= minReduction, pct(reduction),
                                "≥ " + pct(minReduction), m.method() + " token reduction against cot"));
            }
            Double maxDrop = limitFor(limits.maxAccuracyDropPoints(), m.method());
            if (maxDrop != null && GateKeys.judges("max-accuracy-drop", m.method())) {
                Double before = previousAccuracy.get(m.method());
                String name = "max-accuracy-drop." + m.method();
                if (!m.measured()) {
                    verdicts.add(new GateVerdict(name, false, "not measured", "≤ " + num(maxDrop) + " pts",
                            name + " not measured: no problem got an answer in this run; a gate that cannot be"
                                    + " measured fails"));
                } else if (before == null) {
                    verdicts.add(new GateVerdict(name, false, "not measured", "≤ " + num(maxDrop) + " pts",
                            name + " not measured: " + (previousAccuracy.isEmpty()
                                    ? "no previous completed run over the same inputs, with the same model and settings,"
                                            + " to compare with"
                                    : "the previous completed run over the same inputs has no accuracy for " + m.method())
                                    + "; a gate that cannot be measured fails"));
                } else {
                    double drop = 100 * (before - m.accuracy());
                    verdicts.add(verdict("max-accuracy-drop." + m.method(), drop <= maxDrop, num(drop) + " pts",
                            "≤ " + num(maxDrop) + " pts", m.method() + " accuracy drop against the previous run ("
                                    + pct(100 * before) + " then)"));
                }
            }
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
            verdicts.add(known
                    ? verdict("max-expense-usd", total.compareTo(limits.maxExpenseUsd()) <= 0, Expense.total(total),
                            "≤ " + Expense.total(limits.maxExpenseUsd()), "run expense")
                    : new GateVerdict("max-expense-usd", false, Expense.PRICE_UNKNOWN,
                            "≤ " + Expense.total(limits.maxExpenseUsd()),
                            "run expense cannot be measured: a model's price is unknown (see config/prices.csv)"));
        }
        return verdicts;
    }

    public static boolean allPassed(List<GateVerdict> verdicts) {
        return verdicts.stream().allMatch(GateVerdict::passed);
    }

    private static Double limitFor(Map<String, Double> limits, String method) {
        return limits.containsKey(method) ? limits.get(method) : limits.get("");
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
