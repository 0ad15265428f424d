package org.talecamel.jakarta;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.util.IOHelper;

/**
 * The folder a deployed tale-camel works in, as the project folder is for the jar: {@code config/}, {@code routes/},
 * {@code data-in/}, {@code data-out/}. Named by the system property or environment variable {@code tale.home} (or
 * {@code TALE_HOME}); else {@code <jboss.server.data.dir>/tale-camel} in WildFly, else {@code ~/tale-camel}. A home
 * without {@code config/application.properties} is given the WAR's copy of the project's configuration, routes and
 * sample problems, once; after that it is the user's, and a redeploy never overwrites it.
 */
final class TaleHome {

    static final String PROPERTY = "tale.home";
    private static final String SEED = "/WEB-INF/tale-home/";
    /** The keys whose relative values are paths under the home (the jar reads them from its working folder). */
    private static final List<String> PATH_KEYS = List.of("tale.inbox", "tale.output", "tale.prices",
            "tale.llm.models-table", "tale.simulator.knowledge");

    private final Path folder;

    private TaleHome(Path folder) {
        this.folder = folder;
    }

    /** The home this server names, made absolute. */
    static TaleHome located() {
        String named = firstSet(System.getProperty(PROPERTY), System.getenv(PROPERTY), System.getenv("TALE_HOME"));
        if (named == null) {
            String data = System.getProperty("jboss.server.data.dir");
            named = (data != null ? Path.of(data) : Path.of(System.getProperty("user.home"))).resolve("tale-camel")
                    .toString();
        }
        return new TaleHome(Path.of(named).toAbsolutePath().normalize());
    }

    Path folder() {
        return folder;
    }

    Path configFile() {
        return folder.resolve("config").resolve("application.properties");
    }

    /** Copies the WAR's configuration, routes and samples into a home that has no configuration yet. */
    boolean seedIfEmpty(ServletContext web) {
        if (Files.exists(configFile())) {
            return false;
        }
        copy(web, SEED);
        try {
            Files.createDirectories(folder.resolve("data-in").resolve("inbox"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder.resolve("data-in/inbox") + ": " + e.getMessage(), e);
        }
        return true;
    }

    private void copy(ServletContext web, String resource) {
        Set<String> entries = web.getResourcePaths(resource);
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            if (entry.endsWith("/")) {
                copy(web, entry);
                continue;
            }
            Path target = folder.resolve(entry.substring(SEED.length()));
            try (InputStream in = web.getResourceAsStream(entry)) {
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The settings that make the configuration's relative paths the home's: the routes, the inbox, the output, the
     * price list, the models table and the simulator's knowledge. A path set by the environment or a system property
     * is taken as given.
     */
    Map<String, String> pathOverrides() {
        Properties config = new Properties();
        try (var reader = Files.newBufferedReader(configFile())) {
            config.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile() + ": " + e.getMessage(), e);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(PROPERTY, folder.toString());
        overrides.put("camel.main.routes-include-pattern", "file:" + folder.resolve("routes") + "/*.camel.yaml");
        for (String key : PATH_KEYS) {
            String value = config.getProperty(key);
            if (value == null || value.isBlank() || value.contains("{{") || setOutside(key)) {
                continue;
            }
            StringBuilder paths = new StringBuilder();
            for (String path : value.split(",")) {
                if (!path.isBlank()) {
                    paths.append(paths.isEmpty() ? "" : ",").append(folder.resolve(path.strip()));
                }
            }
            overrides.put(key, paths.toString());
        }
        return overrides;
    }

    private static boolean setOutside(String key) {
        return System.getProperty(key) != null || IOHelper.lookupEnvironmentVariable(key) != null;
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
