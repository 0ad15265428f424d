package org.talecamel.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the audit: one LLM call, or one rejected input.
 * Numbers that do not apply are null and written as empty cells.
 *
 * @param phase   {@code estimate}, {@code answer}, {@code search} (a step of the budget search) or {@code sweep} (a budget
 *                of the elasticity sweep) for a call; {@code input} for a rejection
 * @param costUsd what the call cost at the model's list price, or at its batch price for an answer that came in a batch
 *                ({@code batched}); null when that price is unknown or nothing was spent; 0 for an answer from the
 *                response cache: this run paid nothing for it
 * @param outcome {@code ok}, {@code error} (the call failed or the budget fell back) or {@code rejected}
 * @param firstCostUsd for an answer from the response cache, what it cost when it was first asked, at the model's
 *                list price; null for every other row
 * @param paperTokens the answer's tokens as the TALE paper counted them: cl100k of the answer text (the reference's
 *                {@code token_measure}), whatever {@code usage} said; for answer calls only, null for every other row
 * @param reasoningTokens of {@code completionTokens}, the model's reasoning (OpenAI's
 *                {@code usage.completion_tokens_details.reasoning_tokens}, or the reasoning text counted with cl100k);
 *                {@code completionTokens} stays the billed total, reasoning included; null when none was reported
 * @param reasoning the reasoning text the endpoint sent beside the answer (vLLM's {@code reasoning_content}...),
 *                kept for reading, never scored; null or empty when none
 * @param askedModel the run's model the call was asked of, as reports name it ({@code tale.models}; with
 *                {@code @effort} for a reasoning effort): {@code model} is the one that answered, as the endpoint named
 *                it (a dated snapshot, say); null for a rejected input
 * @param batched an answer that came in a batch of the provider's Batch API ({@code tale.llm.mode=batch}): its
 *                {@code costUsd} is at the batch price
 * @param callByCallCostUsd for a batched answer, what it would have cost sent call by call, at the model's list price;
 *                null for every other row, or when the list price is unknown
 */
public record AuditRow(
        String runId,
        Instant timestamp,
        String sourceFile,
        long line,
        String problemId,
        String dataset,
        String method,
        String phase,
        Integer budget,
        String budgetSource,
        String model,
        Integer httpStatus,
        Long latencyMs,
        Integer promptTokens,
        Integer completionTokens,
        String tokenSource,
        String finishReason,
        java.math.BigDecimal costUsd,
        String expected,
        String extracted,
        Boolean correct,
        String outcome,
        String error,
        String response,
        java.math.BigDecimal firstCostUsd,
        Integer paperTokens,
        Integer reasoningTokens,
        String reasoning,
        String askedModel,
        boolean batched,
        java.math.BigDecimal callByCallCostUsd) {

    public static final List<String> COLUMNS = List.of(
            "run_id", "timestamp", "source_file", "line", "problem_id", "dataset", "asked_model", "method", "phase", "budget", "budget_source",
            "model", "http_status", "latency_ms", "prompt_tokens", "completion_tokens", "reasoning_tokens",
            "paper_tokens", "token_source",
            "finish_reason",
            "cost_usd", "first_cost_usd", "call_by_call_cost_usd", "expected", "extracted", "correct", "outcome", "error", "response",
            "reasoning");

    /** A row of anything but an answer that came in a batch. */
    public AuditRow(String runId, Instant timestamp, String sourceFile, long line, String problemId, String dataset,
                    String method, String phase, Integer budget, String budgetSource, String model,
                    Integer httpStatus, Long latencyMs, Integer promptTokens, Integer completionTokens,
                    String tokenSource, String finishReason, java.math.BigDecimal costUsd, String expected,
                    String extracted, Boolean correct, String outcome, String error, String response,
                    java.math.BigDecimal firstCostUsd, Integer paperTokens, Integer reasoningTokens, String reasoning,
                    String askedModel) {
        this(runId, timestamp, sourceFile, line, problemId, dataset, method, phase, budget, budgetSource, model,
                httpStatus, latencyMs, promptTokens, completionTokens, tokenSource, finishReason, costUsd, expected,
                extracted, correct, outcome, error, response, firstCostUsd, paperTokens, reasoningTokens, reasoning,
                askedModel, false, null);
    }

    /** A row of anything but an answer. */
    public AuditRow(String runId, Instant timestamp, String sourceFile, long line, String problemId, String dataset,
                    String askedModel, String method, String phase, Integer budget, String budgetSource, String model,
                    Integer httpStatus, Long latencyMs, Integer promptTokens, Integer completionTokens, String tokenSource,
                    String finishReason, java.math.BigDecimal costUsd, String expected, String extracted,
                    Boolean correct, String outcome, String error, String response) {
        this(runId, timestamp, sourceFile, line, problemId, dataset, method, phase, budget, budgetSource, model,
                httpStatus, latencyMs, promptTokens, completionTokens, tokenSource, finishReason, costUsd, expected,
                extracted, correct, outcome, error, response, null, null, null, null, askedModel);
    }

    /** A rejected input: a line, or a whole file ({@code line} 0), that could not be used. */
    public static AuditRow rejected(String runId, Instant timestamp, String sourceFile, long line, String reason) {
        return new AuditRow(runId, timestamp, sourceFile, line, null, null, null, null, "input", null, null, null, null, null,
                null, null, null, null, null, null, null, null, "rejected", reason, null);
    }

    /** The cells in {@link #COLUMNS} order; nulls become empty cells. */
    public List<String> cells() {
        Object[] values = {runId, timestamp, sourceFile, line > 0 ? line : null, problemId, dataset, askedModel, method, phase, budget,
                budgetSource, model, httpStatus, latencyMs, promptTokens, completionTokens, reasoningTokens, paperTokens,
                tokenSource, finishReason,
                costUsd == null ? null : costUsd.toPlainString(), firstCostUsd == null ? null : firstCostUsd.toPlainString(),
                callByCallCostUsd == null ? null : callByCallCostUsd.toPlainString(),
                expected, extracted, correct, outcome, error, response, reasoning};
        return Arrays.stream(values).map(v -> v == null ? "" : wellFormed(v.toString())).toList();
    }

    /** Model output can hold a lone UTF-16 surrogate (a JSON {@code \ud800}), which UTF-8 cannot encode: U+FFFD. */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
