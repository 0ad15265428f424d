package org.talecamel.run;

/** Told when a run ends, or when the inbox had nothing to run. */
public interface RunListener {

    void runFinished(RunOutcome outcome);

    void inboxEmpty();
}
