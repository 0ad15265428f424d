package org.talecamel.run;

import java.nio.file.Path;

/** Told how a run gets on and when it ends, or when the inbox had nothing to run. */
public interface RunListener {

    void runFinished(RunOutcome outcome);

    /**
     * The process was asked to stop in the middle of the run: it wrote no report and is left for the next start (or
     * the same command run again) to finish. {@code progress} is how far it got.
     */
    void runInterrupted(Progress progress);

    /** The first poll of {@code inbox} found no file. */
    void inboxEmpty(Path inbox);

    /**
     * About every second while a run is open: how far it has got. {@code lineDue} is true every
     * {@code tale.progress.interval-ms}, when a plain log line should be written (a live progress bar may use every call).
     */
    void progress(Progress progress, boolean lineDue);
}
