package org.talecamel;

import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.talecamel.batch.JobHost;
import org.talecamel.batch.TaleEvaluationBatchlet;
import org.talecamel.flow.BatchJob;
import org.talecamel.flow.BatchJobResult;
import org.talecamel.flow.Warmup;
import org.talecamel.run.RunEnding;
import org.talecamel.suite.Suite;

/**
 * {@code --job tale-evaluation key=value ...}: the Jakarta Batch job of the WAR (the same job XML and batchlet, from
 * the core), run without a server on JBeret SE. Camel starts as for {@code --once}; the job runs, is waited for, and
 * the process exits with the code of how it ended: {@code PASSED} 0, {@code GATE_FAILED} 1, {@code FAILED} the code
 * of how the run ended (3 to 7), or 2 when no run was made. Ctrl-C or SIGTERM stops the job: the run is left
 * unfinished, and the same command run again finishes it (JBeret SE's job repository lives in memory, so it is the
 * same parameters, not the execution's restart, that find it).
 */
final class JobCommand {

    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);
    /** How long Ctrl-C waits for the job to stop: its calls in flight finish first. */
    private static final long STOP_WAIT_SECONDS = 60;

    private JobCommand() {
    }

    /**
     * Checks the job's name and parameters before anything starts.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static void check(String name, Map<String, String> parameters) {
        if (!BatchJob.NAME.equals(name)) {
            throw new IllegalArgumentException("no batch job '" + name + "' (the jar has one: " + BatchJob.NAME + ")");
        }
        BatchJob job = BatchJob.of(name, false, properties(parameters), Path.of(""));
        if (job.suite() != null) {
            Suite.load(Suite.FOLDER, job.suite());
        }
    }

    /** Runs the job in {@code main} (configured, not started) and returns the process's exit code. */
    static int run(String name, Map<String, String> parameters, Main main, ConsoleRunListener listener,
                   PrintStream out, PrintStream err) {
        Warmup.startInBackground();
        Stopping stopping = new Stopping();
        Thread hook = new Thread(stopping::stop, "tale-job-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        WeldContainer weld = null;
        try {
            try {
                main.start();
            } catch (Exception e) {
                err.println("tale-camel could not run: " + e.getMessage());
                return RunEnding.NOT_STARTED_EXIT_CODE;
            }
            if (main.getCamelContext() == null) {
                return RunEnding.NOT_STARTED_EXIT_CODE;
            }
            Map<Long, BatchJobResult> endings = new ConcurrentHashMap<>();
            JobHost.serve(main.getCamelContext(), Path.of(""), JobHost.Resume.SAME_PARAMETERS, endings::put);
            // JBeret SE takes this container rather than one that scans the whole jar (about a second more)
            weld = new Weld("STATIC_INSTANCE").disableDiscovery().skipShutdownHook()
                    .addBeanClasses(TaleEvaluationBatchlet.class, org.jberet.creation.BatchBeanProducer.class,
                            org.jberet.creation.JobOperatorProducer.class)
                    .initialize();
            JobOperator operator = BatchRuntime.getJobOperator();
            long id;
            synchronized (stopping) {
                if (stopping.asked) {
                    return RunEnding.Kind.INTERRUPTED.exitCode();
                }
                id = operator.start(name, properties(parameters));
                stopping.job(operator, id);
            }
            JobExecution execution = awaitEnd(operator, id);
            BatchJobResult result = endings.get(id);
            out.println("Job " + name + " execution " + id + ": " + execution.getBatchStatus() + ", exit status "
                    + execution.getExitStatus());
            if (result != null) {
                out.println("Run " + result.runId() + ": " + result.directory().resolve("report.md") + (result.completed()
                        ? ", audit.csv and junit.xml beside it" : result.exitStatus().equals(BatchJobResult.STOPPED)
                                ? " when it is finished: the same command, run again, finishes it" : ""));
            }
            if (execution.getBatchStatus() == BatchStatus.FAILED) {
                err.println("tale-camel: job " + name + " failed: " + reason(operator, id, result));
            }
            return exitCode(execution, result, listener);
        } finally {
            if (weld != null) {
                weld.shutdown();
            }
            if (main.getCamelContext() != null) {
                JobHost.withdraw(main.getCamelContext());
            }
            try {
                main.stop();
            } catch (Exception e) {
                err.println("tale-camel did not stop cleanly: " + e.getMessage());
            }
            stopping.done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the JVM exits with the signal's code once it returns
            }
        }
    }

    private static int exitCode(JobExecution execution, BatchJobResult result, ConsoleRunListener listener) {
        String exit = execution.getExitStatus();
        if (execution.getBatchStatus() == BatchStatus.COMPLETED) {
            return BatchJobResult.GATE_FAILED.equals(exit) ? RunEnding.GATE_FAILED_EXIT_CODE
                    : BatchJobResult.PASSED.equals(exit) ? 0
                    : RunEnding.NOT_STARTED_EXIT_CODE;
        }
        if (execution.getBatchStatus() == BatchStatus.STOPPED) {
            return RunEnding.Kind.INTERRUPTED.exitCode();
        }
        // FAILED: how the run ended (the listener has its code), or 2 when there was no run
        return result != null ? listener.exitCode() : RunEnding.NOT_STARTED_EXIT_CODE;
    }

    private static String reason(JobOperator operator, long id, BatchJobResult result) {
        if (result != null && result.reason() != null) {
            return result.reason();
        }
        for (StepExecution step : operator.getStepExecutions(id)) {
            if (step instanceof org.jberet.runtime.StepExecutionImpl jberet && jberet.getException() != null) {
                return jberet.getException().getMessage();
            }
        }
        return "see the log";
    }

    private static JobExecution awaitEnd(JobOperator operator, long id) {
        while (true) {
            JobExecution execution = operator.getJobExecution(id);
            if (ENDED.contains(execution.getBatchStatus())) {
                return execution;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return execution;
            }
        }
    }

    private static Properties properties(Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        return properties;
    }

    /** Ctrl-C or SIGTERM: the job is stopped, and the JVM waits for it (and Camel) to end before it exits. */
    private static final class Stopping {
        private final CountDownLatch done = new CountDownLatch(1);
        private boolean asked;
        private JobOperator operator;
        private long id;

        synchronized void job(JobOperator operator, long id) {
            this.operator = operator;
            this.id = id;
        }

        void stop() {
            synchronized (this) {
                asked = true;
                if (operator != null) {
                    try {
                        operator.stop(id);
                    } catch (JobExecutionNotRunningException ended) {
                        // it ended on its own meanwhile
                    }
                }
            }
            try {
                done.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
