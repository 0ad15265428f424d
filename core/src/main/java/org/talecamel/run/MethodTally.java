package org.talecamel.run;

import java.math.BigDecimal;
import java.util.Arrays;
import org.talecamel.audit.AuditRow;
import org.talecamel.cost.Expense;

/**
 * Running totals for one method on one of the run's models (on one data set, or on all): its calls, from the audit rows, and its results.
 * Not thread-safe: {@link Run} guards it.
 */
final class MethodTally {

    private final String dataset;
    private final String model;
    private final String method;
    // every call the method made
    private long calls;
    private long estimates;
    private long estimationTokens;
    private long promptTokens;
    private long completionTokens;
    /** the reasoning tokens of the estimate and answer calls: part of the output tokens per problem */
    private long reasoningTokens;
    private BigDecimal expenseUsd = BigDecimal.ZERO;
    private long unpricedCalls;
    private final BatchedCalls.Tally batched = new BatchedCalls.Tally();
    // one result per problem
    private int problems;
    private int answered;
    private int correct;
    private int errors;
    private int truncated;
    private int budgets;
    private long budgetSum;
    private int budgetFallbacks;
    private long resultTokens;
    private long resultPaperTokens;
    private int[] tokens = new int[64];

    MethodTally(String dataset, String model, String method) {
        this.dataset = dataset;
        this.model = model;
        this.method = method;
    }

    void call(AuditRow row) {
        calls++;
        promptTokens += orZero(row.promptTokens());
        completionTokens += orZero(row.completionTokens());
        if ("estimate".equals(row.phase()) || "answer".equals(row.phase())) {
            reasoningTokens += orZero(row.reasoningTokens());
        }
        if ("estimate".equals(row.phase())) {
            estimates++;
            estimationTokens += orZero(row.completionTokens());
        }
        // what the answer cost at list price (at batch price if it came in a batch), whoever paid: an answer from the
        // response cache costs what it first did
        batched.add(row);
        BigDecimal answerCost = "cached".equals(row.outcome()) ? row.firstCostUsd() : row.costUsd();
        if (answerCost != null) {
            expenseUsd = expenseUsd.add(answerCost);
        } else if (row.completionTokens() != null) {
            unpricedCalls++;
        }
    }

    void result(Result result) {
        problems++;
        if (result.budget() != null) {
            budgets++;
            budgetSum += result.budget();
            // tale-native's are "fallback (native max_completion_tokens)"
            if (result.budgetSource() != null && result.budgetSource().startsWith("fallback")) {
                budgetFallbacks++;
            }
        }
        if (result.outputTokens() == null) {
            errors++;
            return;
        }
        if (answered == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[answered++] = result.outputTokens();
        resultTokens += result.outputTokens();
        resultPaperTokens += result.paperTokens() == null ? 0 : result.paperTokens();
        if (result.correct()) {
            correct++;
        }
        if (result.truncated()) {
            truncated++;
        }
    }

    /** The output tokens of every usable result, for distribution charts. */
    int[] resultTokens() {
        return Arrays.copyOf(tokens, answered);
    }

    /** Adds another tally's figures to this one (for the all-data-sets total). */
    void add(MethodTally other) {
        calls += other.calls;
        estimates += other.estimates;
        estimationTokens += other.estimationTokens;
        promptTokens += other.promptTokens;
        completionTokens += other.completionTokens;
        reasoningTokens += other.reasoningTokens;
        expenseUsd = expenseUsd.add(other.expenseUsd);
        unpricedCalls += other.unpricedCalls;
        batched.add(other.batched);
        problems += other.problems;
        correct += other.correct;
        errors += other.errors;
        truncated += other.truncated;
        budgets += other.budgets;
        budgetSum += other.budgetSum;
        budgetFallbacks += other.budgetFallbacks;
        resultTokens += other.resultTokens;
        resultPaperTokens += other.resultPaperTokens;
        for (int i = 0; i < other.answered; i++) {
            if (answered == tokens.length) {
                tokens = Arrays.copyOf(tokens, tokens.length * 2);
            }
            tokens[answered++] = other.tokens[i];
        }
    }

    MethodSummary summary(MethodTally baseline) {
        Double accuracy = answered == 0 ? null : ratio(correct, problems);
        double meanAnswer = ratio(resultTokens, answered);
        double meanEstimation = ratio(estimationTokens, estimates);
        double meanTotal = meanAnswer + meanEstimation;
        double meanPaper = ratio(resultPaperTokens, answered);
        // no call made costs nothing; a mean per problem needs an answered problem, like the token means
        boolean priced = unpricedCalls == 0;
        BigDecimal meanExpense = priced && answered > 0 ? Expense.mean(expenseUsd, problems) : null;
        Double reduction = null;
        Double expenseReduction = null;
        Double accuracyChange = null;
        Double paperReduction = null;
        if (baseline != null && baseline != this && baseline.answered > 0 && answered > 0) {
            MethodSummary base = baseline.summary(null);
            reduction = base.meanOutputTokens() == 0 ? null : 100.0 * (1 - meanTotal / base.meanOutputTokens());
            paperReduction = base.meanPaperTokens() == 0 ? null : 100.0 * (1 - meanPaper / base.meanPaperTokens());
            // search answers only the problems cot got right, so its accuracy is not comparable with cot's
            accuracyChange = method.equals("search") ? null : 100.0 * (accuracy - base.accuracy());
            if (meanExpense != null && base.meanExpenseUsd() != null && base.meanExpenseUsd().signum() > 0) {
                expenseReduction = 100.0 * (1 - meanExpense.doubleValue() / base.meanExpenseUsd().doubleValue());
            }
        }
        return new MethodSummary(dataset, model, method, problems, answered, correct, accuracy, errors, truncated,
                meanAnswer, meanEstimation, meanTotal, resultTokens, estimationTokens, resultTokens + estimationTokens,
                calls, completionTokens, promptTokens, priced ? expenseUsd : null, meanExpense,
                budgets == 0 ? null : (double) budgetSum / budgets, budgetFallbacks, reduction, expenseReduction,
                accuracyChange, meanPaper, paperReduction, ratio(reasoningTokens, answered), batched.summary());
    }

    /** Adds this method's answers that came in batches to a run's. */
    void addBatchedTo(BatchedCalls.Tally all) {
        all.add(batched);
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }
}
