package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.llm.simulator.SimulatedBatchApi.Surface;
import org.talecamel.llm.simulator.SimulatedLlmServer;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/**
 * Batch mode ({@code tale.llm.mode=batch}) against Azure OpenAI's Batch API, as the simulator serves it: on a dated
 * api-version ({@code /openai/files}, {@code /openai/batches}, with {@code ?api-version=}) and on the v1 API
 * ({@code /openai/v1/...}), the deployment named in every line, the key in the {@code api-key} header.
 */
class BatchModeOnAzureTest {

    private static final int PROBLEMS = 4;

    private SimulatedLlmServer endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 7, List.of(), "gpt-4o-mini", 0,
                ModelTable.classic(), 300, "completed"));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @ParameterizedTest(name = "api-version {0}")
    @CsvSource({"2024-10-21, AZURE", "v1, AZURE_V1"})
    void should_answer_a_run_in_batches_on_azures_batch_paths(String apiVersion, Surface surface,
                                                             @TempDir Path root) throws Exception {
        // when
        RunOutcome run = TaleTestApp.runOne(root, azure(apiVersion, "any-key"), "sums.jsonl",
                BatchModeTest.problems(PROBLEMS));

        // then: two rounds went as two batches on Azure's paths (CoT's calls and TALE-EP's estimates, then its
        // answers), none one by one, and none on OpenAI's paths
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        assertThat(endpoint.batches().batchesCreated(surface)).isEqualTo(2);
        assertThat(endpoint.batches().batchesCreated(Surface.OPENAI)).isZero();
        assertThat(endpoint.chatCalls()).isZero();

        // and every call was answered in a batch, by the deployment, SIMULATED
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).hasSize(3 * PROBLEMS).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("ok");
            assertThat(row.get("error")).startsWith("answered in batch batch_sim_");
            assertThat(row.get("model")).isEqualTo("simulated-sim-4o");
        });
    }

    @Test
    void should_stop_when_azures_batch_api_refuses_a_run_without_a_key(@TempDir Path root) throws Exception {
        RunOutcome run = TaleTestApp.runOne(root, azure("2024-10-21", ""), "sums.jsonl",
                BatchModeTest.problems(PROBLEMS));

        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.KEY_REFUSED);
        assertThat(run.summary().ending().reason()).contains("HTTP 401",
                "tale.llm.api-key (TALE_LLM_API_KEY) or AZURE_OPENAI_API_KEY");
        assertThat(endpoint.batches().uploads()).isZero();
        // and its batch reads as never sent, not as still uploading
        assertThat(run.summary().batches()).singleElement().satisfies(batch -> {
            assertThat(batch.status()).isEqualTo("not sent");
            assertThat(batch.endedAt()).isNotNull();
        });
        assertThat(run.summary().describeCalls()).endsWith(": 1 not sent");
    }

    private Map<String, String> azure(String apiVersion, String key) {
        Map<String, String> settings = new HashMap<>();
        settings.put("tale.llm.provider", "azure");
        settings.put("tale.llm.base-url", endpoint.rootUrl());
        settings.put("tale.llm.azure.deployment", "sim-4o");
        settings.put("tale.llm.azure.api-version", apiVersion);
        settings.put("tale.llm.api-key", key);
        settings.put("tale.llm.azure.api-key", "");
        settings.put("tale.llm.mode", "batch");
        settings.put("tale.methods", "cot,tale-ep");
        settings.put("tale.batch.poll-ms", "100");
        settings.put("tale.batch.gather-ms", "300");
        settings.put("tale.cache.enabled", "false");
        settings.put("tale.llm.circuit.when-open", "stop");
        return settings;
    }
}
