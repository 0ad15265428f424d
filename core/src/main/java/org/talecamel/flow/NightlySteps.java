package org.talecamel.flow;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.gates.GateKeys;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;
import org.talecamel.run.InputFile;
import org.talecamel.run.ModelTarget;
import org.talecamel.run.Run;
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
    private static final List<String> PER_RUN = List.of("tale.methods", "tale.llm.model");

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
        return chosen;
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
        Run run = runs.open(settings(suite));
        exchange.setProperty(EvaluationSteps.RUN, run);
        LOG.info("Nightly run {} of suite {}", run.id(), name);
        List<File> files = new ArrayList<>();
        for (Path path : suite.files()) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    entries.filter(Files::isRegularFile).sorted().map(Path::toFile).forEach(files::add);
                } catch (java.io.IOException e) {
                    run.fileFailed(path.toString(), "cannot list the folder: " + e.getMessage());
                }
            } else {
                files.add(path.toFile());
            }
        }
        return files;
    }

    /** A suite's run: its own methods, models and gates, and the service's where it sets none. */
    private RunSettings settings(Suite suite) {
        Map<String, String> own = suite.settings();
        Function<String, Optional<String>> suiteFirst = key -> Optional.ofNullable(own.get(key))
                .filter(v -> !v.isBlank()).or(() -> property.apply(key));
        RunSettings defaults = runs.defaults();
        List<Method> methods = suiteFirst.apply("tale.methods").map(Method::listOf).orElse(defaults.methods());
        // the suite's own models, else its own one model, else the service's
        List<ModelTarget> models = Optional.ofNullable(own.get("tale.models")).filter(v -> !v.isBlank())
                .map(list -> ModelTarget.listOf(list, defaults.endpoint()))
                .or(() -> Optional.ofNullable(own.get("tale.llm.model")).filter(v -> !v.isBlank())
                        .map(name -> List.of(ModelTarget.of(defaults.endpoint().withModel(name.strip())))))
                .orElse(defaults.models());
        String file = suitesFolder.resolve(suite.name() + ".properties").toString();
        GateLimits gates = GateLimits.from(GateKeys.fromProperties(own, key -> file,
                methods.stream().map(Method::id).toList(), ModelTarget.gateNames(models))).withDefaults(defaults.gates());
        return defaults.forSuite(suite.name(), methods, models, gates);
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

    /** Names the file as the inbox route does, so the per-file route treats it alike. */
    public void file(@Body File file, @ExchangeProperty(EvaluationSteps.RUN) Run run, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, file.getName());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, file.getName());
        run.fileStarted(InputFile.scan(file.toPath(), file.getName()));
    }

    public void finish(@ExchangeProperty(EvaluationSteps.RUN) Run run) {
        runs.finish(run);
    }
}
