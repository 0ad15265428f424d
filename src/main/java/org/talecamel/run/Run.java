package org.talecamel.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.talecamel.audit.AuditLog;
import org.talecamel.audit.AuditRow;

/**
 * One evaluation run: the files of one inbox poll, every problem in them, every method.
 * All figures are derived from the audit rows as they are recorded, so the report and audit.csv cannot disagree.
 * Thread-safe: problems are evaluated in parallel.
 */
public final class Run {

    /** The report lists at most this many rejections and errors; audit.csv has them all. */
    public static final int ISSUES_SHOWN = 500;

    private final String id;
    private final Instant startedAt;
    private final Path directory;
    private final Endpoint endpoint;
    private final List<String> methods;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, MethodTally> tallies = new LinkedHashMap<>();
    private final Map<String, FileTally> files = new LinkedHashMap<>();
    private final List<Issue> rejections = new ArrayList<>();
    private final List<Issue> errors = new ArrayList<>();
    private long problems;
    private long rejected;
    private long callErrors;

    Run(String id, Instant startedAt, Path directory, Endpoint endpoint, List<String> methods, AuditLog audit, Clock clock) {
        this.id = id;
        this.startedAt = startedAt;
        this.directory = directory;
        this.endpoint = endpoint;
        this.methods = List.copyOf(methods);
        this.audit = audit;
        this.clock = clock;
        methods.forEach(method -> tallies.put(method, new MethodTally(method)));
    }

    public String id() {
        return id;
    }

    public Path directory() {
        return directory;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Instant now() {
        return clock.instant();
    }

    public synchronized void fileStarted(String name) {
        files.putIfAbsent(name, new FileTally());
    }

    public synchronized void fileFailed(String name, String reason) {
        files.computeIfAbsent(name, n -> new FileTally()).error = reason;
    }

    public synchronized void problemRead(String sourceFile) {
        problems++;
        files.computeIfAbsent(sourceFile, n -> new FileTally()).problems++;
    }

    /** Writes the row to the audit and counts it. */
    public synchronized void record(AuditRow row) {
        audit.append(row);
        if ("rejected".equals(row.outcome())) {
            rejected++;
            files.computeIfAbsent(row.sourceFile(), n -> new FileTally()).rejected++;
            keep(rejections, row);
            return;
        }
        tallies.computeIfAbsent(row.method(), MethodTally::new).add(row);
        if ("error".equals(row.outcome())) {
            callErrors++;
            keep(errors, row);
        }
    }

    private static void keep(List<Issue> issues, AuditRow row) {
        if (issues.size() < ISSUES_SHOWN) {
            issues.add(new Issue(row.sourceFile(), row.line(), row.problemId(), row.method(), row.phase(), row.error()));
        }
    }

    /** Closes the audit and returns the run's figures. */
    synchronized RunSummary finish() {
        audit.close();
        MethodTally baseline = tallies.get("cot");
        List<MethodSummary> results = tallies.values().stream().map(t -> t.summary(baseline)).toList();
        List<FileSummary> fileSummaries = files.entrySet().stream()
                .map(e -> new FileSummary(e.getKey(), e.getValue().error == null ? "processed" : "failed",
                        e.getValue().problems, e.getValue().rejected, e.getValue().error))
                .toList();
        return new RunSummary(id, startedAt, clock.instant(), endpoint, methods, fileSummaries, problems, rejected,
                callErrors, results, List.copyOf(rejections), List.copyOf(errors), ISSUES_SHOWN);
    }

    private static final class FileTally {
        long problems;
        long rejected;
        String error;
    }
}
