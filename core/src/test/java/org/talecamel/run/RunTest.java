package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.audit.AuditLog;
import org.talecamel.audit.AuditRow;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;

/** A run's figures: calls from its audit rows, accuracy and token means from each method's results. */
class RunTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void should_compute_accuracy_means_and_savings_against_cot(@TempDir Path dir) {
        // given: cot answers two problems (one right) with 300 and 100 tokens; tale-ep estimates with 10 tokens
        // each and answers both right with 60 and 40 tokens
        Run run = newRun(dir);
        answer(run, "p1", "cot", 300, true, null, "0.0002");
        answer(run, "p2", "cot", 100, false, null, "0.0002");
        run.record(estimate("p1", 10));
        run.record(estimate("p2", 10));
        answer(run, "p1", "tale-ep", 60, true, 80, "0.00005");
        answer(run, "p2", "tale-ep", 40, true, 50, "0.00005");

        // when
        RunSummary summary = run.finish();

        // then
        MethodSummary cot = summary.results().get(0);
        MethodSummary tale = summary.results().get(1);
        assertThat(cot.accuracy()).isEqualTo(0.5);
        assertThat(cot.meanOutputTokens()).isEqualTo(200.0);
        assertThat(cot.tokenReductionPercent()).isNull();
        assertThat(cot.meanExpenseUsd()).isEqualByComparingTo("0.0002");
        assertThat(tale.accuracy()).isEqualTo(1.0);
        assertThat(tale.meanAnswerTokens()).isEqualTo(50.0);
        assertThat(tale.meanEstimationTokens()).isEqualTo(10.0);
        assertThat(tale.meanOutputTokens()).isEqualTo(60.0);
        assertThat(tale.totalOutputTokens()).isEqualTo(120);
        assertThat(tale.calls()).isEqualTo(4);
        assertThat(tale.tokenReductionPercent()).isCloseTo(70.0, within(1e-9));
        assertThat(tale.accuracyChangePoints()).isCloseTo(50.0, within(1e-9));
        assertThat(tale.meanBudget()).isEqualTo(65.0);
        // the estimator calls cost 0.00001 each: (2 x 0.00005 + 2 x 0.00001) / 2 problems, against cot's 0.0002
        assertThat(tale.meanExpenseUsd()).isEqualByComparingTo("0.00006");
        assertThat(tale.expenseReductionPercent()).isCloseTo(70.0, within(1e-9));
    }

    @Test
    void should_count_a_failed_call_as_wrong_and_leave_it_out_of_token_means(@TempDir Path dir) {
        // given
        Run run = newRun(dir);
        answer(run, "p1", "cot", 300, true, null, "0.0001");
        run.record(new AuditRow("r", NOON, "f.jsonl", 2, "p2", "f", "gpt-4o-mini", "cot", "answer", null, null, null, 503, 5L, null,
                null, "", "", null, null, null, null, "error", "HTTP 503: overloaded", null));
        run.result(Result.failed("f", "gpt-4o-mini", "cot", null, ""));

        // when
        RunSummary summary = run.finish();

        // then
        MethodSummary cot = summary.results().get(0);
        assertThat(cot.problems()).isEqualTo(2);
        assertThat(cot.errors()).isEqualTo(1);
        assertThat(cot.accuracy()).isEqualTo(0.5);
        assertThat(cot.meanOutputTokens()).isEqualTo(300.0);
        assertThat(summary.callErrors()).isEqualTo(1);
        assertThat(summary.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.line()).isEqualTo(2);
            assertThat(issue.reason()).isEqualTo("HTTP 503: overloaded");
        });
    }

    @Test
    void should_show_an_unknown_price_as_unknown_never_as_zero(@TempDir Path dir) {
        Run run = newRun(dir);
        answer(run, "p1", "cot", 300, true, null, null);

        RunSummary summary = run.finish();

        assertThat(summary.results().get(0).totalExpenseUsd()).isNull();
        assertThat(summary.results().get(0).meanExpenseUsd()).isNull();
    }

    @Test
    void should_keep_figures_per_data_set_and_in_total(@TempDir Path dir) {
        // given
        Run run = newRun(dir);
        run.problemRead("a.jsonl", "gsm8k");
        run.problemRead("b.jsonl", "zero");
        run.record(row("p1", "gsm8k", "cot", "answer", 300, "0.0001"));
        run.result(new Result("gsm8k", "gpt-4o-mini", "cot", 300, 280, true, null, "", false));
        run.record(row("p2", "zero", "cot", "answer", 100, "0.0001"));
        run.result(new Result("zero", "gpt-4o-mini", "cot", 100, 90, false, null, "", false));

        // when
        RunSummary summary = run.finish();

        // then
        assertThat(summary.datasets()).containsExactly("gsm8k", "zero");
        assertThat(summary.byDataset()).extracting(MethodSummary::dataset, MethodSummary::meanOutputTokens)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gsm8k", 300.0),
                        org.assertj.core.groups.Tuple.tuple("zero", 100.0));
        assertThat(summary.results()).first().satisfies(total -> {
            assertThat(total.dataset()).isEqualTo(Run.ALL_DATASETS);
            assertThat(total.meanOutputTokens()).isEqualTo(200.0);
            assertThat(total.accuracy()).isEqualTo(0.5);
        });
    }

    @Test
    void should_list_rejections_per_file_and_write_every_row_to_the_audit(@TempDir Path dir) throws Exception {
        // given
        Run run = newRun(dir);
        run.fileStarted(new InputFile("f.jsonl", "sha", 1));
        run.problemRead("f.jsonl", "f");
        answer(run, "p1", "cot", 300, true, null, null);
        run.record(AuditRow.rejected("r", NOON, "f.jsonl", 7, "missing field 'question'"));

        // when
        RunSummary summary = run.finish();

        // then
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.rejections()).extracting(Issue::line, Issue::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, "missing field 'question'"));
        assertThat(summary.files()).containsExactly(new FileSummary("f.jsonl", "processed", 1, 1, null));
        assertThat(Files.readAllLines(dir.resolve("audit.csv"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("daily").resolve("audit-2026-11-26.csv"))).hasSize(3);
    }

    @Test
    void should_write_no_not_attempted_row_once_interrupted_and_count_only_problems_it_answered_as_done(@TempDir Path dir)
            throws Exception {
        // given: p1 answered by both methods; then the process is asked to stop, and p2's tale-ep is not attempted
        Run run = newRun(dir);
        answer(run, "p1", "cot", 100, true, null, "0.0001");
        answer(run, "p1", "tale-ep", 50, true, 60, "0.00005");
        run.methodFinished("f.jsonl", 1);
        run.methodFinished("f.jsonl", 1);
        run.record(new AuditRow("r", NOON, "f.jsonl", 2, "p2", "f", "gpt-4o-mini", "cot", "answer", null, null, "m", 200, 3L, 90,
                100, "usage", "stop", null, null, null, null, "ok", null, "Answer: [[7]]"));
        run.stop(RunEnding.INTERRUPTED);
        run.record(new AuditRow("r", NOON, "f.jsonl", 2, "p2", "f", "gpt-4o-mini", "tale-ep", "skipped", null, null, null, null, null,
                null, null, "", "", null, null, null, null, "not-attempted", run.stopReason(), null));
        run.methodFinished("f.jsonl", 2);
        run.methodFinished("f.jsonl", 2);

        // when
        Progress progress = run.progress();
        run.finish();

        // then: the audit has the calls sent; the resumed run will attempt p2's tale-ep and write its row
        assertThat(run.isInterrupted()).isTrue();
        assertThat(progress.done()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("audit.csv"))).hasSize(1 + 3)
                .noneMatch(line -> line.contains("not-attempted"));
    }

    private static Run newRun(Path dir) {
        AuditLog audit = AuditLog.open(dir.resolve("audit.csv"), dir.resolve("daily"));
        RunSettings settings = new RunSettings("inbox", List.of(Method.COT, Method.TALE_EP),
                new Endpoint("simulator", "http://127.0.0.1:1/v1", "gpt-4o-mini", true), GateLimits.none());
        return new Run("r", NOON, dir, settings, audit, Clock.fixed(NOON, ZoneOffset.UTC));
    }

    @Test
    void should_count_the_answers_that_came_in_batches_at_their_batch_cost_and_at_what_they_would_have_cost(
            @TempDir Path dir) {
        // given: two cot answers in batches, at half of what each would have cost call by call, and one sent alone
        Run run = newRun(dir);
        run.record(batched(row("p1", "f", "cot", "answer", 100, "0.0001"), "0.0002"));
        run.record(batched(row("p2", "f", "cot", "answer", 100, "0.0001"), "0.0002"));
        run.record(row("p3", "f", "cot", "answer", 100, "0.0002"));

        // when
        RunSummary summary = run.finish();

        // then: spent is the batch cost and the one sent alone; the batches saved half of what they would have cost
        assertThat(summary.spentUsd()).isEqualByComparingTo("0.0004");
        assertThat(summary.batched()).isEqualTo(new BatchedCalls(2, new BigDecimal("0.0002"), new BigDecimal("0.0004")));
        assertThat(summary.batched().savingPercent()).isEqualTo(50.0);
        assertThat(summary.results().get(0).totalExpenseUsd()).isEqualByComparingTo("0.0004");
        assertThat(summary.results().get(0).batched()).isEqualTo(summary.batched());
        assertThat(summary.expense()).isEqualTo("spent by this run $0.0004; the answers cost $0.0004; 2 answers came"
                + " in batches: $0.0002 at batch prices; $0.0004 had they been sent call by call, saving 50%; no answer"
                + " came from the response cache");
    }

    @Test
    void should_leave_the_cost_of_batched_answers_unknown_when_their_batch_price_is(@TempDir Path dir) {
        // given: a batched answer whose model has a list price and no batch price
        Run run = newRun(dir);
        run.record(batched(row("p1", "f", "cot", "answer", 100, null), "0.0002"));

        // when
        RunSummary summary = run.finish();

        // then: neither free nor the list price
        assertThat(summary.spentUsd()).isNull();
        assertThat(summary.batched()).isEqualTo(new BatchedCalls(1, null, new BigDecimal("0.0002")));
        assertThat(summary.batched().savingPercent()).isNull();
        assertThat(summary.results().get(0).totalExpenseUsd()).isNull();
        assertThat(summary.expense()).startsWith("spent by this run batch price unknown; the answers cost batch price"
                + " unknown; 1 answer came in batches: batch price unknown; $0.0002 had it been sent call by call;");
    }

    @Test
    void should_carry_no_batch_figures_when_no_answer_came_in_a_batch(@TempDir Path dir) {
        Run run = newRun(dir);
        answer(run, "p1", "cot", 300, true, null, "0.0002");

        RunSummary summary = run.finish();

        assertThat(summary.batched()).isNull();
        assertThat(summary.results().get(0).batched()).isNull();
        assertThat(summary.expense()).doesNotContain("batch");
    }

    /** The row, as an answer that came in a batch, with what it would have cost call by call. */
    private static AuditRow batched(AuditRow r, String callByCall) {
        return new AuditRow(r.runId(), r.timestamp(), r.sourceFile(), r.line(), r.problemId(), r.dataset(), r.method(),
                r.phase(), r.budget(), r.budgetSource(), r.model(), r.httpStatus(), r.latencyMs(), r.promptTokens(),
                r.completionTokens(), r.tokenSource(), r.finishReason(), r.costUsd(), r.expected(), r.extracted(),
                r.correct(), r.outcome(), "answered in batch batch_1", r.response(), null, null, null, null,
                r.askedModel(), true, new BigDecimal(callByCall));
    }

    private static void answer(Run run, String id, String method, int tokens, boolean correct, Integer budget,
                               String cost) {
        run.record(row(id, "f", method, "answer", tokens, cost));
        run.result(new Result("f", "gpt-4o-mini", method, tokens, tokens, correct, budget, budget == null ? "" : "estimated", false));
    }

    private static AuditRow row(String id, String dataset, String method, String phase, int tokens, String cost) {
        return new AuditRow("r", NOON, "f.jsonl", 1, id, dataset, "gpt-4o-mini", method, phase, null, null, "simulated-gpt-4o-mini",
                200, 3L, 90, tokens, "usage", "stop", cost == null ? null : new BigDecimal(cost), null, null, null,
                "ok", null, "Answer: [[7]]");
    }

    private static AuditRow estimate(String id, int tokens) {
        return row(id, "f", "tale-ep", "estimate", tokens, "0.00001");
    }
}
