package org.talecamel.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the audit: one LLM call, or one rejected input.
 * Numbers that do not apply are null and written as empty cells.
 *
 * @param phase   {@code estimate} or {@code answer} for a call, {@code input} for a rejection
 * @param outcome {@code ok}, {@code error} (the call failed or the budget fell back) or {@code rejected}
 */
public record AuditRow(
        String runId,
        Instant timestamp,
        String sourceFile,
        long line,
        String problemId,
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
        String expected,
        String extracted,
        Boolean correct,
        String outcome,
        String error,
        String response) {

    public static final List<String> COLUMNS = List.of(
            "run_id", "timestamp", "source_file", "line", "problem_id", "method", "phase", "budget", "budget_source",
            "model", "http_status", "latency_ms", "prompt_tokens", "completion_tokens", "token_source", "finish_reason",
            "expected", "extracted", "correct", "outcome", "error", "response");

    /** The cells in {@link #COLUMNS} order; nulls become empty cells. */
    public List<String> cells() {
        Object[] values = {runId, timestamp, sourceFile, line > 0 ? line : null, problemId, method, phase, budget,
                budgetSource, model, httpStatus, latencyMs, promptTokens, completionTokens, tokenSource, finishReason,
                expected, extracted, correct, outcome, error, response};
        return Arrays.stream(values).map(v -> v == null ? "" : v.toString()).toList();
    }
}
