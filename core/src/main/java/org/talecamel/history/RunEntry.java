package org.talecamel.history;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run's figures on one of its models in {@code data-out/runs/index.json}: a run of two models has two entries.
 *
 * @param model         the label of the model (with {@code @effort} for a reasoning effort)
 * @param spentUsd      what the run spent at list prices (answers from the response cache cost it nothing); null when
 *                      a price is unknown. Older entries wrote it as {@code totalExpenseUsd}.
 * @param gates         {@code passed}, {@code failed}, or {@code none} when no gate was set
 * @param report        the run's HTML report, relative to the runs folder
 * @param finishedAt    null in entries written before it was recorded
 * @param problems      the problems the run read; null in entries written before it was recorded
 * @param status        {@code finished} (it completed) or {@code stopped}; null in entries written before it was
 *                      recorded, which all completed
 * @param stopReason    why it stopped, or null
 * @param files         the names of the files it read; null in older entries
 * @param comparisonKey what another run must share with it to compare (the same inputs, model, endpoint and settings
 *                      that change answers); null in older entries, which compare by suite and model
 * @param answersCostUsd what its answers cost at list prices, whoever paid (answers from the response cache at what
 *                      they first cost); null when a price is unknown, and in older entries
 * @param cachedAnswers calls answered from the response cache; null in older entries
 */
public record RunEntry(String runId, Instant startedAt, String suite, String model, boolean simulated,
                       List<MethodFigures> methods,
                       @com.fasterxml.jackson.annotation.JsonAlias("totalExpenseUsd") BigDecimal spentUsd,
                       String gates, String report, Instant finishedAt, Long problems, String status, String stopReason,
                       List<String> files, String comparisonKey, BigDecimal answersCostUsd, Long cachedAnswers) {

    /**
     * One method's headline figures in a run, on one of its models.
     *
     * @param accuracy 0..1; null when no problem got an answer
     * @param model    the label of the model; null in entries written before runs had several
     */
    public record MethodFigures(String method, Double accuracy, double meanOutputTokens, BigDecimal meanExpenseUsd,
                                String model) {
    }

    /** True when the run completed: only a completed run is a baseline, a point of a trend, or a previous run. */
    @JsonIgnore
    public boolean completed() {
        return status == null || status.equals("finished");
    }

    /** The runs it compares with: the same key, or for older entries the same suite on the same model. */
    @JsonIgnore
    String group() {
        return comparisonKey != null ? comparisonKey : "suite " + suite + "\n" + model + "\n" + simulated;
    }

    /** Whether a run of this key compares with this one: it completed and has the same key. */
    public boolean comparableWith(String otherKey) {
        return completed() && Objects.equals(comparisonKey, otherKey) && otherKey != null;
    }
}
