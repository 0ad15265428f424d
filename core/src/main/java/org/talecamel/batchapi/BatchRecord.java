package org.talecamel.batchapi;

import java.time.Instant;
import org.talecamel.run.BatchStatus;

/**
 * One batch of a run as its run folder keeps it ({@code batches/batch-N.json}), written the moment each id exists:
 * a process killed while the batch is pending finds it again on its next start, and neither uploads its file again
 * nor creates a second batch.
 *
 * @param fileId   the uploaded input file's id; null until it is uploaded
 * @param batchId  the batch's id; null until it is created
 * @param endedAt  when its answers were collected (or it was given up); null while pending
 * @param note     why it ended as it did, when not completed; else null
 */
public record BatchRecord(int number, String model, String chatUrl, int lines, long bytes, String fileId,
                          String batchId, String status, int total, int completed, int failed, String outputFileId,
                          String errorFileId, Instant submittedAt, Instant endedAt, String note) {

    static BatchRecord gathered(int number, String model, String chatUrl, int lines, long bytes, Instant now) {
        return new BatchRecord(number, model, chatUrl, lines, bytes, null, null, "uploading", lines, 0, 0, null, null,
                now, null, null);
    }

    BatchRecord uploaded(String id) {
        return new BatchRecord(number, model, chatUrl, lines, bytes, id, batchId, "creating", total, completed, failed,
                outputFileId, errorFileId, submittedAt, endedAt, note);
    }

    BatchRecord polled(RemoteBatch remote) {
        return new BatchRecord(number, model, chatUrl, lines, bytes, fileId, remote.id(), remote.status(),
                remote.total() > 0 ? remote.total() : lines, remote.completed(), remote.failed(),
                remote.outputFileId(), remote.errorFileId(), submittedAt, endedAt, note);
    }

    BatchRecord ended(Instant when, String why) {
        return new BatchRecord(number, model, chatUrl, lines, bytes, fileId, batchId, status, total, completed, failed,
                outputFileId, errorFileId, submittedAt, when, why);
    }

    BatchRecord withStatus(String now) {
        return new BatchRecord(number, model, chatUrl, lines, bytes, fileId, batchId, now, total, completed, failed,
                outputFileId, errorFileId, submittedAt, endedAt, note);
    }

    boolean pending() {
        return endedAt == null;
    }

    BatchStatus view() {
        return new BatchStatus(number, model, batchId, status, total, completed, failed, submittedAt, endedAt);
    }
}
