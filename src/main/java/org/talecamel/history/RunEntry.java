package org.talecamel.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One run in {@code data-out/runs/index.json}.
 *
 * @param gates      {@code passed}, {@code failed}, or {@code none} when no gate was set
 * @param report     the run's HTML report, relative to the runs folder
 * @param finishedAt null in entries written before it was recorded
 * @param problems   the problems the run read; null in entries written before it was recorded
 */
public record RunEntry(String runId, Instant startedAt, String suite, String model, boolean simulated,
                       List<MethodFigures> methods, BigDecimal totalExpenseUsd, String gates, String report,
                       Instant finishedAt, Long problems) {

    /** One method's headline figures in a run. */
    public record MethodFigures(String method, double accuracy, double meanOutputTokens, BigDecimal meanExpenseUsd) {
    }

    /** Runs compare with earlier runs of the same suite on the same model, simulated or not. */
    public boolean comparableWith(String otherSuite, String otherModel, boolean otherSimulated) {
        return suite.equals(otherSuite) && model.equals(otherModel) && simulated == otherSimulated;
    }
}
