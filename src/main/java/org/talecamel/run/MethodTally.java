package org.talecamel.run;

import org.talecamel.audit.AuditRow;

/** Running totals for one method, fed by its audit rows. Not thread-safe: {@link Run} guards it. */
final class MethodTally {

    private final String method;
    private int problems;
    private int answered;
    private int correct;
    private int errors;
    private int truncated;
    private int estimates;
    private int budgetFallbacks;
    private long budgetSum;
    private int budgets;
    private long answerTokens;
    private long estimationTokens;
    private long promptTokens;

    MethodTally(String method) {
        this.method = method;
    }

    void add(AuditRow row) {
        promptTokens += nullToZero(row.promptTokens());
        if ("estimate".equals(row.phase())) {
            estimates++;
            estimationTokens += nullToZero(row.completionTokens());
            return;
        }
        problems++;
        if (row.budget() != null) {
            budgetSum += row.budget();
            budgets++;
            if ("fallback".equals(row.budgetSource())) {
                budgetFallbacks++;
            }
        }
        if ("error".equals(row.outcome())) {
            errors++;
            return;
        }
        answered++;
        answerTokens += nullToZero(row.completionTokens());
        if (Boolean.TRUE.equals(row.correct())) {
            correct++;
        }
        if ("length".equals(row.finishReason())) {
            truncated++;
        }
    }

    MethodSummary summary(MethodTally baseline) {
        double accuracy = ratio(correct, problems);
        double meanAnswer = ratio(answerTokens, answered);
        double meanEstimation = ratio(estimationTokens, estimates);
        double meanTotal = meanAnswer + meanEstimation;
        Double reduction = null;
        Double accuracyChange = null;
        if (baseline != null && baseline != this && baseline.answered > 0 && answered > 0) {
            MethodSummary base = baseline.summary(null);
            reduction = base.meanOutputTokens() == 0 ? null : 100.0 * (1 - meanTotal / base.meanOutputTokens());
            accuracyChange = 100.0 * (accuracy - base.accuracy());
        }
        return new MethodSummary(method, problems, answered, correct, accuracy, errors, truncated,
                meanAnswer, meanEstimation, meanTotal, answerTokens, estimationTokens, answerTokens + estimationTokens,
                promptTokens, budgets == 0 ? null : (double) budgetSum / budgets, budgetFallbacks, reduction,
                accuracyChange);
    }

    private static long nullToZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }
}
