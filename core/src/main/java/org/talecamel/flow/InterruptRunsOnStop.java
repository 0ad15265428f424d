package org.talecamel.flow;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.run.Run;
import org.talecamel.run.RunCoordinator;

/**
 * Interrupts every open run as soon as Camel starts to stop (Ctrl-C, or SIGTERM as Jenkins' abort sends: Camel Main's
 * shutdown hook stops the context), before Camel shuts the routes down. A run then sends nothing more, its calls in
 * flight finish (their answers are kept in the response cache), the rest of its file is not read, and it ends
 * interrupted: no report, its manifest kept, its file in {@code done/}, for the next start to finish. Without this,
 * the routes would wait for the run until {@code camel.main.shutdown-timeout} and then be forced down, failing the
 * file.
 */
public final class InterruptRunsOnStop extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptRunsOnStop.class);

    private final RunCoordinator runs;
    private final Runnable releaseWaitingCalls;

    /**
     * @param releaseWaitingCalls lets go the calls that wait on a batch (batch mode), once the runs are interrupted:
     *                            they end not sent, and the batches stay at the provider for the next start
     */
    public InterruptRunsOnStop(RunCoordinator runs, Runnable releaseWaitingCalls) {
        this.runs = runs;
        this.releaseWaitingCalls = releaseWaitingCalls;
        // the context's own events only: a notifier that takes exchange events has one made for every exchange
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreCamelContextInitEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent || event instanceof CamelEvent.CamelContextStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.CamelContextStoppingEvent) {
            for (Run run : runs.interruptAll()) {
                LOG.warn("Asked to stop: run {} sends nothing more; its calls in flight finish, and it is left for the"
                        + " next start to finish", run.id());
            }
            releaseWaitingCalls.run();
            return;
        }
        // a run still open now was forced down with its routes (calls in flight outlasted the shutdown timeout)
        for (Run run : runs.openRuns()) {
            runs.finish(run);
        }
    }
}
