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
import org.talecamel.gates.GateKeys;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;
import org.talecamel.run.InputFile;
import org.talecamel.run.ModelTarget;
import org.talecamel.run.Run;
import org.talecamel.run.RunSettings;

/**
 * What the runs of named files share, a nightly suite's and a batch job's: their settings, their files, read where
 * they are (never moved), and how each file enters the same per-file route as an inbox file.
 */
public final class SuiteRun {

    private SuiteRun() {
    }

    /**
     * A run's own methods, models and gates, and the service's where it sets none.
     *
     * @param own    the run's own keys ({@code tale.methods}, {@code tale.models}, {@code tale.llm.model},
     *               {@code tale.llm.mode}, {@code tale.gates.*})
     * @param source where {@code own} was set, for messages: {@code config/suites/nightly.properties}
     */
    static RunSettings settings(RunSettings defaults, String name, Map<String, String> own, String source,
                                Function<String, Optional<String>> property) {
        Function<String, Optional<String>> ownFirst = key -> Optional.ofNullable(own.get(key))
                .filter(v -> !v.isBlank()).or(() -> property.apply(key));
        List<Method> methods = ownFirst.apply("tale.methods").map(Method::listOf).orElse(defaults.methods());
        // the run's own models, else its own one model, else the service's
        List<ModelTarget> models = Optional.ofNullable(own.get("tale.models")).filter(v -> !v.isBlank())
                .map(list -> ModelTarget.listOf(list, defaults.endpoint()))
                .or(() -> Optional.ofNullable(own.get("tale.llm.model")).filter(v -> !v.isBlank())
                        .map(model -> List.of(ModelTarget.of(defaults.endpoint().withModel(model.strip())))))
                .orElse(defaults.models());
        GateLimits gates = GateLimits.from(GateKeys.fromProperties(own, key -> source,
                methods.stream().map(Method::id).toList(), ModelTarget.gateNames(models))).withDefaults(defaults.gates());
        org.talecamel.llm.CallMode mode = Optional.ofNullable(own.get("tale.llm.mode")).filter(v -> !v.isBlank())
                .map(org.talecamel.llm.CallMode::of).orElse(defaults.callMode());
        return defaults.forSuite(name, methods, models, gates, mode);
    }

    /** The problem files to read: each file named, and the files of each folder named (not recursively), sorted. */
    static List<File> files(List<Path> paths, Run run) {
        List<File> files = new ArrayList<>();
        for (Path path : paths) {
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

    /**
     * Names the file as the inbox route does, so the per-file route treats it alike (routes/inbox.camel.yaml,
     * read-files).
     */
    public static void fileStarted(@Body File file, @ExchangeProperty(EvaluationSteps.RUN) Run run, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, file.getName());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, file.getName());
        run.fileStarted(InputFile.scan(file.toPath(), file.getName()));
    }
}
