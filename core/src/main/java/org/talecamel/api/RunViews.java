package org.talecamel.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.talecamel.batchapi.BatchFolder;
import org.talecamel.history.RunEntry;
import org.talecamel.history.RunHistory;
import org.talecamel.run.BatchStatus;
import org.talecamel.run.Progress;
import org.talecamel.run.ModelTarget;
import org.talecamel.run.Run;
import org.talecamel.run.RunCoordinator;
import org.talecamel.run.RunId;
import org.talecamel.run.RunManifest;

/**
 * Runs as the API shows them: those running in this process (from the coordinator) and those finished (from the
 * run history), and the files of one run. Only a string of a run id's form is ever resolved against the runs folder.
 */
public final class RunViews {

    /** A run's files the API serves, by the last part of their API path. */
    public enum RunFile {
        REPORT("report", "report.html", "text/html; charset=utf-8"),
        SUMMARY("summary.json", "summary.json", "application/json"),
        AUDIT("audit.csv", "audit.csv", "text/csv; charset=utf-8"),
        JUNIT("junit.xml", "junit.xml", "application/xml");

        private final String path;
        private final String fileName;
        private final String contentType;

        RunFile(String path, String fileName, String contentType) {
            this.path = path;
            this.fileName = fileName;
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** The file of this last part of an API path ({@code report} → {@code report.html}). */
        public static RunFile named(String path) {
            for (RunFile file : values()) {
                if (file.path.equals(path)) {
                    return file;
                }
            }
            throw ApiError.notFound("a run has no file '" + path + "': use report, summary.json, audit.csv or junit.xml");
        }
    }

    private final Path runsFolder;
    private final RunCoordinator runs;

    public RunViews(Path runsFolder, RunCoordinator runs) {
        this.runsFolder = runsFolder;
        this.runs = runs;
    }

    /** Running runs first, then finished ones; newest first in each. */
    public List<RunView> list() {
        List<RunView> views = new ArrayList<>();
        // open runs first: a run leaves them only once it is in the history, so none falls between the two reads
        List<Run> open = new ArrayList<>(runs.openRuns());
        java.util.Collections.reverse(open);
        List<RunEntry> finished = new ArrayList<>(new RunHistory(runsFolder).entries());
        // and one that is in both (just recorded, not yet closed) is listed once, as finished
        Set<String> recorded = finished.stream().map(RunEntry::runId).collect(Collectors.toSet());
        Set<String> running = open.stream().map(Run::id).collect(Collectors.toSet());
        open.stream().filter(run -> !recorded.contains(run.id())).forEach(run -> views.add(running(run)));
        List<RunView> ended = new ArrayList<>();
        byRun(finished).forEach(entries -> ended.add(ended(entries)));
        interruptedFolders().stream().filter(id -> !recorded.contains(id) && !running.contains(id))
                .forEach(id -> ended.add(interrupted(id, runsFolder)));
        // newest first: run ids start with their start time
        ended.sort(java.util.Comparator.comparing(RunView::id).reversed());
        views.addAll(ended);
        return views;
    }

    /** One run; a finished one with its summary. */
    public RunView one(String id) {
        checkForm(id);
        Optional<Run> open = runs.openRun(id);
        if (open.isPresent()) {
            return running(open.get());
        }
        List<RunEntry> entries = new RunHistory(runsFolder).entries().stream().filter(e -> e.runId().equals(id)).toList();
        if (!entries.isEmpty()) {
            return ended(entries).withSummary(readSummary(id));
        }
        if (Files.isDirectory(runsFolder.resolve(id))) {
            return interrupted(id, runsFolder);
        }
        throw unknown(id);
    }

    /** A run folder that is neither open in this process nor in the history: the process stopped in its middle. */
    private static RunView interrupted(String id, Path runsFolder) {
        // only a run that noted its files (inbox, command line, upload) is resumed; a nightly run is not
        String reason = Files.isRegularFile(runsFolder.resolve(id).resolve(RunManifest.NAME)) ? RunManifest.INTERRUPTED
                : RunManifest.INTERRUPTED_FOR_GOOD;
        List<BatchStatus> batches = BatchFolder.statuses(runsFolder.resolve(id));
        return new RunView(id, null, "stopped", reason, null, null, null, null, null, null, null, null,
                null, null, null, null, null, batches.isEmpty() ? null : batches, null, null, null, null, links(id));
    }

    /** The folders of runs that were started and never recorded (no summary.json), by id. */
    private List<String> interruptedFolders() {
        if (!Files.isDirectory(runsFolder)) {
            return List.of();
        }
        try (var folders = Files.list(runsFolder)) {
            return folders.filter(dir -> RunId.isWellFormed(dir.getFileName().toString()))
                    .filter(dir -> (Files.isRegularFile(dir.resolve(RunManifest.NAME))
                            || Files.isRegularFile(dir.resolve("audit.csv"))) && !Files.exists(dir.resolve("summary.json")))
                    .map(dir -> dir.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runsFolder + ": " + e.getMessage(), e);
        }
    }

    /** A file of a run: the audit as it grows, the others once the run has finished. */
    public Path file(String id, RunFile file) {
        RunView run = one(id);
        if (!file.equals(RunFile.AUDIT) && run.status().equals("running")) {
            throw ApiError.notFound(file.fileName + " of run " + id + " is written when the run finishes; it is "
                    + run.status() + (run.total() != null ? " (" + run.done() + "/" + run.total() + " problems)" : ""));
        }
        Path path = runsFolder.resolve(id).resolve(file.fileName);
        if (!Files.isRegularFile(path)) {
            throw ApiError.notFound("run " + id + " has no " + file.fileName);
        }
        return path;
    }

    /** The API paths of a run and its files. */
    public static Map<String, String> links(String id) {
        Map<String, String> links = new LinkedHashMap<>();
        String self = "/api/runs/" + id;
        links.put("self", self);
        links.put("report", self + "/report");
        links.put("summary", self + "/summary.json");
        links.put("audit", self + "/audit.csv");
        links.put("junit", self + "/junit.xml");
        return links;
    }

    private static RunView running(Run run) {
        Progress progress = run.progress();
        return new RunView(run.id(), run.settings().suite(), "running", run.stopReason(), run.startedAt(), null,
                run.endpoint().model(), ModelTarget.labels(run.settings().models()), run.endpoint().simulated(),
                run.fileNames(), run.settings().methodIds(),
                progress.done(), Math.max(progress.expectedProblems(), progress.read()), progress.outputTokens(),
                progress.expenseUsd(), null, null, progress.batches().isEmpty() ? null : progress.batches(), null,
                null, null, null, links(run.id()));
    }

    /** The history's entries grouped by run (one per model), in the order of each run's first entry. */
    private static java.util.Collection<List<RunEntry>> byRun(List<RunEntry> entries) {
        Map<String, List<RunEntry>> runs = new LinkedHashMap<>();
        entries.forEach(entry -> runs.computeIfAbsent(entry.runId(), id -> new ArrayList<>()).add(entry));
        return runs.values();
    }

    /** A finished run from its history entries, one per model, as they were recorded (in configured order). */
    private static RunView ended(List<RunEntry> entries) {
        List<RunEntry> inOrder = new ArrayList<>(entries);
        RunEntry entry = inOrder.get(0);
        List<RunEntry.MethodFigures> results = inOrder.stream().flatMap(e -> e.methods().stream()).toList();
        return new RunView(entry.runId(), entry.suite(), entry.completed() ? "finished" : "stopped",
                entry.stopReason(), entry.startedAt(), entry.finishedAt(), entry.model(),
                inOrder.stream().map(RunEntry::model).toList(), inOrder.stream().anyMatch(RunEntry::simulated),
                entry.files(), entry.methods().stream().map(RunEntry.MethodFigures::method).toList(),
                // a stopped run did not get through its problems: it has no "done"
                entry.completed() ? entry.problems() : null, entry.problems(), null, entry.spentUsd(),
                entry.answersCostUsd(), entry.cachedAnswers(), null, results, entry.gates(), null, null, links(entry.runId()));
    }

    private JsonNode readSummary(String id) {
        Path summary = runsFolder.resolve(id).resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return null;
        }
        try {
            return ApiJson.MAPPER.readTree(summary.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary + ": " + e.getMessage(), e);
        }
    }

    private static void checkForm(String id) {
        if (!RunId.isWellFormed(id)) {
            throw unknown(id);
        }
    }

    private static ApiError unknown(String id) {
        return ApiError.notFound("no run '" + id + "': GET /api/runs lists them (run ids look like 20260101-120000-000-ab12)");
    }
}
