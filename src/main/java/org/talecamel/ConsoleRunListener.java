package org.talecamel;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunListener;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunSummary;

/**
 * Prints each finished run's summary and report paths. In {@code --once} mode the first run (or an empty inbox)
 * also ends the application: exit code 0 when the run completed and passed its quality gates, 1 when a gate failed,
 * and 2 when the run could not be completed (no call got an answer).
 */
final class ConsoleRunListener implements RunListener {

    static final int COMPLETED = 0;
    static final int GATE_FAILED = 1;
    static final int NOT_COMPLETED = 2;

    private final boolean once;
    private final PrintStream out;
    private volatile Runnable stop = () -> { };
    private volatile int exitCode = COMPLETED;

    ConsoleRunListener(boolean once, PrintStream out) {
        this.once = once;
        this.out = out;
    }

    /** What ends the application in {@code --once} mode. */
    void whenDoneCall(Runnable stop) {
        this.stop = stop;
    }

    int exitCode() {
        return exitCode;
    }

    @Override
    public void runFinished(RunOutcome outcome) {
        RunSummary run = outcome.summary();
        StringBuilder text = new StringBuilder();
        text.append('\n').append("Run ").append(run.runId()).append(" (suite ").append(outcome.suite())
                .append(") finished: ").append(run.problems())
                .append(" problems, ").append(run.rejected()).append(" rejected, ").append(run.callErrors())
                .append(" failed calls\n");
        text.append("Endpoint: ").append(run.endpoint().describe()).append('\n');
        for (MethodSummary m : run.results()) {
            text.append(String.format(Locale.ROOT, "  %-10s accuracy %5.1f%%   mean output tokens %7.1f%s%n",
                    m.method(), 100 * m.accuracy(), m.meanOutputTokens(),
                    versusCot(m.tokenReductionPercent())));
        }
        for (GateVerdict gate : outcome.gates()) {
            text.append(gate.passed() ? "  gate passed: " : "  GATE FAILED: ").append(gate.message()).append('\n');
        }
        for (Path report : outcome.reports()) {
            text.append("Report: ").append(report).append('\n');
        }
        text.append("Audit:  ").append(outcome.audit()).append('\n');
        if (!outcome.reachedEndpoint()) {
            text.append("No call got an answer: check tale.llm.base-url and that the endpoint is running.\n");
        }
        out.print(text);
        out.flush();
        if (once) {
            exitCode = !outcome.reachedEndpoint() ? NOT_COMPLETED : outcome.gatesPassed() ? COMPLETED : GATE_FAILED;
            stop.run();
        }
    }

    private static String versusCot(Double reduction) {
        if (reduction == null) {
            return "";
        }
        return reduction >= 0
                ? String.format(Locale.ROOT, "   (%.1f%% fewer than cot)", reduction)
                : String.format(Locale.ROOT, "   (%.1f%% more than cot)", -reduction);
    }

    @Override
    public void inboxEmpty() {
        if (once) {
            out.println("The inbox is empty: nothing to evaluate. Put .jsonl, .json or .csv problem files in it.");
            out.flush();
            exitCode = COMPLETED;
            stop.run();
        }
    }
}
