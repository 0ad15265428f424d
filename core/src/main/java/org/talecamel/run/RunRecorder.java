package org.talecamel.run;

/**
 * What becomes of a run that finished (not one that was interrupted): its quality gates are judged, its reports,
 * junit.xml and history entry written. {@link RunCoordinator} calls it, one run at a time; it is implemented outside
 * this package ({@code org.talecamel.outcome}), so that runs know nothing of reports or the history that read them.
 */
@FunctionalInterface
public interface RunRecorder {

    /** @return the run's verdicts and the files written for it */
    RunOutcome record(Run run, RunSummary summary);
}
