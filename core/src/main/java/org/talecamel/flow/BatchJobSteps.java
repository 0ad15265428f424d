package org.talecamel.flow;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.Run;
import org.talecamel.run.RunCoordinator;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunManifest;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunSettings;
import org.talecamel.suite.Suite;

/**
 * The steps of the batch job's route ({@code routes/batch.camel.yaml}): one execution of {@code tale-evaluation}
 * is one run of a suite's files or the files named, read where they are through the same per-file route as inbox
 * files. Stopping the job stops the run's sending and leaves it resumable; restarting the job resumes that run under
 * its own id, its answers so far coming from the response cache (nothing answered is asked again).
 */
public final class BatchJobSteps {

    /** The exchange property holding the {@link BatchJob} being run. */
    public static final String JOB = "taleBatchJob";
    private static final Logger LOG = LoggerFactory.getLogger(BatchJobSteps.class);
    private static final RunEnding JOB_STOPPED = RunEnding.stopped(RunEnding.Kind.INTERRUPTED, "interrupted: its batch"
            + " job was stopped in the middle of the run; restarting the job's execution finishes it");

    private final RunCoordinator runs;
    private final Path home;
    private final Path suitesFolder;
    private final Path output;
    private final Function<String, Optional<String>> property;
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final Set<String> stopAsked = ConcurrentHashMap.newKeySet();

    /**
     * @param home     the tale home: relative paths of suites are its
     * @param output   {@code tale.output}, where interrupted runs are found
     * @param property resolves an application property (file, environment, -D), empty when unset or blank
     */
    public BatchJobSteps(RunCoordinator runs, Path home, Path suitesFolder, Path output,
                         Function<String, Optional<String>> property) {
        this.runs = runs;
        this.home = home;
        this.suitesFolder = suitesFolder;
        this.output = output;
        this.property = property;
    }

    /**
     * Opens the job's run (or, for a restarted execution, reopens the run its stopped or crashed one left) and
     * returns its problem files, for the per-file route.
     *
     * @throws IllegalArgumentException for an unknown suite or a bad setting, before any run is opened
     */
    public List<File> start(@Body BatchJob job, Exchange exchange) {
        String name = "batch";
        String source = "job " + BatchJob.NAME;
        Map<String, String> own = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        if (job.suite() != null) {
            Suite suite = Suite.load(suitesFolder, job.suite());
            name = suite.name();
            source = suitesFolder.resolve(name + ".properties").toString();
            own.putAll(suite.settings());
            suite.files().forEach(file -> paths.add(home.resolve(file)));
        }
        paths.addAll(job.files());
        own.putAll(job.settings());
        RunSettings settings = SuiteRun.settings(runs.defaults(), name, own, source, property);
        Optional<RunManifest> interrupted = job.restart() ? RunManifest.interruptedJob(output, job.key())
                : Optional.empty();
        Run run = interrupted.map(manifest -> runs.resumeJob(manifest, settings))
                .orElseGet(() -> runs.openJob(settings, job.key()));
        running.put(job.key(), run);
        if (stopAsked.remove(job.key())) {
            run.stop(JOB_STOPPED);
        }
        exchange.setProperty(EvaluationSteps.RUN, run);
        exchange.setProperty(JOB, job);
        LOG.info("Batch job {} ({}): {} run {} of {}", BatchJob.NAME, job.key(),
                interrupted.isPresent() ? "resumed" : "started", run.id(), name);
        return SuiteRun.files(paths, run);
    }

    /** Finishes the run, copies its files to the job's {@code outputDir}, and says how the job ends. */
    public BatchJobResult finish(@ExchangeProperty(EvaluationSteps.RUN) Run run,
                                 @ExchangeProperty(JOB) BatchJob job) {
        Optional<RunOutcome> recorded;
        try {
            recorded = runs.finish(run);
        } finally {
            running.remove(job.key(), run);
        }
        if (recorded.isEmpty()) {
            return new BatchJobResult(BatchJobResult.STOPPED, run.id(), run.directory(), run.stopReason());
        }
        RunOutcome outcome = recorded.get();
        if (job.outputDir() != null) {
            copy(outcome, job.outputDir());
        }
        if (!outcome.completed()) {
            return new BatchJobResult(BatchJobResult.FAILED, run.id(), run.directory(),
                    outcome.summary().ending().reason());
        }
        if (outcome.gatesPassed()) {
            return new BatchJobResult(BatchJobResult.PASSED, run.id(), run.directory(), null);
        }
        String failed = outcome.gates().stream().filter(gate -> !gate.passed()).map(GateVerdict::message)
                .collect(Collectors.joining("; "));
        return new BatchJobResult(BatchJobResult.GATE_FAILED, run.id(), run.directory(), "quality gates failed: " + failed);
    }

    /**
     * Stops the job's run: it sends nothing more, its calls in flight finish, and it is left for the job's restart.
     * A stop that comes before the run opened stops it as it opens.
     */
    public void stop(String key) {
        Run run = running.get(key);
        if (run == null) {
            stopAsked.add(key);
        } else {
            run.stop(JOB_STOPPED);
        }
    }

    private static void copy(RunOutcome outcome, Path folder) {
        List<Path> files = new ArrayList<>(outcome.reports());
        files.add(outcome.audit());
        try {
            Files.createDirectories(folder);
            for (Path file : files) {
                Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy run " + outcome.directory().getFileName() + "'s files to "
                    + folder + ": " + e.getMessage(), e);
        }
    }
}
