package org.talecamel.suite;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A named evaluation: a properties file {@code config/suites/<name>.properties} that names its problem files
 * ({@code suite.files}) and sets any {@code tale.*} key for its runs: methods, model, endpoint, quality gates.
 */
public record Suite(String name, List<Path> files, Map<String, String> settings) {

    /** Where suites are, relative to the working folder. */
    public static final Path FOLDER = Path.of("config/suites");

    public static final String FILES = "suite.files";

    /** Reads {@code <directory>/<name>.properties}; relative file paths are taken from the working directory. */
    public static Suite load(Path directory, String name) {
        Path file = directory.resolve(name + ".properties");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no suite '" + name + "': " + file + " does not exist (suites: "
                    + String.join(", ", names(directory)) + ")");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read suite " + file + ": " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        for (String path : properties.getProperty(FILES, "").split(",")) {
            if (!path.isBlank()) {
                files.add(Path.of(path.strip()));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + FILES + " names no problem file");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("tale.")) {
                settings.put(key, properties.getProperty(key).strip());
            } else if (!key.equals(FILES)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (use " + FILES + " and tale.* keys)");
            }
        }
        return new Suite(name, List.copyOf(files), Map.copyOf(settings));
    }

    /** The suites in a directory, by name. */
    public static List<String> names(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
