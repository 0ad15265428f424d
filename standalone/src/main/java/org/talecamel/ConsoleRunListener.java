package org.talecamel;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.talecamel.cost.Expense;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.Progress;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunListener;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunSummary;

/**
 * Prints each finished run's summary and report paths. In {@code --once} mode the first run (or an empty inbox)
 * also ends the application, with the exit code of how the run ended ({@link RunEnding#exitCode}).
 */
final class ConsoleRunListener implements RunListener {

    private final boolean once;
    private final PrintStream out;
    private volatile Runnable stop = () -> { };
    private volatile int exitCode;
    private final boolean liveBar;
    private ProgressBar bar;

    /** @param liveBar draw a live progress bar (on a terminal) instead of progress lines */
    ConsoleRunListener(boolean once, PrintStream out, boolean liveBar) {
        this.once = once;
        this.out = out;
        this.liveBar = liveBar;
        // a --once process that ends before its run finished (Camel could not start, say) did not complete it
        this.exitCode = once ? RunEnding.NOT_STARTED_EXIT_CODE : 0;
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
        closeBar();
        RunSummary run = outcome.summary();
        StringBuilder text = new StringBuilder();
        RunEnding ending = run.ending();
        text.append('\n').append("Run ").append(run.runId()).append(" (suite ").append(outcome.suite()).append(") ")
                .append(ending.completed() ? "completed" : "STOPPED, did not complete: " + ending.reason())
                .append('\n').append("  ").append(run.counts()).append('\n')
                .append("  ").append(run.expense()).append('\n');
        if (!run.batches().isEmpty()) {
            text.append("  calls ").append(run.describeCalls()).append('\n');
        }
        text.append(run.severalModels() ? "Models: " : "Endpoint: ").append(run.describeEndpoints()).append('\n');
        if (run.resumed() != null) {
            text.append("Run ").append(run.resumed()).append('\n');
        }
        int modelWidth = run.modelLabels().stream().mapToInt(String::length).max().orElse(0);
        for (MethodSummary m : run.results()) {
            String model = run.severalModels() ? String.format(Locale.ROOT, "%-" + modelWidth + "s ", m.model()) : "";
            if (!m.measured()) {
                text.append(String.format(Locale.ROOT, "  %s%-10s accuracy     –   mean output tokens       –   (no answers)%n",
                        model, m.method()));
                continue;
            }
            text.append(String.format(Locale.ROOT, "  %s%-10s accuracy %5.1f%%   mean output tokens %7.1f%s%n",
                    model, m.method(), 100 * m.accuracy(), m.meanOutputTokens(),
                    versusCot(m.tokenReductionPercent())));
        }
        for (GateVerdict gate : outcome.gates()) {
            text.append(gate.passed() ? "  gate passed: " : "  GATE FAILED: ").append(gate.message()).append('\n');
        }
        for (Path report : outcome.reports()) {
            text.append("Report: ").append(report).append('\n');
        }
        text.append("Audit:  ").append(outcome.audit()).append('\n');
        if (once) {
            exitCode = outcome.exitCode();
            text.append("Exit code ").append(exitCode).append(": ").append(ending.completed()
                    ? (outcome.gates().isEmpty() ? "completed (no quality gate set)"
                            : outcome.gatesPassed() ? "completed, quality gates passed" : "completed, a quality gate FAILED")
                    : "stopped (" + ending.kind().code() + ")").append('\n');
        }
        out.print(text);
        out.flush();
        if (once) {
            stop.run();
        }
    }

    /**
     * One line, and no report: the run is left for its next start. With {@code --once} the process ends; its exit
     * code is the JVM's for the signal that stopped it (130 for Ctrl-C, 143 for SIGTERM), whatever is set here.
     */
    @Override
    public void runInterrupted(Progress progress) {
        closeBar();
        out.println();
        out.println(progress.describeInterrupted());
        out.flush();
        if (once) {
            exitCode = RunEnding.Kind.INTERRUPTED.exitCode();
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

    /** A live progress bar on a terminal; plain lines otherwise (a CI log). */
    @Override
    public void progress(Progress progress, boolean lineDue) {
        if (!liveBar) {
            if (lineDue) {
                out.println(progress.describe());
                out.flush();
            }
            return;
        }
        synchronized (this) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("Run " + progress.runId()).setInitialMax(progress.expectedProblems())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed().build();
            }
            bar.maxHint(Math.max(progress.expectedProblems(), progress.read()));
            bar.stepTo(progress.done());
            String waiting = progress.pendingBatches().isEmpty() ? ""
                    : Progress.waitingOn(progress.pendingBatches()) + ", ";
            bar.setExtraMessage(waiting + String.format(Locale.ROOT, "%,d tokens, %s", progress.outputTokens(),
                    Expense.total(progress.expenseUsd())));
        }
    }

    private synchronized void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void inboxEmpty(Path inbox) {
        if (once) {
            out.println("The inbox " + inbox.toAbsolutePath().normalize()
                    + " is empty: nothing to evaluate. Put .jsonl, .json or .csv problem files in it (tale.inbox).");
            out.flush();
            exitCode = 0;
            stop.run();
        }
    }
}
