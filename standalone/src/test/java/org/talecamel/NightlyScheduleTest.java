package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.llm.simulator.SimulatedLlmServer;
import org.talecamel.run.RunOutcome;

/** The nightly schedule feeds suites through the same flow as the inbox, one run per suite. */
class NightlyScheduleTest {

    @Test
    void should_run_each_suite_when_the_cron_fires_and_index_the_run(@TempDir Path root) throws Exception {
        // given a schedule that fires every 3 seconds, for the shipped samples suite
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.nightly.cron", "0/3 * * * * ?",
                "tale.nightly.suites", "samples"))) {
            NotifyBuilder fired = new NotifyBuilder(app.context()).fromRoute("nightly")
                    .filter(exchange -> exchange.getProperty(Exchange.SPLIT_INDEX) == null).whenDone(1).create();

            // when
            assertThat(fired.matches(60, TimeUnit.SECONDS)).as("the nightly route ran").isTrue();

            // then: one run of the suite, with the suite's own methods and gates, in the run index
            RunOutcome run = app.runs().get(0);
            assertThat(run.suite()).isEqualTo("samples");
            assertThat(run.summary().methods()).containsExactly("cot", "tale-ep", "cod");
            assertThat(run.summary().files()).extracting(f -> f.name())
                    .containsExactly("gsm8k-style.jsonl", "gsm8k-zero-style.jsonl");
            assertThat(run.gates()).extracting(g -> g.name()).contains("min-accuracy.tale-ep");
            JsonNode index = new ObjectMapper().readTree(app.output.resolve("runs/index.json").toFile());
            assertThat(index.get(0).get("suite").asText()).isEqualTo("samples");
            assertThat(index.get(0).get("runId").asText()).isEqualTo(run.summary().runId());
            // the suite's files are read where they are, never moved
            assertThat(Path.of("data-in/samples/gsm8k-style.jsonl")).exists();
        }
    }

    @Test
    void should_collect_a_nightly_batch_after_a_service_restart_without_sending_it_again(@TempDir Path root)
            throws Exception {
        // given: a nightly run in batch mode whose first batch is pending when the service stops
        try (SimulatedLlmServer endpoint = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 7,
                List.of(), "gpt-4o-mini", 0, ModelTable.classic(), 4000, "completed"))) {
            Map<String, String> batch = new HashMap<>(Map.of("tale.nightly.suites", "samples",
                    "tale.llm.provider", "openai", "tale.llm.base-url", endpoint.baseUrl(), "tale.llm.mode", "batch",
                    "tale.batch.poll-ms", "200", "tale.batch.gather-ms", "1000"));
            batch.put("tale.nightly.cron", "0/2 * * * * ?");
            Path record;
            try (TaleTestApp app = TaleTestApp.start(root, batch)) {
                record = awaitFirstBatch(app.output);
            }
            Path run = record.getParent().getParent();
            assertThat(run.resolve("summary.json")).as("the stop left the run unfinished").doesNotExist();
            assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
            String pendingId = new ObjectMapper().readTree(record.toFile()).get("batchId").asText();

            // when: the service starts again, with no night to come for years
            batch.put("tale.nightly.cron", "0 0 3 1 1 ? 2099");
            try (TaleTestApp app = TaleTestApp.start(root, batch)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (app.runs().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }

                // then: the same run is finished at once; the batch pending at the stop was collected, not sent again
                assertThat(app.runs()).hasSize(1);
                RunOutcome resumed = app.runs().get(0);
                assertThat(resumed.summary().runId()).isEqualTo(run.getFileName().toString());
                assertThat(resumed.summary().resumed()).contains("resumed after the process stopped");
                JsonNode first = new ObjectMapper().readTree(record.toFile());
                assertThat(first.get("batchId").asText()).isEqualTo(pendingId);
                assertThat(first.get("status").asText()).isEqualTo("completed");
                long records;
                try (var files = Files.list(record.getParent())) {
                    records = files.filter(f -> f.getFileName().toString().matches("batch-\\d+\\.json")).count();
                }
                // the suite's two files went together: CoT's, TALE-EP's estimates and CoD's calls of all 40
                // problems in the first batch, TALE-EP's answers in the second
                assertThat(first.get("lines").asInt()).isEqualTo(3 * 40);
                assertThat(records).isEqualTo(2);
                assertThat(endpoint.batches().batchesCreated()).isEqualTo((int) records);
                assertThat(endpoint.batches().uploads()).isEqualTo((int) records);
                assertThat(endpoint.chatCalls()).isZero();
                assertThat(InboxToReportTest.audit(resumed.audit()))
                        .filteredOn(r -> r.get("error").startsWith("answered in batch " + pendingId)).isNotEmpty();
            }
        }
    }

    /** The first batch's record of the nightly run, once the provider has it. */
    private static Path awaitFirstBatch(Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(output.resolve("runs"))) {
                try (var found = Files.find(output.resolve("runs"), 3,
                        (path, attributes) -> path.getFileName().toString().equals("batch-1.json"))) {
                    for (Path record : found.toList()) {
                        if (new ObjectMapper().readTree(record.toFile()).path("batchId").isTextual()) {
                            return record;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the nightly run sent no batch within 60 s");
    }
}
