package org.talecamel.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.talecamel.history.Comparison;
import org.talecamel.history.RunEntry;
import org.talecamel.history.RunHistory;
import org.talecamel.report.Table;
import org.talecamel.audit.AuditLog;
import org.talecamel.gates.GateLimits;
import org.talecamel.gates.QualityGates;
import java.util.ArrayList;
import org.talecamel.report.JunitReport;
import org.talecamel.report.ReportWriter;

/**
 * Opens a run when the first file of an inbox poll arrives and finishes it after the poll's last file:
 * all files present at one poll make one run. Only one run is open at a time.
 */
public final class RunCoordinator {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCoordinator.class);

    private final Path output;
    private final Endpoint endpoint;
    private final List<String> methods;
    private final Clock clock;
    private final RunListener listener;
    private final GateLimits gates;
    private final String suite;
    private Run current;
    private int finishedRuns;

    public RunCoordinator(String suite, Path output, Endpoint endpoint, List<String> methods, GateLimits gates,
                          Clock clock, RunListener listener) {
        this.suite = suite;
        this.gates = gates;
        this.output = output;
        this.endpoint = endpoint;
        this.methods = List.copyOf(methods);
        this.clock = clock;
        this.listener = listener;
    }

    /** The open run, opened now if this is the first file of a poll. */
    public synchronized Run fileArrived(String fileName) {
        if (current == null) {
            Instant start = clock.instant();
            String id = RunId.startingAt(start);
            Path directory = output.resolve("runs").resolve(id);
            AuditLog audit = AuditLog.open(directory.resolve("audit.csv"), output.resolve("audit"));
            current = new Run(id, start, directory, endpoint, methods, audit, clock);
        }
        current.fileStarted(fileName);
        return current;
    }

    /** Finishes the open run: closes its audit, writes its reports and tells the listener. */
    public synchronized RunOutcome finishRun() {
        if (current == null) {
            throw new IllegalStateException("no run is open");
        }
        Run run = current;
        current = null;
        RunSummary summary = run.finish();
        Path audit = run.directory().resolve("audit.csv");
        RunHistory history = new RunHistory(output.resolve("runs"));
        Optional<RunEntry> previous = history.previous(suite, endpoint.model(), endpoint.simulated());
        Map<String, Double> previousAccuracy = previous.map(p -> p.methods().stream().collect(
                Collectors.toMap(RunEntry.MethodFigures::method, RunEntry.MethodFigures::accuracy))).orElse(Map.of());
        List<GateVerdict> verdicts = QualityGates.evaluate(gates, summary, previousAccuracy);
        List<Table> comparison = previous.map(p -> Comparison.tables(summary, audit, p, output.resolve("runs")))
                .orElse(List.of());
        List<Path> reports = new ArrayList<>(ReportWriter.write(summary, verdicts, comparison, run.directory()));
        reports.add(JunitReport.write(run.directory().resolve("audit.csv"), suite, run.id(), verdicts,
                run.directory().resolve("junit.xml")));
        history.record(summary, suite, verdicts);
        RunOutcome outcome = new RunOutcome(suite, summary, verdicts, run.directory(), reports, audit);
        finishedRuns++;
        listener.runFinished(outcome);
        return outcome;
    }

    /** Logs how far the open run has got; called every {@code tale.progress.interval-ms}. */
    public void reportProgress() {
        Run run;
        synchronized (this) {
            run = current;
        }
        if (run != null) {
            LOG.info(run.progress().describe());
        }
    }

    /** An inbox poll found no file. */
    public synchronized void inboxIdle() {
        if (current == null && finishedRuns == 0) {
            listener.inboxEmpty();
        }
    }
}
