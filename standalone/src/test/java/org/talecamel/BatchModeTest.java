package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.cost.Expense;
import org.talecamel.cost.PriceTable;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.llm.simulator.SimulatedLlmServer;
import org.talecamel.flow.EvaluationSteps;
import org.talecamel.run.BatchedCalls;
import org.talecamel.run.Run;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/**
 * Batch mode ({@code tale.llm.mode=batch}) against the simulator's Batch API, an endpoint of its own that counts what
 * it is asked: a run's calls go in rounds of batches (TALE-EP's estimates, then its answers), each answer is matched
 * by its {@code custom_id} though the output comes in another order, and is scored and audited as it would be one by
 * one. What an expired batch did not answer is reported, or sent on its own, as {@code tale.batch.unanswered} says.
 */
class BatchModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROBLEMS = 8;

    private SimulatedLlmServer endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void should_answer_a_run_in_batches_as_it_would_be_answered_call_by_call(@TempDir Path root) throws Exception {
        // given: the same problems, asked one by one first
        endpoint = simulator("completed");
        RunOutcome oneByOne = TaleTestApp.runOne(root.resolve("sync"), settings("sync"), "sums.jsonl", problems());
        int chatCalls = endpoint.chatCalls();
        assertThat(chatCalls).isEqualTo(3 * PROBLEMS);

        // when: they are asked in batch mode
        RunOutcome batched = TaleTestApp.runOne(root.resolve("batch"), settings("batch"), "sums.jsonl", problems());

        // then: no call went one by one; two rounds went as two batches: CoT's calls and TALE-EP's estimates
        // together, then TALE-EP's answers, which need the estimates
        assertThat(endpoint.chatCalls()).isEqualTo(chatCalls);
        assertThat(endpoint.batches().uploads()).isEqualTo(2);
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(2);
        Path batches = batched.audit().getParent().resolve("batches");
        JsonNode first = JSON.readTree(batches.resolve("batch-1.json").toFile());
        JsonNode second = JSON.readTree(batches.resolve("batch-2.json").toFile());
        assertThat(first.get("lines").asInt()).isEqualTo(2 * PROBLEMS);
        assertThat(second.get("lines").asInt()).isEqualTo(PROBLEMS);
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("batchId").asText()).startsWith("batch_");
        assertThat(first.get("fileId").asText()).isNotBlank();
        assertThat(first.get("endedAt").isNull()).isFalse();

        // and every answer is the one its own request got one by one, though the output lines came in another order
        List<CSVRecord> rows = InboxToReportTest.audit(batched.audit());
        assertThat(rows).hasSize(3 * PROBLEMS).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("ok");
            assertThat(row.get("error")).startsWith("answered in batch batch_");
        });
        assertThat(answers(rows)).isEqualTo(answers(InboxToReportTest.audit(oneByOne.audit())));
        // and every method's figures are those of call by call, but for what they cost (see the tests of prices)
        assertThat(batched.summary().results()).usingRecursiveComparison()
                .ignoringFields("totalExpenseUsd", "meanExpenseUsd", "expenseReductionPercent", "batched")
                .isEqualTo(oneByOne.summary().results());

        // and the summary and the report say how the calls went: in which batches, and how those ended
        assertThat(batched.summary().batches()).extracting(b -> b.status() + " " + b.completed() + "/" + b.total())
                .containsExactly("completed 16/16", "completed 8/8");
        assertThat(JSON.readTree(batched.audit().resolveSibling("summary.json").toFile()).get("batches"))
                .hasSize(2);
        assertThat(Files.readString(batched.reports().get(0)))
                .contains("- Calls: in 2 batches of the provider's Batch API (tale.llm.mode=batch): 2 completed")
                .contains("## Batches").contains("| 1 | gpt-4o-mini | " + first.get("batchId").asText()
                        + " | completed | 16 | 16 | 0 |");
        assertThat(Files.readString(oneByOne.reports().get(0))).contains("- Calls: one by one")
                .doesNotContain("## Batches");

        // and what they cost: the simulator's gpt-4o-mini at the shipped prices, its batch price half its list price: its batch price is half its list price
        assertThat(batched.summary().spentUsd().multiply(BigDecimal.valueOf(2)))
                .isEqualByComparingTo(oneByOne.summary().spentUsd());
        assertThat(batched.summary().batched().callByCallUsd()).isEqualByComparingTo(oneByOne.summary().spentUsd());
        // and the run sent call by call says nothing of batches, in its summary or its report
        assertThat(oneByOne.summary().batched()).isNull();
        assertThat(oneByOne.summary().results()).allSatisfy(m -> assertThat(m.batched()).isNull());
        assertThat(Files.readString(oneByOne.directory().resolve("summary.json"))).doesNotContain("batched");
        assertThat(Files.readString(oneByOne.reports().get(0))).doesNotContain("came in batches")
                .doesNotContain("batch price");
    }

    @Test
    void should_price_batched_answers_at_the_batch_price_and_say_what_they_would_have_cost_call_by_call(
            @TempDir Path root) throws Exception {
        // given: gpt-4o-mini's batch price half its list price
        String prices = PriceTable.COLUMNS.stream().collect(Collectors.joining(",", "", ","))
                + String.join(",", PriceTable.BATCH_COLUMNS) + "\n"
                + "gpt-4o-mini,0.15,0.075,0.60,list,2025-07-04,0.075,0.0375,0.30,batch\n";

        // when
        RunOutcome run = cotInBatches(root, prices);

        // then: each answer is paid at the batch price, and the audit keeps what it would have cost call by call
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).hasSize(PROBLEMS).allSatisfy(row -> assertThat(
                new BigDecimal(row.get("cost_usd")).multiply(BigDecimal.valueOf(2)))
                .isEqualByComparingTo(new BigDecimal(row.get("call_by_call_cost_usd"))));
        // and the run's summary: what it spent is what its batches cost, half of call by call
        BatchedCalls batched = run.summary().batched();
        assertThat(batched.calls()).isEqualTo(PROBLEMS);
        assertThat(batched.costUsd()).isPositive().isEqualByComparingTo(run.summary().spentUsd());
        assertThat(batched.costUsd().multiply(BigDecimal.valueOf(2))).isEqualByComparingTo(batched.callByCallUsd());
        assertThat(batched.savingPercent()).isEqualTo(50.0);
        JsonNode summary = JSON.readTree(run.directory().resolve("summary.json").toFile());
        assertThat(summary.at("/batched/savingPercent").asDouble()).isEqualTo(50.0);
        assertThat(summary.at("/results/0/batched/callByCallUsd").decimalValue())
                .isEqualByComparingTo(batched.callByCallUsd());
        // and the report and the console's end-of-run line say both figures
        String expense = PROBLEMS + " answers came in batches: " + Expense.total(batched.costUsd())
                + " at batch prices; " + Expense.total(batched.callByCallUsd())
                + " had they been sent call by call, saving 50%";
        assertThat(run.summary().expense()).contains(expense);
        assertThat(Files.readString(run.reports().get(0))).contains("- Expense: spent by this run "
                + Expense.total(batched.costUsd()) + "; the answers cost " + Expense.total(batched.costUsd()) + "; "
                + expense);
    }

    @Test
    void should_say_batch_price_unknown_for_a_model_the_price_table_gives_no_batch_price(@TempDir Path root)
            throws Exception {
        // given: a price table of the six columns from before batch prices, which prices gpt-4o-mini call by call only
        String prices = String.join(",", PriceTable.COLUMNS) + "\n" + "gpt-4o-mini,0.15,0.075,0.60,list,2025-07-04\n";

        // when
        RunOutcome run = cotInBatches(root, prices);

        // then: the table loaded; no batched answer is priced, neither free nor at the list price
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).hasSize(PROBLEMS).allSatisfy(row -> {
            assertThat(row.get("cost_usd")).isEmpty();
            assertThat(row.get("call_by_call_cost_usd")).isNotEmpty();
            assertThat(row.get("error")).endsWith("; batch price unknown");
        });
        assertThat(run.summary().spentUsd()).isNull();
        assertThat(run.summary().batched().costUsd()).isNull();
        assertThat(run.summary().results().get(0).totalExpenseUsd()).isNull();
        assertThat(Files.readString(run.reports().get(0)))
                .contains("- Expense: spent by this run batch price unknown; the answers cost batch price unknown; "
                        + PROBLEMS + " answers came in batches: batch price unknown; "
                        + Expense.total(run.summary().batched().callByCallUsd()) + " had they been sent call by call")
                .contains("| batch price unknown |");
    }

    @Test
    void should_stop_as_endpoint_down_when_the_batch_api_never_answers(@TempDir Path root) throws Exception {
        // given: a Batch API at a port where nothing listens
        Map<String, String> dead = new HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", "http://127.0.0.1:1/v1", "tale.llm.mode", "batch", "tale.methods", "cot",
                "tale.batch.poll-ms", "100", "tale.batch.gather-ms", "100"));

        // when
        RunOutcome run = TaleTestApp.runOne(root, dead, "sums.jsonl", problems());

        // then: stopped as the endpoint down (exit code 3), naming the files URL it tried; no problem is lost: each
        // is in the audit as not attempted
        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.ENDPOINT_DOWN);
        assertThat(run.summary().ending().reason()).startsWith("endpoint down: the Batch API gave no response to 5"
                + " tries to send batch 1").contains("no response from http://127.0.0.1:1/v1/files");
        assertThat(InboxToReportTest.audit(run.audit())).hasSize(PROBLEMS)
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("not-attempted"));
        assertThat(JSON.readTree(run.audit().resolveSibling("batches/batch-1.json").toFile()).get("status").asText())
                .isEqualTo("not sent");
    }

    @Test
    void should_send_no_further_round_once_the_spend_cap_is_reached(@TempDir Path root) throws Exception {
        // given: a cap of 100 output tokens, which CoT's answers of the first round pass
        endpoint = simulator("completed");
        Map<String, String> capped = settings("batch");
        capped.put("tale.run.max-output-tokens", "100");

        // when
        RunOutcome run = TaleTestApp.runOne(root, capped, "sums.jsonl", problems());

        // then: the run stopped at its cap after the first batch; TALE-EP's answers went in no batch, and are
        // listed as not attempted
        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.SPEND_CAP);
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
        assertThat(endpoint.chatCalls()).isZero();
        assertThat(InboxToReportTest.audit(run.audit())).filteredOn(row -> row.get("outcome").equals("not-attempted"))
                .hasSize(PROBLEMS).allSatisfy(row -> assertThat(row.get("method")).isEqualTo("tale-ep"));
    }

    @Test
    void should_split_a_round_larger_than_a_batch_file_takes_into_several_batches(@TempDir Path root)
            throws Exception {
        // given: batch files of at most 5 requests
        Map<String, String> small = cotOnly("completed");
        small.put("tale.batch.max-requests", "5");

        // when: a round of 8 requests goes
        RunOutcome run = TaleTestApp.runOne(root, small, "sums.jsonl", problems());

        // then: in two batches of 5 and 3, and every problem is answered once
        assertThat(run.summary().batches()).extracting(b -> b.total()).containsExactly(5, 3);
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(2);
        assertThat(InboxToReportTest.audit(run.audit())).hasSize(PROBLEMS)
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ok"));
        assertThat(endpoint.chatCalls()).isZero();
    }

    @Test
    void should_show_a_pending_batch_with_its_status_and_counts_in_the_api(@TempDir Path root) throws Exception {
        // given: batches that take 3 s at the provider
        Map<String, String> batch = cotOnly("completed", 3000);
        try (TaleTestApp app = TaleTestApp.start(root, batch)) {
            var done = app.whenFilesDone(1);

            // when: a run's batch is pending
            app.drop(problems(), "sums.jsonl");
            JsonNode pending = awaitPendingBatch(app);

            // then: GET /api/runs/{id} shows the batch, its provider status and its request counts, while running
            assertThat(pending.get("number").asInt()).isEqualTo(1);
            assertThat(pending.get("batchId").asText()).startsWith("batch_");
            assertThat(pending.get("status").asText()).isIn("validating", "in_progress", "finalizing");
            assertThat(pending.get("total").asInt()).isEqualTo(PROBLEMS);
            assertThat(pending.has("completed")).isTrue();
            assertThat(pending.has("endedAt")).isFalse();
            assertThat(app.onlyRun(done).summary().batches()).singleElement()
                    .satisfies(b -> assertThat(b.endedAt()).isNotNull());
        }
    }

    @Test
    void should_stop_at_once_while_a_batch_is_pending_leaving_it_for_the_next_start(@TempDir Path root)
            throws Exception {
        // given: a run in batch mode whose first batch (CoT's calls and TALE-EP's estimates) takes a minute
        endpoint = simulator("completed", 60_000);
        TaleTestApp app = TaleTestApp.start(root, settings("batch"));
        Path record;
        try {
            app.drop(problems(), "sums.jsonl");
            awaitPendingBatch(app);
            record = Files.list(app.output.resolve("runs")).filter(Files::isDirectory)
                    .map(run -> run.resolve("batches/batch-1.json")).filter(Files::exists).findFirst().orElseThrow();
        } finally {
            // when: the service is asked to stop
            app.close();
        }

        // then: every call waiting on the batch let go of, so Camel stopped gracefully, not forced down at its
        // timeout; TALE-EP's answers, which wait on the estimates, went to no batch; the batch is left pending
        assertThat(app.context().getShutdownStrategy().isTimeoutOccurred()).as("forced down at the timeout").isFalse();
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
        JsonNode pending = JSON.readTree(record.toFile());
        assertThat(pending.get("endedAt").isNull()).as("left pending for the next start").isTrue();
        assertThat(record.getParent().getParent().resolve("summary.json")).doesNotExist();
    }

    @Test
    void should_send_the_calls_of_a_poll_s_files_in_the_same_rounds(@TempDir Path root) throws Exception {
        // given: two files in the inbox as the service starts, as `--once FILE FILE` and `--once --suite` stage them
        Map<String, String> batch = cotOnly("completed");
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.writeString(inbox.resolve("a.jsonl"), problems(1, PROBLEMS));
        Files.writeString(inbox.resolve("b.jsonl"), problems(PROBLEMS + 1, PROBLEMS));

        try (TaleTestApp app = TaleTestApp.start(root, batch)) {
            // when: the poll takes both
            RunOutcome run = awaitRuns(app, 1).get(0);

            // then: one run, whose round went as one batch of both files' requests, not one batch per file
            assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
            assertThat(run.summary().batches()).extracting(b -> b.status() + " " + b.completed() + "/" + b.total())
                    .containsExactly("completed 16/16");
            assertThat(InboxToReportTest.audit(run.audit())).hasSize(2 * PROBLEMS)
                    .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ok"))
                    .extracting(row -> row.get("source_file")).containsOnly("a.jsonl", "b.jsonl");
            assertThat(root.resolve("done")).isDirectoryContaining("glob:**/a.jsonl")
                    .isDirectoryContaining("glob:**/b.jsonl");
            assertThat(app.runs()).hasSize(1);
        }
    }

    @Test
    void should_keep_a_file_dropped_while_a_run_s_batch_is_pending_for_the_next_run(@TempDir Path root)
            throws Exception {
        // given: a run whose batch takes 2 s at the provider
        try (TaleTestApp app = TaleTestApp.start(root, cotOnly("completed", 2000))) {
            app.drop(problems(1, PROBLEMS), "a.jsonl");
            awaitPendingBatch(app);

            // when: another file is dropped meanwhile
            app.drop(problems(PROBLEMS + 1, PROBLEMS), "b.jsonl");

            // then: it is not added to the run under way, but makes the next run
            List<RunOutcome> runs = awaitRuns(app, 2);
            assertThat(runs).extracting(run -> InboxToReportTest.audit(run.audit()).stream()
                    .map(row -> row.get("source_file")).distinct().toList())
                    .containsExactly(List.of("a.jsonl"), List.of("b.jsonl"));
        }
    }

    /** The app's first {@code count} runs, once finished. */
    private static List<RunOutcome> awaitRuns(TaleTestApp app, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (app.runs().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.runs()).as("runs finished within 60 s").hasSizeGreaterThanOrEqualTo(count);
        return app.runs().subList(0, count);
    }

    @Test
    void should_send_again_only_what_the_resumed_run_asks_when_its_pending_batch_is_lost(@TempDir Path root)
            throws Exception {
        // given: a run stopped while its first batch was pending
        endpoint = simulator("completed", 60_000);
        try (TaleTestApp app = TaleTestApp.start(root, settings("batch"))) {
            app.drop(problems(), "sums.jsonl");
            awaitPendingBatch(app);
        }

        // when: the next start resumes it against an endpoint that does not know the batch, at another address (as
        // the built-in simulator, which forgets its batches when its process stops, comes back on another port)
        endpoint.close();
        endpoint = simulator("completed");
        try (TaleTestApp app = TaleTestApp.start(root, settings("batch"))) {
            RunOutcome run = awaitRuns(app, 1).get(0);

            // then: the lost batch is reported lost, and its requests, which no call asks of this endpoint, are not
            // sent again: the new endpoint got the resumed run's own two rounds, 16 and 8 requests
            assertThat(run.summary().batches()).extracting(b -> b.status() + " " + b.total())
                    .containsExactly("lost 16", "completed 16", "completed 8");
            assertThat(endpoint.batches().batchesCreated()).isEqualTo(2);
            assertThat(InboxToReportTest.audit(run.audit())).hasSize(3 * PROBLEMS)
                    .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ok"));
        }
    }

    @Test
    void should_cancel_a_pending_batch_when_the_run_stops_for_good(@TempDir Path root) throws Exception {
        // given: a run whose batch takes a minute at the provider
        Map<String, String> slow = cotOnly("completed", 60_000);
        slow.put("camel.main.inflight-repository-browse-enabled", "true");
        try (TaleTestApp app = TaleTestApp.start(root, slow)) {
            app.drop(problems(), "sums.jsonl");
            awaitPendingBatch(app);

            // when: the run stops for good while the batch is pending, as it does at its spend cap or a refused key
            Run run = app.context().getInflightRepository().browse().stream()
                    .map(inflight -> inflight.getExchange().getProperty(EvaluationSteps.RUN, Run.class))
                    .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
            run.stop(RunEnding.stopped(RunEnding.Kind.SPEND_CAP, "spend cap, as the test sets it"));
            RunOutcome outcome = awaitRuns(app, 1).get(0);

            // then: the batch is cancelled at the provider, not left to be answered and billed for nothing, and its
            // record says so, and that what it had completed is billed; its calls are not attempted
            assertThat(endpoint.batches().cancels()).isEqualTo(1);
            assertThat(outcome.summary().ending().kind()).isEqualTo(RunEnding.Kind.SPEND_CAP);
            JsonNode record = JSON.readTree(outcome.directory().resolve("batches/batch-1.json").toFile());
            assertThat(record.get("status").asText()).isEqualTo("cancelled");
            assertThat(record.get("endedAt").isNull()).isFalse();
            assertThat(record.get("note").asText()).startsWith("the run stopped: spend cap, as the test sets it")
                    .contains("cancelled at the provider, which bills the 0 request(s) it had completed");
            assertThat(InboxToReportTest.audit(outcome.audit())).hasSize(PROBLEMS)
                    .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("not-attempted"));
        }
    }

    @Test
    void should_price_a_resumed_run_s_answers_from_the_cache_at_the_batch_price_they_were_first_paid(
            @TempDir Path root) throws Exception {
        // given: what a batch run costs, left alone
        endpoint = simulator("completed", 1500);
        RunOutcome whole = TaleTestApp.runOne(root.resolve("whole"), settings("batch"), "sums.jsonl", problems());

        // and: the same run stopped once its first round was answered, while TALE-EP's answers wait in its second
        Path stopped = root.resolve("stopped");
        try (TaleTestApp app = TaleTestApp.start(stopped, settings("batch"))) {
            app.drop(problems(), "sums.jsonl");
            awaitCreated(app.output, 2);
        }

        // when: the next start resumes it
        try (TaleTestApp app = TaleTestApp.start(stopped, settings("batch"))) {
            RunOutcome resumed = awaitRuns(app, 1).get(0);

            // then: the first round's answers come from the response cache, the second's from the batch left pending
            List<CSVRecord> rows = InboxToReportTest.audit(resumed.audit());
            assertThat(rows).filteredOn(row -> row.get("outcome").equals("cached")).hasSize(2 * PROBLEMS)
                    .allSatisfy(row -> assertThat(row.get("error")).endsWith(", answered in a batch"));
            assertThat(endpoint.batches().batchesCreated()).isEqualTo(2 + 2);

            // and each method's answers cost what they cost left alone: those from the cache at the batch price
            // they were paid, not the list price
            assertThat(resumed.summary().results()).extracting(m -> m.method() + " " + m.totalExpenseUsd())
                    .isEqualTo(whole.summary().results().stream().map(m -> m.method() + " " + m.totalExpenseUsd())
                            .toList());
        }
    }

    /** Waits until the run under {@code output} has created its batch {@code number} at the provider. */
    private static void awaitCreated(Path output, int number) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (var runs = Files.list(output.resolve("runs"))) {
                for (Path record : runs.map(run -> run.resolve("batches/batch-" + number + ".json"))
                        .filter(Files::exists).toList()) {
                    if (JSON.readTree(record.toFile()).path("batchId").isTextual()) {
                        return;
                    }
                }
            } catch (java.nio.file.NoSuchFileException | com.fasterxml.jackson.core.JsonProcessingException notYet) {
                // no run folder yet, or a record being written
            }
            Thread.sleep(50);
        }
        throw new AssertionError("batch " + number + " was not created within 30 s");
    }

    /** The first batch of the app's running run, read from GET /api/runs/{id}, once the provider has it. */
    private static JsonNode awaitPendingBatch(TaleTestApp app) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode runs = JSON.readTree(client.send(HttpRequest.newBuilder(app.http("/api/runs"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).path("runs");
            for (JsonNode run : runs) {
                if (run.path("status").asText().equals("running")) {
                    JsonNode one = JSON.readTree(client.send(HttpRequest.newBuilder(
                            app.http("/api/runs/" + run.get("id").asText())).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    JsonNode first = one.path("batches").path(0);
                    if (first.path("batchId").isTextual()) {
                        return first;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pending batch showed in GET /api/runs/{id} within 30 s");
    }

    @Test
    void should_report_what_an_expired_batch_did_not_answer(@TempDir Path root) throws Exception {
        // given: batches that expire with the first half of their requests answered
        Map<String, String> report = cotOnly("expired");
        report.put("tale.batch.unanswered", "report");

        // when
        RunOutcome run = TaleTestApp.runOne(root, report, "sums.jsonl", problems());

        // then: the half answered is scored, the rest is reported as failed, naming the batch and why
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).hasSize(PROBLEMS);
        assertThat(rows).filteredOn(row -> row.get("outcome").equals("ok")).hasSize(PROBLEMS / 2);
        assertThat(rows).filteredOn(row -> row.get("outcome").equals("error")).hasSize(PROBLEMS / 2)
                .allSatisfy(row -> assertThat(row.get("error")).contains("did not answer it: batch_expired"));
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
        assertThat(endpoint.chatCalls()).isZero();
    }

    @Test
    void should_send_on_its_own_what_an_expired_batch_did_not_answer_when_told_to(@TempDir Path root)
            throws Exception {
        Map<String, String> sync = cotOnly("expired");
        sync.put("tale.batch.unanswered", "sync");

        RunOutcome run = TaleTestApp.runOne(root, sync, "sums.jsonl", problems());

        // then: every problem is answered, half in the batch and half one by one
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).hasSize(PROBLEMS).allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ok"));
        assertThat(rows).filteredOn(row -> row.get("error").startsWith("answered in batch")).hasSize(PROBLEMS / 2);
        assertThat(endpoint.chatCalls()).isEqualTo(PROBLEMS / 2);
    }

    @Test
    void should_send_again_in_a_new_batch_what_an_expired_batch_did_not_answer_then_report_it(@TempDir Path root)
            throws Exception {
        // given: every batch expires half-way, and a request goes in at most 1 + 1 batches
        Map<String, String> again = cotOnly("expired");
        again.put("tale.batch.resends", "1");

        RunOutcome run = TaleTestApp.runOne(root, again, "sums.jsonl", problems());

        // then: 8 requests, then the 4 unanswered again, of which 2 are answered; the last 2 are reported
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(2);
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).filteredOn(row -> row.get("outcome").equals("ok")).hasSize(PROBLEMS * 3 / 4);
        assertThat(rows).filteredOn(row -> row.get("outcome").equals("error")).hasSize(PROBLEMS / 4)
                .allSatisfy(row -> assertThat(row.get("error")).contains("sent in 2 batches"));
        assertThat(endpoint.chatCalls()).isZero();
    }

    /** CoT on the problems in batch mode, its expense from a price table of {@code prices}. */
    private RunOutcome cotInBatches(Path root, String prices) throws Exception {
        Map<String, String> batch = cotOnly("completed");
        batch.put("tale.prices", Files.writeString(root.resolve("prices.csv"), prices).toString());
        return TaleTestApp.runOne(root.resolve("run"), batch, "sums.jsonl", problems());
    }

    /** Each row's answer by problem, method and phase. */
    private static Map<String, String> answers(List<CSVRecord> rows) {
        return rows.stream().collect(Collectors.toMap(
                row -> row.get("problem_id") + " " + row.get("method") + " " + row.get("phase"),
                row -> row.get("response") + " | " + row.get("correct")));
    }

    private static String problems() {
        return problems(PROBLEMS);
    }

    /** {@code count} sums, one a line, that the simulator answers. */
    static String problems(int count) {
        return problems(1, count);
    }

    /** {@code count} sums from the {@code first}th, one a line, that the simulator answers. */
    static String problems(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(n -> "{\"id\":\"p" + n + "\",\"question\":\"Sam has " + n
                + " apples and buys " + (n * 3) + " more. How many apples does he have?\",\"answer\":\"#### "
                + (n * 4) + "\"}").collect(Collectors.joining("\n", "", "\n"));
    }

    private Map<String, String> settings(String mode) {
        Map<String, String> settings = new HashMap<>();
        settings.put("tale.llm.provider", "openai");
        settings.put("tale.llm.base-url", endpoint.baseUrl());
        settings.put("tale.llm.mode", mode);
        settings.put("tale.methods", "cot,tale-ep");
        settings.put("tale.batch.poll-ms", "100");
        settings.put("tale.batch.gather-ms", "300");
        return settings;
    }

    /** CoT alone, in batch mode, against a simulator whose batches end so after 300 ms. */
    private Map<String, String> cotOnly(String outcome) throws Exception {
        return cotOnly(outcome, 300);
    }

    private Map<String, String> cotOnly(String outcome, long processingMs) throws Exception {
        endpoint = simulator(outcome, processingMs);
        Map<String, String> settings = settings("batch");
        settings.put("tale.methods", "cot");
        return settings;
    }

    private static SimulatedLlmServer simulator(String outcome) throws Exception {
        return simulator(outcome, 300);
    }

    private static SimulatedLlmServer simulator(String outcome, long processingMs) throws Exception {
        return SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 7, List.of(), "gpt-4o-mini", 0,
                ModelTable.classic(), processingMs, outcome));
    }
}
