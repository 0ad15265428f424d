package org.talecamel.flow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * One execution of the batch job {@code tale-evaluation}: what its parameters ask for. The same job runs in a Jakarta
 * EE server and on JBeret SE; both hand their parameters here.
 *
 * @param key       the job instance it belongs to, the same for each of its executions ({@code wildfly-17}): a
 *                  restart resumes the run noted under it
 * @param restart   true when this execution restarts a stopped or crashed one of the same instance
 * @param suite     a suite of {@code config/suites/}, or null
 * @param files     problem files or folders, with {@code suite} or instead of it
 * @param settings  the run's own {@code tale.methods} and {@code tale.models}, where the parameters set them
 * @param outputDir where the run's report, audit and junit.xml are copied once it is recorded (a Jenkins workspace);
 *                  null for none (they are always in the run's own folder)
 */
public record BatchJob(String key, boolean restart, String suite, List<Path> files, Map<String, String> settings,
                       Path outputDir) {

    public static final String NAME = "tale-evaluation";
    private static final Set<String> PARAMETERS = Set.of("suite", "files", "methods", "models", "outputDir");

    public BatchJob {
        files = List.copyOf(files);
        settings = Map.copyOf(settings);
    }

    /**
     * Reads the job's parameters: {@code suite}, or {@code files} (comma-separated paths); optional {@code methods},
     * {@code models} and {@code outputDir}. Relative paths are the tale home's.
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong with it
     */
    public static BatchJob of(String key, boolean restart, Properties parameters, Path home) {
        for (String name : parameters.stringPropertyNames()) {
            if (!PARAMETERS.contains(name) && !name.startsWith("jberet.")) {
                throw new IllegalArgumentException("job " + NAME + ": unknown parameter '" + name + "' (known: suite,"
                        + " files, methods, models, outputDir)");
            }
        }
        String suite = blankToNull(parameters.getProperty("suite"));
        List<Path> files = new ArrayList<>();
        String list = blankToNull(parameters.getProperty("files"));
        if (list != null) {
            for (String file : list.split(",")) {
                if (!file.isBlank()) {
                    files.add(home.resolve(file.strip()));
                }
            }
        }
        if (suite == null && files.isEmpty()) {
            throw new IllegalArgumentException("job " + NAME + " needs the parameter suite (a suite of config/suites/)"
                    + " or files (comma-separated problem files or folders)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        putIfSet(settings, "tale.methods", parameters.getProperty("methods"));
        putIfSet(settings, "tale.models", parameters.getProperty("models"));
        String output = blankToNull(parameters.getProperty("outputDir"));
        return new BatchJob(key, restart, suite, files, settings, output == null ? null : home.resolve(output));
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (blankToNull(value) != null) {
            settings.put(key, value.strip());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
