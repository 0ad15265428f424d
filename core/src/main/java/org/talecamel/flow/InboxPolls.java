package org.talecamel.flow;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.talecamel.run.RunCoordinator;

/**
 * When the inbox polls (routes/inbox.camel.yaml): only once every file of the run the last poll made has been read, so
 * that each poll makes its own run. Files read one at a time hold the consumer's thread until then anyway; files read
 * at once (batch mode, whose calls wait on their batches without holding a thread) do not, and without this a file
 * dropped while their batches are pending would join their run.
 */
public final class InboxPolls extends DefaultPollingConsumerPollStrategy {

    private final RunCoordinator runs;

    public InboxPolls(RunCoordinator runs) {
        this.runs = runs;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return !runs.readingInbox();
    }
}
