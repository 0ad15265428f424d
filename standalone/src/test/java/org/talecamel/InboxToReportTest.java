package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/** A problem file dropped in the inbox comes out as a TALE report and a CSV audit, over HTTP to the simulator. */
class InboxToReportTest {

    private static final Path FIVE_GOOD_THREE_BAD = Path.of("core/src/test/resources/problems/five-good-three-bad.jsonl");

    @Test
    void should_turn_a_file_with_good_and_malformed_lines_into_a_report_and_an_audit(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(FIVE_GOOD_THREE_BAD, "mixed.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: 5 problems x (cot answer + tale-ep estimate + tale-ep answer), and 3 rejected lines
            List<CSVRecord> rows = audit(run.audit());
            assertThat(rows).hasSize(5 * 3 + 3);
            assertThat(rows.get(0).getParser().getHeaderNames()).containsSubsequence("run_id", "timestamp",
                    "source_file", "line", "problem_id", "method", "phase", "budget", "budget_source", "model",
                    "http_status", "latency_ms", "prompt_tokens", "completion_tokens", "token_source", "finish_reason",
                    "expected", "extracted", "correct", "error");
            assertThat(rows).filteredOn(r -> r.get("outcome").equals("rejected"))
                    .extracting(r -> r.get("source_file") + ":" + r.get("line") + ": " + r.get("error"))
                    // the audit is in the order things happened, and problems are evaluated in parallel
                    .containsExactlyInAnyOrder(
                            "mixed.jsonl:2: invalid JSON: Unexpected end-of-input: expected close marker for Object",
                            "mixed.jsonl:5: missing field 'question'",
                            "mixed.jsonl:7: expected a JSON object, found an array");
            List<CSVRecord> answers = rows.stream().filter(r -> r.get("phase").equals("answer")).toList();
            assertThat(answers).hasSize(10).allSatisfy(r -> {
                assertThat(r.get("model")).startsWith("simulated-");
                assertThat(r.get("http_status")).isEqualTo("200");
                assertThat(r.get("token_source")).isEqualTo("usage");
                assertThat(Integer.parseInt(r.get("completion_tokens"))).isPositive();
                assertThat(r.get("correct")).isIn("true", "false");
            });
            assertThat(answers).filteredOn(r -> r.get("method").equals("tale-ep"))
                    .allSatisfy(r -> assertThat(r.get("budget_source")).isEqualTo("estimated"));
            assertThat(rows).filteredOn(r -> r.get("phase").equals("estimate")).hasSize(5);

            // the report shows both methods, says simulated, and lists every rejection
            String report = Files.readString(run.reports().get(0));
            assertThat(report).contains("SIMULATED", "| cot |", "| tale-ep |", "Rejected input (3)",
                    "| mixed.jsonl | 2 |", "missing field 'question'");
            assertThat(Files.readString(run.directory().resolve("report.html")))
                    .contains("SIMULATED").doesNotContain("<script", "src=\"http", "href=\"http", "@import");
            JsonNode summary = new ObjectMapper().readTree(run.directory().resolve("summary.json").toFile());
            assertThat(summary.path("problems").asInt()).isEqualTo(5);
            assertThat(summary.path("rejected").asInt()).isEqualTo(3);
            assertThat(summary.path("endpoint").path("simulated").asBoolean()).isTrue();

            // every row also went to the day's audit, and the file moved to done/
            try (var daily = Files.list(app.output.resolve("audit"))) {
                Path day = daily.findFirst().orElseThrow();
                assertThat(day.getFileName().toString()).matches("audit-\\d{4}-\\d{2}-\\d{2}\\.csv");
                assertThat(audit(day)).hasSize(rows.size());
            }
            assertThat(app.inbox.resolveSibling("done").resolve("mixed.jsonl")).exists();
            assertThat(app.inbox.resolve("mixed.jsonl")).doesNotExist();

            // and Jenkins gets a junit.xml: one testcase per problem and method, one per rejected line
            String junit = Files.readString(run.directory().resolve("junit.xml"));
            assertThat(junit).contains("<testsuite name=\"inbox.mixed.cot\" tests=\"5\"",
                    "<testsuite name=\"inbox.mixed.tale-ep\" tests=\"5\"", "<testsuite name=\"inbox.input\" tests=\"3\"");
        }
    }

    @Test
    void should_move_a_file_it_cannot_read_to_failed_beside_the_reason(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop("question,answer\n", "my notes.txt");
            RunOutcome run = app.onlyRun(done);

            // then
            Path failed = app.inbox.resolveSibling("failed");
            assertThat(failed.resolve("my notes.txt")).exists();
            assertThat(failed.resolve("my notes.txt.error.txt")).content()
                    .startsWith("my notes.txt: unsupported file type '.txt': use .jsonl, .json or .csv");
            assertThat(audit(run.audit())).singleElement().satisfies(row -> {
                assertThat(row.get("outcome")).isEqualTo("rejected");
                assertThat(row.get("source_file")).isEqualTo("my notes.txt");
                assertThat(row.get("error")).contains("unsupported file type");
            });
            assertThat(run.summary().files()).singleElement()
                    .satisfies(file -> assertThat(file.status()).isEqualTo("failed"));
        }
    }

    @Test
    void should_move_an_empty_file_to_failed_saying_so_instead_of_leaving_it_in_the_inbox(@TempDir Path root)
            throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when a file of 0 bytes is dropped
            app.drop("", "empty.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then it is not left in the inbox unseen: it is in failed/, with the reason, and in the run's audit
            Path failed = app.inbox.resolveSibling("failed");
            assertThat(app.inbox.resolve("empty.jsonl")).doesNotExist();
            assertThat(failed.resolve("empty.jsonl.error.txt")).content()
                    .startsWith("empty.jsonl: the file is empty (0 bytes)");
            assertThat(audit(run.audit())).singleElement().satisfies(row -> {
                assertThat(row.get("outcome")).isEqualTo("rejected");
                assertThat(row.get("source_file")).isEqualTo("empty.jsonl");
            });
        }
    }

    @Test
    void should_move_a_file_read_before_to_failed_saying_so_instead_of_reading_it_twice(@TempDir Path root)
            throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.methods", "cot"))) {
            // given: a file read once, then the very same file (name, size, modification time) dropped again
            String problem = "{\"id\":\"q1\",\"question\":\"What is 2 + 3?\",\"answer\":\"5\"}\n";
            NotifyBuilder first = app.whenFilesDone(1);
            app.drop(problem, "same.jsonl");
            assertThat(first.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Path read = app.inbox.resolveSibling("done").resolve("same.jsonl");
            java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(read);

            // when
            NotifyBuilder second = app.whenFilesDone(1);
            Path again = Files.move(read, app.inbox.resolveSibling("same.jsonl.part"));
            Files.setLastModifiedTime(again, time);
            Files.move(again, app.inbox.resolve("same.jsonl"));
            assertThat(second.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Path failed = app.inbox.resolveSibling("failed");
            for (int wait = 0; wait < 300 && !Files.exists(failed.resolve("same.jsonl")); wait++) {
                Thread.sleep(100); // the file is moved once its exchange is complete
            }

            // then: not read twice, and not left silently in the inbox
            assertThat(app.inbox.resolve("same.jsonl")).doesNotExist();
            assertThat(failed.resolve("same.jsonl")).exists();
            assertThat(failed.resolve("same.jsonl.error.txt")).content().startsWith("same.jsonl: already read:");
            assertThat(app.runs()).hasSize(2);
            assertThat(audit(app.runs().get(1).audit())).singleElement().satisfies(row -> {
                assertThat(row.get("outcome")).isEqualTo("rejected");
                assertThat(row.get("error")).contains("already read");
            });
        }
    }

    @Test
    void should_reject_a_repeated_id_and_a_question_too_long_for_the_model_naming_file_and_line(@TempDir Path root)
            throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.methods", "cot", "tale.llm.context-tokens", "2048"))) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);
            String tooLong = "A farmer counts his sheep." + " Then he counts them again.".repeat(400) + " How many?";

            // when
            app.drop("{\"id\":\"q1\",\"question\":\"What is 2 + 3?\",\"answer\":\"5\"}\n"
                    + "{\"id\":\"q2\",\"question\":\"" + tooLong + "\",\"answer\":\"1\"}\n"
                    + "{\"id\":\"q1\",\"question\":\"What is 4 + 4?\",\"answer\":\"8\"}\n", "odd cases.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: one problem evaluated, two rejected with a reason; nothing was lost
            List<CSVRecord> rows = audit(run.audit());
            assertThat(rows).extracting(r -> r.get("line") + ":" + r.get("outcome")).containsExactlyInAnyOrder(
                    "1:ok", "2:rejected", "3:rejected");
            assertThat(rows).filteredOn(r -> r.get("outcome").equals("rejected"))
                    .extracting(r -> r.get("source_file") + ":" + r.get("line") + ": " + r.get("error"))
                    .containsExactlyInAnyOrder(
                            "odd cases.jsonl:2: question is 2409 tokens, too long for the model's context of 2048 "
                                    + "tokens (tale.llm.context-tokens) with room for instructions and an answer",
                            "odd cases.jsonl:3: duplicate id 'q1': line 1 has it already");
            assertThat(run.summary().problems()).isEqualTo(1);
            assertThat(run.summary().rejected()).isEqualTo(2);
        }
    }

    @Test
    void should_audit_every_call_when_the_endpoint_cannot_be_reached(@TempDir Path root) throws Exception {
        // given: nothing listens on port 9 of loopback, and no circuit breaker opens (CircuitBreakerTest has that)
        try (TaleTestApp app = TaleTestApp.start(root, Map.of(
                "tale.llm.provider", "openai", "tale.llm.base-url", "http://127.0.0.1:9/v1",
                "tale.llm.retry.attempts", "1", "tale.llm.circuit.failures", "1000"))) {
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(FIVE_GOOD_THREE_BAD, "mixed.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: the run completes; every call is an error row with a reason, estimates fall back to the default budget
            List<CSVRecord> rows = audit(run.audit());
            assertThat(rows).hasSize(5 * 3 + 3);
            assertThat(rows).filteredOn(r -> !r.get("outcome").equals("rejected")).allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("error");
                assertThat(r.get("error")).contains("no response from the endpoint");
            });
            assertThat(rows).filteredOn(r -> r.get("phase").equals("answer") && r.get("method").equals("tale-ep"))
                    .allSatisfy(r -> assertThat(r.get("budget_source")).isEqualTo("fallback"));
            assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.NO_ANSWERS);
            assertThat(run.completed()).isFalse();
            assertThat(Files.readString(run.reports().get(0))).contains("Failed calls (15)");
        }
    }

    @Test
    void should_spend_fewer_tokens_with_tale_ep_than_with_cot_on_the_samples(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(Path.of("data-in/samples/gsm8k-style.jsonl"), "gsm8k-style.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then
            MethodSummary cot = run.summary().results().get(0);
            MethodSummary tale = run.summary().results().get(1);
            assertThat(cot.method()).isEqualTo("cot");
            assertThat(tale.method()).isEqualTo("tale-ep");
            assertThat(cot.problems()).isEqualTo(tale.problems()).isGreaterThanOrEqualTo(20);
            assertThat(tale.meanOutputTokens()).isLessThan(cot.meanOutputTokens());
            assertThat(tale.tokenReductionPercent()).isPositive();
        }
    }

    @Test
    void should_sweep_every_budget_level_and_chart_the_elasticity_curve(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.methods", "elasticity",
                "tale.elasticity.budgets", "1/16,1/4,1"))) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(Path.of("data-in/samples/gsm8k-style.jsonl"), "gsm8k-style.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: cot was added first, and each problem it answered was asked at each of the three budgets
            assertThat(run.summary().methods()).containsExactly("cot", "elasticity");
            List<CSVRecord> rows = audit(run.audit());
            long problems = run.summary().problems();
            assertThat(rows).filteredOn(r -> r.get("phase").equals("sweep")).hasSize((int) (3 * problems))
                    .allSatisfy(r -> assertThat(r.get("budget_source")).isEqualTo("sweep"));
            assertThat(run.summary().elasticity()).extracting(p -> p.level()).containsExactly("1/16", "1/4", "1");
            assertThat(run.summary().elasticity().get(0).meanBudget())
                    .isLessThan(run.summary().elasticity().get(2).meanBudget() / 8);
            assertThat(Files.readString(run.reports().get(0))).contains("## Token elasticity");
            assertThat(Files.readString(run.directory().resolve("report.html")))
                    .contains("alt=\"Token elasticity", "data:image/png;base64,");
        }
    }

    @Test
    void should_cap_budgeted_answers_with_max_tokens_when_asked(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.methods", "fixed:10",
                "tale.budget.hard-cap-factor", "1.5"))) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(Path.of("data-in/samples/gsm8k-style.jsonl"), "gsm8k-style.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: no answer is longer than ceil(10 x 1.5) = 15 tokens, and cut answers are flagged
            List<CSVRecord> answers = audit(run.audit()).stream().filter(r -> r.get("phase").equals("answer")).toList();
            assertThat(answers).allSatisfy(r -> assertThat(Integer.parseInt(r.get("completion_tokens"))).isLessThanOrEqualTo(15));
            assertThat(answers).filteredOn(r -> r.get("finish_reason").equals("length")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("error")).startsWith("truncated"));
            assertThat(run.summary().results().get(0).truncated()).isPositive();
        }
    }

    @Test
    void should_judge_the_run_against_its_quality_gates(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.gates.min-accuracy", "99",
                "tale.gates.min-token-reduction.tale-ep", "50"))) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(Path.of("data-in/samples/gsm8k-style.jsonl"), "gsm8k-style.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: no method reaches 99% on the simulator, and TALE-EP saves more than half of CoT's tokens
            assertThat(run.gates()).extracting(g -> g.name() + ":" + g.passed()).containsExactly(
                    "min-accuracy.cot:false", "min-accuracy.tale-ep:false", "min-token-reduction.tale-ep:true");
            assertThat(run.gatesPassed()).isFalse();
            assertThat(Files.readString(run.reports().get(0))).contains("## Quality gates: 2 FAILED",
                    "| min-accuracy.cot | FAILED |");
            JsonNode summary = new ObjectMapper().readTree(run.directory().resolve("summary.json").toFile());
            assertThat(summary.path("gates")).hasSize(3);
        }
    }

    @Test
    void should_stop_sending_once_the_spend_cap_is_reached_and_list_what_was_not_attempted(@TempDir Path root)
            throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.run.max-output-tokens", "1500",
                "tale.concurrency", "1"))) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(Path.of("data-in/samples/gsm8k-style.jsonl"), "gsm8k-style.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: a few problems were asked, then nothing more, and every problem is still in the audit
            List<CSVRecord> rows = audit(run.audit());
            List<CSVRecord> skipped = rows.stream().filter(r -> r.get("outcome").equals("not-attempted")).toList();
            // one row per evaluation: "skipped" before its first call, or the phase of the call that was not sent
            assertThat(skipped).isNotEmpty().allSatisfy(r -> assertThat(r.get("phase")).isIn("skipped", "estimate", "answer"));
            long answered = rows.stream().filter(r -> r.get("phase").equals("answer")
                    && !r.get("outcome").equals("not-attempted")).count();
            assertThat(answered + skipped.size()).isEqualTo(2 * run.summary().problems());
            assertThat(run.summary().ending().describe()).startsWith("stopped: spend cap, tale.run.max-output-tokens=1500 reached");
            assertThat(run.exitCode()).isEqualTo(5);
            assertThat(Files.readString(run.reports().get(0))).contains("stopped: spend cap",
                    "## Not attempted: stopped: spend cap");
        }
    }

    static List<CSVRecord> audit(Path csv) throws IOException {
        try (var reader = Files.newBufferedReader(csv)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
