package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.talecamel.run.BatchedCalls;
import org.talecamel.run.Endpoint;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunSummary;

class ConsoleRunListenerTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AtomicBoolean stopped = new AtomicBoolean();

    @Test
    void should_print_the_report_paths_and_stop_with_0_once_a_run_completed() {
        // given
        ConsoleRunListener listener = listener(true);

        // when
        listener.runFinished(outcome(10));

        // then
        assertThat(text()).contains("Report: data-out/runs/r1/report.md", "Audit:  data-out/runs/r1/audit.csv",
                "SIMULATED", "cot", "tale-ep", "(70.0% fewer than cot)");
        assertThat(stopped).isTrue();
        assertThat(listener.exitCode()).isEqualTo(0);
    }

    @Test
    void should_say_in_one_line_that_an_interrupted_run_is_left_for_the_same_command_and_never_that_it_completed() {
        // given
        ConsoleRunListener listener = listener(true);

        // when
        listener.runInterrupted(new org.talecamel.run.Progress("r1", 300, 96, 80, java.time.Duration.ofSeconds(5),
                960, null));

        // then
        assertThat(text()).isEqualTo("\nRun r1 interrupted after 80 of 300 problems; run the same command again to "
                + "finish it (answers received so far are not asked again)\n");
        assertThat(stopped).isTrue();
        assertThat(listener.exitCode()).isEqualTo(130);
    }

    @Test
    void should_stop_with_6_and_show_no_accuracy_when_no_call_got_an_answer() {
        ConsoleRunListener listener = listener(true);

        listener.runFinished(outcome(0, List.of(), RunEnding.stopped(RunEnding.Kind.NO_ANSWERS,
                "no answers: every call failed (20 failed calls; see the errors)")));

        assertThat(text()).contains("STOPPED, did not complete: no answers: every call failed",
                "20 failed calls", "cot        accuracy     –   mean output tokens       –   (no answers)",
                "Exit code 6: stopped (no-answers)").doesNotContain("0.0%");
        assertThat(listener.exitCode()).isEqualTo(6);
    }

    @Test
    void should_stop_with_the_code_of_its_reason_and_count_what_was_not_attempted_when_a_run_stopped() {
        ConsoleRunListener listener = listener(true);

        listener.runFinished(outcome(10, List.of(), RunEnding.stopped(RunEnding.Kind.ENDPOINT_DOWN,
                "endpoint down: 5 calls in a row got no response or a 5xx after their retries")));

        assertThat(text()).contains("Run r1 (suite inbox) STOPPED, did not complete: endpoint down: 5 calls in a row",
                "10 problems read, 0 rejected, 0 failed calls, 4 evaluations not attempted", "Exit code 3")
                .doesNotContain("completed");
        assertThat(listener.exitCode()).isEqualTo(3);
    }

    @Test
    void should_stop_with_1_when_a_quality_gate_failed() {
        // given
        ConsoleRunListener listener = listener(true);
        GateVerdict failed = new GateVerdict("min-accuracy.cot", false, "80.0%", "≥ 85.0%",
                "cot accuracy 80.0% fails ≥ 85.0%");

        // when
        listener.runFinished(outcome(10, List.of(failed)));

        // then
        assertThat(text()).contains("GATE FAILED: cot accuracy 80.0% fails ≥ 85.0%");
        assertThat(listener.exitCode()).isEqualTo(1);
    }

    @Test
    void should_say_so_naming_the_folder_and_stop_with_0_when_the_inbox_is_empty() {
        ConsoleRunListener listener = listener(true);

        listener.inboxEmpty(Path.of("data-in/inbox"));

        assertThat(text()).contains("The inbox " + Path.of("data-in/inbox").toAbsolutePath() + " is empty");
        assertThat(stopped).isTrue();
        assertThat(listener.exitCode()).isEqualTo(0);
    }

    @Test
    void should_print_a_progress_line_when_one_is_due_and_only_then() {
        ConsoleRunListener listener = listener(false);
        org.talecamel.run.Progress progress = new org.talecamel.run.Progress("r1", 100, 40, 40,
                java.time.Duration.ofSeconds(10), 4000, null);

        listener.progress(progress, false);
        listener.progress(progress, true);

        assertThat(text()).isEqualTo(progress.describe() + System.lineSeparator());
    }

    @Test
    void should_exit_2_when_stopped_before_its_run_finished() {
        assertThat(listener(true).exitCode()).isEqualTo(2);
        assertThat(listener(false).exitCode()).isEqualTo(0);
    }

    @Test
    void should_keep_a_service_running_after_a_run() {
        ConsoleRunListener listener = listener(false);

        listener.runFinished(outcome(10));
        listener.inboxEmpty(Path.of("data-in/inbox"));

        assertThat(stopped).isFalse();
        assertThat(text()).contains("Report: data-out/runs/r1/report.md").doesNotContain("is empty");
    }

    @Test
    void should_print_what_the_batches_cost_beside_what_their_calls_would_have_cost_one_by_one() {
        // given
        ConsoleRunListener listener = listener(false);
        BatchedCalls batched = new BatchedCalls(24, new BigDecimal("0.0012"), new BigDecimal("0.0024"));

        // when
        listener.runFinished(outcome(10, List.of(), RunEnding.COMPLETED, new BigDecimal("0.0012"), batched));

        // then
        assertThat(text()).contains("  spent by this run $0.0012; ", "; 24 answers came in batches: $0.0012 at batch "
                + "prices; $0.0024 had they been sent call by call, saving 50%; no answer came from the response cache\n");
    }

    @Test
    void should_say_nothing_of_batches_when_no_answer_came_in_one() {
        listener(false).runFinished(outcome(10));

        assertThat(text()).contains("  spent by this run $0.00; the answers cost price unknown at list prices; no answer"
                + " came from the response cache\n").doesNotContain("batch");
    }

    private ConsoleRunListener listener(boolean once) {
        ConsoleRunListener listener = new ConsoleRunListener(once, new PrintStream(printed, true, StandardCharsets.UTF_8), false);
        listener.whenDoneCall(() -> stopped.set(true));
        return listener;
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static RunOutcome outcome(int answered) {
        return outcome(answered, List.of());
    }

    private static RunOutcome outcome(int answered, List<GateVerdict> gates) {
        return outcome(answered, gates, RunEnding.COMPLETED);
    }

    private static RunOutcome outcome(int answered, List<GateVerdict> gates, RunEnding ending) {
        return outcome(answered, gates, ending, BigDecimal.ZERO, null);
    }

    private static RunOutcome outcome(int answered, List<GateVerdict> gates, RunEnding ending, BigDecimal spentUsd,
                                      BatchedCalls batched) {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        Double accuracy = answered == 0 ? null : 0.8;
        MethodSummary cot = new MethodSummary("all", "gpt-4o-mini", "cot", 10, answered, 8, accuracy, 10 - answered, 0, 300, 0, 300, 3000,
                0, 3000, 10, 3000, 900, null, null, null, 0, null, null, null, 300, null, 0, null);
        MethodSummary tale = new MethodSummary("all", "gpt-4o-mini", "tale-ep", 10, answered, 8, accuracy, 10 - answered, 0, 82, 8, 90, 820,
                80, 900, 20, 900, 1800, null, null, 70.0, 0, 70.0, null, 0.0, 82, 72.7, 0, null);
        RunSummary summary = new RunSummary("r1", now, now, new Endpoint("simulator", "http://127.0.0.1:1/v1",
                "gpt-4o-mini", true), List.of("cot", "tale-ep"), List.of("d"), List.of(), 10, 0, 0, List.of(cot, tale),
                List.of(), List.of(), List.of(), List.of(), List.of(), 500, java.util.Map.of(), ending,
                ending.completed() ? 0 : 4, List.of(), null, List.of(), null, spentUsd, 0,
                BigDecimal.ZERO, List.of(), null, null, null, List.of(), batched);
        Path dir = Path.of("data-out/runs/r1");
        return new RunOutcome("inbox", summary, gates, dir, List.of(dir.resolve("report.md"), dir.resolve("report.html")),
                dir.resolve("audit.csv"));
    }
}
