package org.talecamel.run;

/**
 * One method's figures in a run.
 *
 * @param problems                problems the method was run on (errors included)
 * @param answered                problems that got a usable answer; token means are over these
 * @param accuracy                correct / problems, 0..1 (an error counts as wrong)
 * @param meanAnswerTokens        mean output tokens of the answer call
 * @param meanEstimationTokens    mean output tokens of the budget estimator call (TALE-EP), 0 for other methods
 * @param meanOutputTokens        answer plus estimation: what the method really costs in output tokens
 * @param tokenReductionPercent   reduction of {@code meanOutputTokens} against {@code cot}; null for cot or without cot
 * @param accuracyChangePoints    accuracy minus cot's accuracy, in percentage points; null likewise
 */
public record MethodSummary(
        String method,
        int problems,
        int answered,
        int correct,
        double accuracy,
        int errors,
        int truncated,
        double meanAnswerTokens,
        double meanEstimationTokens,
        double meanOutputTokens,
        long totalAnswerTokens,
        long totalEstimationTokens,
        long totalOutputTokens,
        long totalPromptTokens,
        Double meanBudget,
        int budgetFallbacks,
        Double tokenReductionPercent,
        Double accuracyChangePoints) {
}
