package org.talecamel.run;

import java.math.BigDecimal;

/**
 * One method's figures on one of a run's models, on one data set or on all ({@code dataset} = {@value Run#ALL_DATASETS}).
 *
 * @param model                  the label of the model ({@link ModelTarget#label}); its cot is the baseline of the
 *                               reductions and changes below
 * @param problems               problems with a result for this method (a failed call counts, as wrong)
 * @param answered               problems that got a usable answer; token means are over these
 * @param accuracy               correct / problems, 0..1; null when no problem got an answer (not 0: nothing was
 *                               measured)
 * @param meanAnswerTokens       mean output tokens of the answer (for search: at the optimal budget)
 * @param meanEstimationTokens   mean output tokens of the budget estimator call (TALE-EP), 0 for other methods
 * @param meanOutputTokens       answer plus estimation: the output tokens the method costs per problem
 * @param calls                  every call the method made (estimates, answers, search steps, sweep budgets)
 * @param totalCallOutputTokens  output tokens over all those calls
 * @param totalExpenseUsd        what all those calls' answers cost at list price (at batch price those that came in a
 *                               batch), answers from the response cache at what they first cost (this run paid nothing
 *                               for those); null when a price is unknown
 * @param meanExpenseUsd         total expense per problem; null when a price is unknown
 * @param tokenReductionPercent  reduction of {@code meanOutputTokens} against {@code cot}; null for cot or without it
 * @param expenseReductionPercent reduction of {@code meanExpenseUsd} against {@code cot}; null likewise
 * @param accuracyChangePoints   accuracy minus cot's accuracy, in percentage points; null likewise
 * @param meanPaperTokens        mean tokens of the answer alone as the paper counted them (cl100k of its text, the
 *                               reference's {@code token_measure}; TALE-EP's estimator not included)
 * @param paperTokenReductionPercent reduction of {@code meanPaperTokens} against {@code cot}; null likewise
 * @param meanReasoningTokens    of {@code meanOutputTokens}, the model's reasoning (audit column
 *                               {@code reasoning_tokens} of the estimate and answer calls); 0 for models that report
 *                               none
 * @param batched                its answers that came in batches ({@code tale.llm.mode=batch}): what they cost, and
 *                               what they would have cost sent call by call; null (not in summary.json) when none did
 */
public record MethodSummary(
        String dataset,
        String model,
        String method,
        int problems,
        int answered,
        int correct,
        Double accuracy,
        int errors,
        int truncated,
        double meanAnswerTokens,
        double meanEstimationTokens,
        double meanOutputTokens,
        long totalAnswerTokens,
        long totalEstimationTokens,
        long totalOutputTokens,
        long calls,
        long totalCallOutputTokens,
        long totalPromptTokens,
        BigDecimal totalExpenseUsd,
        BigDecimal meanExpenseUsd,
        Double meanBudget,
        int budgetFallbacks,
        Double tokenReductionPercent,
        Double expenseReductionPercent,
        Double accuracyChangePoints,
        double meanPaperTokens,
        Double paperTokenReductionPercent,
        double meanReasoningTokens,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        BatchedCalls batched) {

    /** True when at least one problem got a usable answer: only then do accuracy and token means say anything. */
    public boolean measured() {
        return answered > 0;
    }
}
