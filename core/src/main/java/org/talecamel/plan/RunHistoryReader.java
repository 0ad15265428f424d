package org.talecamel.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The finished runs under {@code <tale.output>/runs/} that read the same inputs (by the SHA-256 of their content,
 * whatever the files are called) with the same model on the same kind of endpoint (simulated or not), newest first.
 * A run's {@code summary.json} gives each method's calls and output tokens; the elasticity sweep and walk, which have
 * no line of their own there, are counted from the run's {@code audit.csv}. A stopped run is never used.
 */
public final class RunHistoryReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AUDITED = Set.of("elasticity", "elasticity-walk");

    private RunHistoryReader() {
    }

    /**
     * @param withProblems the hashes of the files that hold problems: a run must have read every one of them
     * @param allFiles     the hashes of every file named: a run must have read none other
     */
    public static List<PastRun> matching(Path runs, Set<String> withProblems, Set<String> allFiles, String model,
                                         boolean simulated) {
        if (!Files.isDirectory(runs) || withProblems.isEmpty()) {
            return List.of();
        }
        List<Dated> found = new ArrayList<>();
        try (Stream<Path> folders = Files.list(runs)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Path summary = folder.resolve("summary.json");
                if (Files.isRegularFile(summary)) {
                    read(summary).filter(s -> matches(s, withProblems, allFiles, model, simulated))
                            .map(s -> new Dated(startedAt(s), pastRun(s, folder, model)))
                            .ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + runs + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Dated::startedAt).reversed());
        return found.stream().map(Dated::run).toList();
    }

    private record Dated(Instant startedAt, PastRun run) {
    }

    /** A summary that cannot be read is no history: it is left out, as if the run had not been made. */
    private static java.util.Optional<JsonNode> read(Path summary) {
        try {
            return java.util.Optional.of(JSON.readTree(summary.toFile()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean matches(JsonNode summary, Set<String> withProblems, Set<String> allFiles, String model,
                                   boolean simulated) {
        JsonNode endpoint = summary.path("endpoint");
        // a run of several models has this one among them when it has its comparison key
        boolean asked = model.equals(endpoint.path("model").asText()) || summary.path("comparisonKeys").has(model);
        if (!"finished".equals(summary.path("status").asText()) || !asked
                || endpoint.path("simulated").asBoolean() != simulated || startedAt(summary) == null) {
            return false;
        }
        Set<String> read = new HashSet<>();
        summary.path("inputs").forEach(input -> read.add(input.path("sha256").asText()));
        return read.containsAll(withProblems) && allFiles.containsAll(read);
    }

    private static Instant startedAt(JsonNode summary) {
        try {
            return Instant.parse(summary.path("startedAt").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static PastRun pastRun(JsonNode summary, Path folder, String model) {
        Map<String, PastRun.Figures> methods = new HashMap<>();
        for (JsonNode result : summary.path("results")) {
            if (result.hasNonNull("model") && !result.path("model").asText().equals(model)) {
                continue; // another model's figures in a run of several
            }
            JsonNode budget = result.path("meanBudget");
            methods.put(result.path("method").asText(), new PastRun.Figures(result.path("calls").asLong(),
                    result.path("totalCallOutputTokens").asLong(), budget.isNumber() ? budget.asDouble() : null));
        }
        Set<String> audited = new HashSet<>();
        summary.path("methods").forEach(m -> {
            if (AUDITED.contains(m.asText())) {
                audited.add(m.asText());
            }
        });
        if (!audited.isEmpty()) {
            methods.putAll(fromAudit(folder.resolve("audit.csv"), audited, model));
        }
        return new PastRun(summary.path("runId").asText(folder.getFileName().toString()),
                summary.path("problems").asLong(), methods);
    }

    /** Calls (rows with completion tokens) and their output tokens for each of these methods. */
    private static Map<String, PastRun.Figures> fromAudit(Path audit, Set<String> wanted, String model) {
        Map<String, long[]> totals = new HashMap<>();
        if (!Files.isRegularFile(audit)) {
            return Map.of();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(audit)) {
            for (CSVRecord row : format.parse(reader)) {
                String method = row.get("method");
                String completion = row.get("completion_tokens");
                boolean ofModel = !row.isMapped("asked_model") || row.get("asked_model").equals(model);
                if (ofModel && wanted.contains(method) && !completion.isEmpty()) {
                    long[] total = totals.computeIfAbsent(method, m -> new long[2]);
                    total[0]++;
                    total[1] += Long.parseLong(completion);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of(); // an audit that cannot be read gives no figures; the plan falls back to its assumptions
        }
        Map<String, PastRun.Figures> figures = new HashMap<>();
        totals.forEach((method, t) -> figures.put(method, new PastRun.Figures(t[0], t[1], null)));
        return figures;
    }
}
