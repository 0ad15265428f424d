package org.talecamel.jakarta;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.flow.BatchJob;
import org.talecamel.flow.BatchJobResult;
import org.talecamel.flow.BatchJobSteps;

/**
 * The step of the job {@code tale-evaluation}: one run through the batch job's route ({@code routes/batch.camel.yaml}),
 * waited for. The job ends COMPLETED with the exit status {@code PASSED} or {@code GATE_FAILED}, FAILED with the
 * reason when the run could not complete, and STOPPED after {@link #stop()}, its run left for the restart.
 */
@Dependent
@Named("taleEvaluation")
public class TaleEvaluationBatchlet extends AbstractBatchlet {

    private static final Logger LOG = LoggerFactory.getLogger(TaleEvaluationBatchlet.class);

    @Inject
    JobContext job;

    @Override
    public String process() {
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties parameters = operator.getParameters(job.getExecutionId());
        boolean restart = operator.getJobExecutions(operator.getJobInstance(job.getExecutionId())).size() > 1;
        BatchJob request;
        try {
            request = BatchJob.of(key(), restart, parameters == null ? new Properties() : parameters,
                    CamelLifecycle.home().folder());
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        CamelContext camel = CamelLifecycle.camel();
        BatchJobResult result;
        try (ProducerTemplate route = camel.createProducerTemplate()) {
            result = route.requestBody("direct:batch-job", request, BatchJobResult.class);
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return failed(cause.getMessage());
        }
        LOG.info("Job {} execution {}: run {} ended {}{}", job.getJobName(), job.getExecutionId(), result.runId(),
                result.exitStatus(), result.reason() == null ? "" : " (" + result.reason() + ")");
        job.setExitStatus(result.exitStatus());
        if (result.exitStatus().equals(BatchJobResult.FAILED)) {
            throw new RunNotCompleted(result.reason());
        }
        return result.exitStatus();
    }

    /** The job stops sending; its calls in flight finish, and the run waits for the restart. */
    @Override
    public void stop() {
        LOG.info("Job {} execution {} asked to stop", job.getJobName(), job.getExecutionId());
        CamelLifecycle.camel().getRegistry().lookupByNameAndType("batchJobs", BatchJobSteps.class).stop(key());
    }

    /** The same for every execution of the job instance: a restart finds the run its earlier execution left. */
    private String key() {
        return job.getJobName() + "-" + job.getInstanceId();
    }

    private String failed(String reason) {
        job.setExitStatus(BatchJobResult.FAILED);
        throw new RunNotCompleted(reason);
    }

    /** Ends the job FAILED, saying why: what the server's batch tools show as the execution's failure. */
    static final class RunNotCompleted extends RuntimeException {
        RunNotCompleted(String reason) {
            super("the run did not complete: " + reason);
        }
    }
}
