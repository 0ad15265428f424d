package org.talecamel.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.talecamel.cost.Expense;

/**
 * How far an open run has got: what the console shows every few seconds.
 *
 * @param expectedProblems the problems its files hold as far as known (lines of the files read so far), 0 if unknown
 * @param done             problems whose methods have all answered
 * @param batches          the run's batches at the Batch API ({@code tale.llm.mode=batch}), oldest first; empty when
 *                         its calls go one by one
 */
public record Progress(String runId, long expectedProblems, long read, long done, Duration elapsed,
                       long outputTokens, BigDecimal expenseUsd, List<BatchStatus> batches) {

    public Progress {
        batches = batches == null ? List.of() : List.copyOf(batches);
    }

    public Progress(String runId, long expectedProblems, long read, long done, Duration elapsed, long outputTokens,
                    BigDecimal expenseUsd) {
        this(runId, expectedProblems, read, done, elapsed, outputTokens, expenseUsd, List.of());
    }

    /** The batches whose answers are not in yet. */
    public List<BatchStatus> pendingBatches() {
        return batches.stream().filter(BatchStatus::pending).toList();
    }

    public double problemsPerSecond() {
        double seconds = elapsed.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /**
     * What is said of a run the process was asked to stop in: "Run 2026… interrupted after 420 of 1319 problems; run
     * the same command again to finish it (answers received so far are not asked again)".
     */
    public String describeInterrupted() {
        return "Run " + runId + " interrupted after " + done + " of " + Math.max(expectedProblems, read)
                + " problems; run the same command again to finish it (answers received so far are not asked again)";
    }

    /**
     * "Run 2026…: 420/1319 problems (31.8%), 41.7/s, ETA 21 s, 98,211 output tokens, $0.0212 so far". While batches
     * are pending at the Batch API, their state instead of a rate: "…(31.8%), waiting on batch 2 (batch_abc)
     * in_progress: 120 of 300 answered, 98,211 output tokens…"; answers come when a batch ends, so a rate would
     * promise nothing.
     */
    public String describe() {
        StringBuilder text = new StringBuilder("Run ").append(runId).append(": ").append(done);
        long total = Math.max(expectedProblems, read);
        if (total > 0) {
            text.append('/').append(total).append(" problems (")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * done / total)).append(')');
        } else {
            text.append(" problems");
        }
        List<BatchStatus> waiting = pendingBatches();
        if (!waiting.isEmpty()) {
            text.append(", ").append(waitingOn(waiting));
        } else {
            double rate = problemsPerSecond();
            text.append(String.format(Locale.ROOT, ", %.1f/s", rate));
            if (total > done && rate > 0) {
                text.append(", ETA ").append(Math.round((total - done) / rate)).append(" s");
            }
        }
        text.append(String.format(Locale.ROOT, ", %,d output tokens", outputTokens))
                .append(", ").append(Expense.total(expenseUsd)).append(" so far");
        return text.toString();
    }

    /** "waiting on batch 2 (batch_abc) in_progress: 120 of 300 answered"; with several, "and batch 3 (…) …". */
    public static String waitingOn(List<BatchStatus> pending) {
        return "waiting on " + String.join(" and ", pending.stream().map(BatchStatus::describe).toList());
    }
}
