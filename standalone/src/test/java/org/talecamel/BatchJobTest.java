package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.flow.BatchJob;
import org.talecamel.flow.BatchJobResult;
import org.talecamel.flow.BatchJobSteps;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.llm.simulator.SimulatedLlmServer;

/**
 * The batch job's route ({@code routes/batch.camel.yaml}), as the Jakarta Batch job {@code tale-evaluation} drives it
 * in a server (the server itself is in the jakarta module's IT): one execution is one run; a stopped execution
 * leaves its run resumable, and the restart finishes it under its own id without asking anything answered again.
 */
class BatchJobTest {

    @RegisterExtension
    final WireMockExtension endpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(20)).build();

    @Test
    void should_run_the_files_named_and_end_passed_with_the_run_written(@TempDir Path root) throws Exception {
        Path problems = problems(root, 4);
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.methods", "cot,tale-ep"))) {
            BatchJobResult result = run(app, job("local-1", false, Map.of("files", problems.toString(),
                    "outputDir", root.resolve("workspace").toString())));

            assertThat(result.exitStatus()).isEqualTo(BatchJobResult.PASSED);
            assertThat(result.completed()).isTrue();
            assertThat(result.directory().resolve("report.md")).exists();
            assertThat(result.directory().resolve("junit.xml")).content().contains("<testsuite name=\"batch.problems.cot\"");
            assertThat(InboxToReportTest.audit(result.directory().resolve("audit.csv"))).hasSize(4 * 3);
            // the job's outputDir gets the files a pipeline publishes
            assertThat(root.resolve("workspace")).isDirectoryContaining("glob:**/junit.xml")
                    .isDirectoryContaining("glob:**/audit.csv").isDirectoryContaining("glob:**/report.html");
            // and the problem file is read where it is, never moved
            assertThat(problems).exists();
        }
    }

    @Test
    void should_end_gate_failed_when_a_quality_gate_fails(@TempDir Path root) throws Exception {
        Path problems = problems(root, 3);
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.gates.max-mean-output-tokens.cot", "1"))) {
            BatchJobResult result = run(app, job("local-2", false, Map.of("files", problems.toString(),
                    "methods", "cot")));

            assertThat(result.exitStatus()).isEqualTo(BatchJobResult.GATE_FAILED);
            assertThat(result.completed()).isTrue();
            assertThat(result.reason()).contains("quality gates failed").contains("cot");
        }
    }

    @Test
    void should_refuse_a_job_without_suite_or_files_naming_the_parameters() {
        assertThatThrownBy(() -> job("local-3", false, Map.of("methods", "cot")))
                .hasMessageContaining("needs the parameter suite").hasMessageContaining("files");
        assertThatThrownBy(() -> job("local-3", false, Map.of("suite", "samples", "model", "x")))
                .hasMessageContaining("unknown parameter 'model'");
    }

    @Test
    void should_resume_a_stopped_run_on_restart_without_asking_anything_answered_again(@TempDir Path root)
            throws Exception {
        // given an endpoint that takes 50 ms an answer, and a job of 40 problems
        endpoint.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(50).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Answer: [[7]]\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":5,\"total_tokens\":55}}")));
        Path problems = problems(root, 40);
        Map<String, String> settings = Map.of("tale.llm.provider", "openai", "tale.llm.api-key", "sk-test",
                "tale.llm.base-url", endpoint.baseUrl() + "/v1", "tale.methods", "cot", "tale.concurrency", "2");
        Map<String, String> parameters = Map.of("files", problems.toString());
        try (TaleTestApp app = TaleTestApp.start(root, settings)) {
            BatchJobSteps steps = app.context().getRegistry().lookupByNameAndType("batchJobs", BatchJobSteps.class);

            // when the execution is stopped once some answers have arrived
            CompletableFuture<BatchJobResult> first = CompletableFuture.supplyAsync(
                    () -> run(app, job("local-4", false, parameters)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (endpoint.getAllServeEvents().size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            steps.stop("local-4");
            BatchJobResult stopped = first.get(30, TimeUnit.SECONDS);

            // then it ends stopped, its run left without a summary for the restart
            assertThat(stopped.exitStatus()).isEqualTo(BatchJobResult.STOPPED);
            assertThat(stopped.reason()).contains("batch job was stopped");
            assertThat(stopped.directory().resolve("summary.json")).doesNotExist();
            int askedBefore = endpoint.getAllServeEvents().size();
            assertThat(askedBefore).isBetween(8, 39);

            // and when the execution is restarted
            BatchJobResult restarted = run(app, job("local-4", true, parameters));

            // then the same run finishes, every problem in it once, and nothing answered before was asked again
            assertThat(restarted.exitStatus()).isEqualTo(BatchJobResult.PASSED);
            assertThat(restarted.runId()).isEqualTo(stopped.runId());
            assertThat(InboxToReportTest.audit(restarted.directory().resolve("audit.csv"))).hasSize(40);
            List<LoggedRequest> asked = endpoint.findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .postRequestedFor(urlEqualTo("/v1/chat/completions")));
            Map<String, Long> timesAsked = asked.stream().collect(Collectors.groupingBy(
                    LoggedRequest::getBodyAsString, Collectors.counting()));
            assertThat(asked).hasSize(40);
            assertThat(timesAsked.values()).containsOnly(1L);
        }
    }

    @Test
    void should_send_the_calls_of_all_the_job_s_files_in_the_same_rounds_in_batch_mode(@TempDir Path root)
            throws Exception {
        // given: a job of two files, in batch mode, against the simulator's Batch API
        try (SimulatedLlmServer simulator = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 7,
                List.of(), "gpt-4o-mini", 0, ModelTable.classic(), 300, "completed"))) {
            Path a = Files.writeString(root.resolve("a.jsonl"), BatchModeTest.problems(1, 4));
            Path b = Files.writeString(root.resolve("b.jsonl"), BatchModeTest.problems(5, 4));
            Map<String, String> settings = Map.of("tale.llm.provider", "openai", "tale.llm.base-url",
                    simulator.baseUrl(), "tale.llm.mode", "batch", "tale.methods", "cot", "tale.batch.poll-ms", "100",
                    "tale.batch.gather-ms", "300");
            try (TaleTestApp app = TaleTestApp.start(root, settings)) {
                // when: it runs
                BatchJobResult result = run(app, job("local-5", false, Map.of("files", a + "," + b)));

                // then: its one round went as one batch of both files' requests, not one batch per file
                assertThat(result.exitStatus()).isEqualTo(BatchJobResult.PASSED);
                assertThat(simulator.batches().batchesCreated()).isEqualTo(1);
                assertThat(InboxToReportTest.audit(result.directory().resolve("audit.csv"))).hasSize(8)
                        .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ok"))
                        .extracting(row -> row.get("source_file")).containsOnly("a.jsonl", "b.jsonl");
            }
        }
    }

    private static BatchJobResult run(TaleTestApp app, BatchJob job) {
        return app.context().createProducerTemplate().requestBody("direct:batch-job", job, BatchJobResult.class);
    }

    private static BatchJob job(String key, boolean restart, Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        return BatchJob.of(key, restart, properties, Path.of(""));
    }

    private static Path problems(Path root, int count) throws Exception {
        Function<Integer, String> line = n -> "{\"id\":\"p" + n + "\",\"question\":\"Tom has " + n
                + " apples and buys 4 more. How many apples does he have?\",\"answer\":\"#### " + (n + 4) + "\"}";
        return Files.writeString(root.resolve("problems.jsonl"),
                IntStream.rangeClosed(1, count).mapToObj(line::apply).collect(Collectors.joining("\n", "", "\n")));
    }
}
