package org.talecamel.flow;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.gates.GateKeys;
import org.talecamel.run.Run;
import org.talecamel.run.RunManifest;
import org.talecamel.run.RunCoordinator;
import org.talecamel.run.RunSettings;
import org.talecamel.suite.Suite;

/**
 * The steps of the nightly route: which suites to run, and each suite's run. A suite's files are read where they
 * are (never moved) through the same per-file route as inbox files. In the service, a suite sets its methods, model
 * and quality gates; settings of the whole process (endpoint, provider, timeouts) apply with {@code --once --suite}.
 */
public final class NightlySteps {

    private static final Logger LOG = LoggerFactory.getLogger(NightlySteps.class);
    /** What a nightly run's manifest notes as its job: the suite, so that the next start finds its interrupted run. */
    private static final String JOB = "nightly:";
    private static final List<String> PER_RUN = List.of("tale.methods", "tale.llm.model", "tale.llm.mode");

    private final RunCoordinator runs;
    private final Path suitesFolder;
    private final String suites;
    private final Function<String, Optional<String>> property;

    /**
     * @param suites   comma-separated suite names ({@code tale.nightly.suites}); blank means every suite in the folder
     * @param property resolves an application property (file, environment, -D), empty when unset or blank
     */
    public NightlySteps(RunCoordinator runs, Path suitesFolder, String suites, Function<String, Optional<String>> property) {
        this.runs = runs;
        this.suitesFolder = suitesFolder;
        this.suites = suites;
        this.property = property;
    }

    /** The suites a trigger runs, one run each. */
    public List<String> suites() {
        List<String> chosen = chosen();
        if (chosen.isEmpty()) {
            LOG.warn("The nightly schedule fired, but there is no suite in {}", suitesFolder);
        }
        // a run still open from an earlier night (its batches pending at the provider) is not run a second time
        List<String> due = new ArrayList<>();
        for (String name : chosen) {
            Optional<Run> running = runs.openRuns().stream().filter(run -> name.equals(run.settings().suite()))
                    .findFirst();
            running.ifPresentOrElse(run -> LOG.warn("Suite {}: its run {} of an earlier night is still running ({});"
                    + " this night's is not begun", name, run.id(), run.progress().describe()), () -> due.add(name));
        }
        return due;
    }

    /**
     * Reads every suite the schedule runs, with its quality gates, so that a suite that cannot run stops the service
     * when it starts rather than at 2 a.m.
     *
     * @throws IllegalArgumentException naming the suite, its file and the setting
     */
    public void check() {
        for (String name : chosen()) {
            try {
                settings(Suite.load(suitesFolder, name));
            } catch (IllegalArgumentException e) {
                LOG.error("Nightly suite {} cannot run: {}", name, e.getMessage());
                throw new IllegalArgumentException("nightly suite " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opens the suite's run and returns its problem files, for the per-file route. */
    public List<File> start(@Body String name, Exchange exchange) {
        Suite suite = Suite.load(suitesFolder, name);
        suite.settings().keySet().stream()
                .filter(key -> !PER_RUN.contains(key) && !key.startsWith(GateKeys.PREFIX))
                .forEach(key -> LOG.warn("Suite {}: {} applies only with --once --suite {}; the nightly service uses"
                        + " its own", name, key, name));
        // a run of the suite that the service's stop interrupted (a batch pending overnight) is finished, not begun again
        String job = JOB + name;
        Optional<RunManifest> interrupted = runs.interruptedJob(job);
        Run run = interrupted.map(manifest -> runs.resumeJob(manifest, settings(suite)))
                .orElseGet(() -> runs.openJob(settings(suite), job));
        exchange.setProperty(EvaluationSteps.RUN, run);
        LOG.info("Nightly run {} of suite {}{}", run.id(), name, interrupted.isPresent()
                ? ", resumed: the service stopped in its middle; answers received before are not asked again" : "");
        return SuiteRun.files(suite.files(), run);
    }

    /**
     * The suites whose last nightly run the service's stop interrupted: the service finishes them as soon as it
     * starts again, without waiting for the next night.
     */
    public List<String> interrupted() {
        return chosen().stream().filter(name -> runs.interruptedJob(JOB + name).isPresent()).toList();
    }

    /** A suite's run: its own methods, models and gates, and the service's where it sets none. */
    private RunSettings settings(Suite suite) {
        return SuiteRun.settings(runs.defaults(), suite.name(), suite.settings(),
                suitesFolder.resolve(suite.name() + ".properties").toString(), property);
    }

    private List<String> chosen() {
        List<String> names = new ArrayList<>();
        for (String name : suites.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names.isEmpty() ? Suite.names(suitesFolder) : names;
    }

    public void finish(@ExchangeProperty(EvaluationSteps.RUN) Run run) {
        runs.finish(run);
    }
}
