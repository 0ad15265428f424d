package org.talecamel.outcome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.talecamel.gates.QualityGates;
import org.talecamel.history.Comparison;
import org.talecamel.history.RunEntry;
import org.talecamel.history.RunHistory;
import org.talecamel.report.JunitReport;
import org.talecamel.report.ReportWriter;
import org.talecamel.report.Table;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.Run;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunRecorder;
import org.talecamel.run.RunSettings;
import org.talecamel.run.RunSummary;

/**
 * Records a finished run under {@code <output>/runs}: judges its quality gates against the previous run of its suite
 * and model, writes its reports and junit.xml into its folder, and adds it to the history.
 */
public final class OutcomeWriter implements RunRecorder {

    private final Path runs;

    /** @param output {@code tale.output}: the runs are in its {@code runs/} folder */
    public OutcomeWriter(Path output) {
        this.runs = output.resolve("runs");
    }

    @Override
    public RunOutcome record(Run run, RunSummary summary) {
        RunSettings settings = run.settings();
        Path audit = run.directory().resolve("audit.csv");
        RunHistory history = new RunHistory(runs);
        // each model's figures compare with the same model's in the previous run that compares with them
        Map<String, RunEntry> previous = new LinkedHashMap<>();
        summary.comparisonKeys().forEach((model, key) -> history.previous(key).ifPresent(p -> previous.put(model, p)));
        List<GateVerdict> verdicts = QualityGates.evaluate(settings.gates(), summary,
                model -> Optional.ofNullable(previous.get(model)).map(p -> p.methods().stream()
                        .filter(m -> m.accuracy() != null).collect(Collectors.toMap(RunEntry.MethodFigures::method,
                                RunEntry.MethodFigures::accuracy))).orElse(Map.of()));
        List<Table> comparison = new ArrayList<>();
        previous.forEach((model, p) -> comparison.addAll(Comparison.tables(summary, audit, model, p, runs)));
        List<Path> reports = new ArrayList<>(ReportWriter.write(summary, verdicts, comparison, run.directory()));
        reports.add(JunitReport.write(audit, settings.suite(), run.id(), summary.ending(), verdicts,
                settings.measures(), settings.severalModels(), summary.describeEndpoints(), summary.simulated(),
                run.directory().resolve("junit.xml")));
        history.record(summary, settings.suite(), verdicts);
        return new RunOutcome(settings.suite(), summary, verdicts, run.directory(), reports, audit);
    }
}
