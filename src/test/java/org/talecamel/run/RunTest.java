package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** A run's figures come from its audit rows. */
class RunTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void should_compute_accuracy_means_and_savings_against_cot(@TempDir Path dir) {
        // given: cot answers two problems (one right) with 300 and 100 tokens;
        // tale-ep estimates with 10 tokens each and answers both right with 60 and 40 tokens
        Run run = newRun(dir);
        run.record(answer("p1", "cot", 300, true, null));
        run.record(answer("p2", "cot", 100, false, null));
        run.record(estimate("p1", 10));
        run.record(estimate("p2", 10));
        run.record(answer("p1", "tale-ep", 60, true, 80));
        run.record(answer("p2", "tale-ep", 40, true, 50));

        // when
        RunSummary summary = run.finish();

        // then
        MethodSummary cot = summary.results().get(0);
        MethodSummary tale = summary.results().get(1);
        assertThat(cot.accuracy()).isEqualTo(0.5);
        assertThat(cot.meanOutputTokens()).isEqualTo(200.0);
        assertThat(cot.tokenReductionPercent()).isNull();
        assertThat(tale.accuracy()).isEqualTo(1.0);
        assertThat(tale.meanAnswerTokens()).isEqualTo(50.0);
        assertThat(tale.meanEstimationTokens()).isEqualTo(10.0);
        assertThat(tale.meanOutputTokens()).isEqualTo(60.0);
        assertThat(tale.totalOutputTokens()).isEqualTo(120);
        assertThat(tale.tokenReductionPercent()).isCloseTo(70.0, within(1e-9));
        assertThat(tale.accuracyChangePoints()).isCloseTo(50.0, within(1e-9));
        assertThat(tale.meanBudget()).isEqualTo(65.0);
    }

    @Test
    void should_count_a_failed_call_as_wrong_and_leave_it_out_of_token_means(@TempDir Path dir) {
        // given
        Run run = newRun(dir);
        run.record(answer("p1", "cot", 300, true, null));
        run.record(new AuditRow("r", NOON, "f.jsonl", 2, "p2", "cot", "answer", null, "", null, 503, 5L, null, null,
                "", "", null, null, null, "error", "HTTP 503: overloaded", null));

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
    void should_list_rejections_per_file_and_write_every_row_to_the_audit(@TempDir Path dir) throws Exception {
        // given
        Run run = newRun(dir);
        run.fileStarted("f.jsonl");
        run.problemRead("f.jsonl");
        run.record(answer("p1", "cot", 300, true, null));
        run.record(new AuditRow("r", NOON, "f.jsonl", 7, null, null, "input", null, null, null, null, null, null, null,
                null, null, null, null, null, "rejected", "missing field 'question'", null));

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

    private static Run newRun(Path dir) {
        AuditLog audit = AuditLog.open(dir.resolve("audit.csv"), dir.resolve("daily"));
        return new Run("r", NOON, dir, new Endpoint("simulator", "http://127.0.0.1:1/v1", "gpt-4o-mini", true),
                List.of("cot", "tale-ep"), audit, Clock.fixed(NOON, ZoneOffset.UTC));
    }

    private static AuditRow answer(String id, String method, int tokens, boolean correct, Integer budget) {
        return new AuditRow("r", NOON, "f.jsonl", 1, id, method, "answer", budget, budget == null ? "" : "estimated",
                "simulated-gpt-4o-mini", 200, 3L, 90, tokens, "usage", "stop", "7", correct ? "7" : "8", correct, "ok",
                null, "Answer: [[7]]");
    }

    private static AuditRow estimate(String id, int tokens) {
        return new AuditRow("r", NOON, "f.jsonl", 1, id, "tale-ep", "estimate", null, null, "simulated-gpt-4o-mini",
                200, 2L, 80, tokens, "usage", "stop", null, null, null, "ok", null, "Budget: [[60]]");
    }
}
