package org.talecamel.batch;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.talecamel.flow.BatchJobResult;

/**
 * The running application that executions of the batch job {@code tale-evaluation} run in: the WAR's deployment
 * (set by its {@code CamelLifecycle} once Camel has started) or the jar's {@code --job} (JBeret SE). Cleared when
 * Camel stops.
 *
 * @param camel   the started Camel application, whose {@code direct:batch-job} route runs each execution
 * @param home    the folder the job's relative paths are read from: the tale home, or the working folder
 * @param resume  how an execution finds the run an earlier one left unfinished
 * @param endings told how each execution's run ended (its execution id, the run's id, folder and exit status)
 */
public record JobHost(CamelContext camel, Path home, Resume resume, BiConsumer<Long, BatchJobResult> endings) {

    /** How an execution finds the run an earlier one left unfinished. */
    public enum Resume {
        /**
         * A server's job repository outlives the process: a restarted execution resumes the run of its job instance,
         * and a new job instance always opens a new run.
         */
        ON_RESTART,
        /**
         * JBeret SE's job repository lives as long as the process: like {@code --once}, the same job and parameters,
         * run again, finish the run a stopped or killed process left, and open a new one only when there is none.
         */
        SAME_PARAMETERS
    }

    private static volatile JobHost current;

    /** Hands the job the running application: call once Camel has started. */
    public static void serve(CamelContext camel, Path home, Resume resume) {
        serve(camel, home, resume, (execution, result) -> { });
    }

    /** The same, and {@code endings} is told how each execution's run ended. */
    public static void serve(CamelContext camel, Path home, Resume resume,
                             BiConsumer<Long, BatchJobResult> endings) {
        current = new JobHost(camel, home.toAbsolutePath().normalize(), resume, endings);
    }

    /** Camel of {@code camel} stops: executions from now on fail, saying so. */
    public static void withdraw(CamelContext camel) {
        JobHost host = current;
        if (host != null && host.camel() == camel) {
            current = null;
        }
    }

    void ended(long execution, BatchJobResult result) {
        endings.accept(execution, result);
    }

    /** The running application; an execution outside one fails, saying why. */
    static JobHost current() {
        JobHost host = current;
        if (host == null) {
            throw new IllegalStateException("tale-camel's Camel application is not running here (see the log for why"
                    + " it did not start, or whether it was stopped)");
        }
        return host;
    }
}
