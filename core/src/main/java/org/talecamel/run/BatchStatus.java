package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One batch of a run's calls at the provider's Batch API ({@code tale.llm.mode=batch}), as its last poll found it.
 *
 * @param number      the batch's number in its run, from 1
 * @param model       the model its requests ask
 * @param batchId     the provider's id of the batch; null until it is created
 * @param status      the provider's status: {@code validating}, {@code in_progress}, {@code finalizing},
 *                    {@code completed}, {@code failed}, {@code expired}, {@code cancelling}, {@code cancelled}; or
 *                    {@code uploading} before the batch exists
 * @param total       its requests ({@code request_counts.total}, or the lines uploaded before the provider counts)
 * @param completed   of those, answered so far ({@code request_counts.completed})
 * @param failed      of those, failed so far ({@code request_counts.failed})
 * @param submittedAt when its input file was uploaded
 * @param endedAt     when its answers were collected; null while it is pending
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchStatus(int number, String model, String batchId, String status, int total, int completed,
                          int failed, Instant submittedAt, Instant endedAt) {

    /** Still at the provider: its answers are not in yet. */
    public boolean pending() {
        return endedAt == null;
    }

    /** "batch 2 (batch_abc) in_progress: 120 of 300 answered, 0 failed". */
    public String describe() {
        return "batch " + number + (batchId == null ? "" : " (" + batchId + ")") + " " + status + ": " + completed
                + " of " + total + " answered" + (failed > 0 ? ", " + failed + " failed" : "");
    }
}
