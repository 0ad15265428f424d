package org.talecamel.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.TreeMap;
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
 * The same class runs in a Jakarta EE server (the WAR, which finds it through this jar's {@code META-INF/beans.xml})
 * and on JBeret SE ({@code java -jar tale-camel.jar --job tale-evaluation}); {@link JobHost} is the application it
 * runs in.
 */
@Dependent
@Named("taleEvaluation")
public class TaleEvaluationBatchlet extends AbstractBatchlet {

    private static final Logger LOG = LoggerFactory.getLogger(TaleEvaluationBatchlet.class);

    @Inject
    JobContext job;

    @Override
    public String process() {
        JobHost host = JobHost.current();
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties parameters = operator.getParameters(job.getExecutionId());
        if (parameters == null) {
            parameters = new Properties();
        }
        BatchJob request;
        try {
            request = host.resume() == JobHost.Resume.SAME_PARAMETERS
                    ? BatchJob.of(sameParametersKey(parameters), true, parameters, host.home())
                    : BatchJob.of(key(), operator.getJobExecutions(operator.getJobInstance(job.getExecutionId()))
                            .size() > 1, parameters, host.home());
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        BatchJobResult result;
        try (ProducerTemplate route = host.camel().createProducerTemplate()) {
            result = route.requestBody("direct:batch-job", request, BatchJobResult.class);
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return failed(cause.getMessage());
        }
        LOG.info("Job {} execution {}: run {} ended {}{}", job.getJobName(), job.getExecutionId(), result.runId(),
                result.exitStatus(), result.reason() == null ? "" : " (" + result.reason() + ")");
        job.setExitStatus(result.exitStatus());
        host.ended(job.getExecutionId(), result);
        if (result.exitStatus().equals(BatchJobResult.FAILED)) {
            throw new RunNotCompleted(result.reason());
        }
        return result.exitStatus();
    }

    /** The job stops sending; its calls in flight finish, and the run waits for the restart. */
    @Override
    public void stop() {
        LOG.info("Job {} execution {} asked to stop", job.getJobName(), job.getExecutionId());
        JobHost host = JobHost.current();
        String key = host.resume() == JobHost.Resume.SAME_PARAMETERS
                ? sameParametersKey(BatchRuntime.getJobOperator().getParameters(job.getExecutionId())) : key();
        host.camel().getRegistry().lookupByNameAndType("batchJobs", BatchJobSteps.class).stop(key);
    }

    /** The same for every execution of the job instance: a restart finds the run its earlier execution left. */
    private String key() {
        return job.getJobName() + "-" + job.getInstanceId();
    }

    /**
     * The same for every process that runs the job with these parameters (JBeret SE): the run a stopped or killed
     * process left is found by the next one.
     */
    private String sameParametersKey(Properties parameters) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (parameters != null) {
            parameters.stringPropertyNames().stream().filter(name -> !name.startsWith("jberet."))
                    .forEach(name -> sorted.put(name, parameters.getProperty(name).strip()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sorted.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return job.getJobName() + "-se-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String failed(String reason) {
        job.setExitStatus(BatchJobResult.FAILED);
        throw new RunNotCompleted(reason);
    }

    /** Ends the job FAILED, saying why: what the server's batch tools show as the execution's failure. */
    public static final class RunNotCompleted extends RuntimeException {
        RunNotCompleted(String reason) {
            super("the run did not complete: " + reason);
        }
    }
}
