package org.talecamel.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.talecamel.audit.AuditLog;
import org.talecamel.audit.AuditRow;
import org.talecamel.gates.QualityGates;
import org.talecamel.history.Comparison;
import org.talecamel.history.RunEntry;
import org.talecamel.history.RunHistory;
import org.talecamel.report.JunitReport;
import org.talecamel.report.ReportWriter;
import org.talecamel.report.Table;

/**
 * Opens and finishes runs. An inbox run holds the files of one inbox poll: it opens with the poll's first file and
 * finishes after its last. A suite's run (from the nightly schedule) is opened and finished by its route.
 */
public final class RunCoordinator {

    private final Path output;
    private final RunSettings defaults;
    private final Clock clock;
    private final RunListener listener;
    private final Set<Run> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastLine = new ConcurrentHashMap<>();
    private final long progressIntervalMs;
    private final Consumer<AuditRow> auditObserver;
    private Run inboxRun;
    private int finishedRuns;

    /** @param defaults the settings of inbox runs; suites bring their own */
    /** @param progressIntervalMs how often a running run's progress is written as a log line */
    /** @param auditObserver sees every audit row of every run as it is written (the metrics) */
    public RunCoordinator(Path output, RunSettings defaults, long progressIntervalMs, Clock clock, RunListener listener,
                          Consumer<AuditRow> auditObserver) {
        this.progressIntervalMs = progressIntervalMs;
        this.auditObserver = auditObserver;
        this.output = output;
        this.defaults = defaults;
        this.clock = clock;
        this.listener = listener;
    }

    public RunSettings defaults() {
        return defaults;
    }

    /** The open inbox run, opened now if this is the first file of a poll. */
    public synchronized Run fileArrived(String fileName) {
        if (inboxRun == null) {
            inboxRun = open(defaults);
        }
        inboxRun.fileStarted(fileName);
        return inboxRun;
    }

    /** Opens a run with its own settings (a suite's), beside any other open run. */
    public Run open(RunSettings settings) {
        Instant start = clock.instant();
        String id = RunId.startingAt(start);
        Path directory = output.resolve("runs").resolve(id);
        AuditLog audit = AuditLog.open(directory.resolve("audit.csv"), output.resolve("audit"));
        Run run = new Run(id, start, directory, settings, audit, clock, auditObserver);
        open.add(run);
        return run;
    }

    /** Finishes the open inbox run (after the last file of a poll). */
    public RunOutcome finishRun() {
        Run run;
        synchronized (this) {
            if (inboxRun == null) {
                throw new IllegalStateException("no inbox run is open");
            }
            run = inboxRun;
            inboxRun = null;
        }
        return finish(run);
    }

    /**
     * Finishes a run: closes its audit, judges its quality gates against the previous run of its suite and model,
     * writes its reports, junit.xml and history entry, and tells the listener.
     */
    public RunOutcome finish(Run run) {
        open.remove(run);
        lastLine.remove(run.id());
        RunSettings settings = run.settings();
        Endpoint endpoint = settings.endpoint();
        RunSummary summary = run.finish();
        Path audit = run.directory().resolve("audit.csv");
        RunOutcome outcome;
        synchronized (this) { // one history writer at a time
            RunHistory history = new RunHistory(output.resolve("runs"));
            Optional<RunEntry> previous = history.previous(settings.suite(), endpoint.model(), endpoint.simulated());
            Map<String, Double> previousAccuracy = previous.map(p -> p.methods().stream().collect(
                    Collectors.toMap(RunEntry.MethodFigures::method, RunEntry.MethodFigures::accuracy))).orElse(Map.of());
            List<GateVerdict> verdicts = QualityGates.evaluate(settings.gates(), summary, previousAccuracy);
            List<Table> comparison = previous.map(p -> Comparison.tables(summary, audit, p, output.resolve("runs")))
                    .orElse(List.of());
            List<Path> reports = new ArrayList<>(ReportWriter.write(summary, verdicts, comparison, run.directory()));
            reports.add(JunitReport.write(audit, settings.suite(), run.id(), verdicts, run.directory().resolve("junit.xml")));
            history.record(summary, settings.suite(), verdicts);
            outcome = new RunOutcome(settings.suite(), summary, verdicts, run.directory(), reports, audit);
            finishedRuns++;
        }
        listener.runFinished(outcome);
        return outcome;
    }

    /** Tells the listener how far each open run has got; called about every second. */
    public void reportProgress() {
        for (Run run : open) {
            Progress progress = run.progress();
            long now = progress.elapsed().toMillis();
            Long last = lastLine.get(run.id());
            boolean due = last == null ? now >= progressIntervalMs : now - last >= progressIntervalMs;
            if (due) {
                lastLine.put(run.id(), now);
            }
            listener.progress(progress, due);
        }
    }

    /** An inbox poll found no file. */
    public synchronized void inboxIdle() {
        if (inboxRun == null && finishedRuns == 0) {
            listener.inboxEmpty();
        }
    }
}
