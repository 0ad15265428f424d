package org.talecamel.flow;

import java.nio.file.Path;

/**
 * How an execution of the batch job ended, as the job reports it.
 *
 * @param exitStatus {@code PASSED} or {@code GATE_FAILED} (the run completed: the job ends COMPLETED),
 *                   {@code FAILED} (the run stopped before it completed: the job ends FAILED, with the reason) or
 *                   {@code STOPPED} (the job was stopped: the run waits, resumable, for the job's restart)
 * @param runId      the run it ran or resumed
 * @param directory  the run's folder: {@code report.md}, {@code audit.csv}, {@code junit.xml}
 * @param reason     why it failed or stopped; null when it completed
 */
public record BatchJobResult(String exitStatus, String runId, Path directory, String reason) {

    public static final String PASSED = "PASSED";
    public static final String GATE_FAILED = "GATE_FAILED";
    public static final String FAILED = "FAILED";
    public static final String STOPPED = "STOPPED";

    /** True when the run completed, whatever its gates said: the job ends COMPLETED. */
    public boolean completed() {
        return exitStatus.equals(PASSED) || exitStatus.equals(GATE_FAILED);
    }
}
