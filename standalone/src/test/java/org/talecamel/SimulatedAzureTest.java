package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/** The built-in simulator called as Azure OpenAI ({@code tale.simulator.imitate=azure}) answers whole runs. */
class SimulatedAzureTest {

    private static final String PROBLEMS = """
            {"id":"p1","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"7"}
            {"id":"p2","question":"Sam has 10 pens and loses 2. How many pens are left?","answer":"8"}
            """;

    @Test
    void should_run_end_to_end_against_the_simulator_on_a_deployments_path(@TempDir Path root) throws Exception {
        // when
        RunOutcome run = TaleTestApp.runOne(root, azure("2024-10-21", "any-key"), "two.jsonl", PROBLEMS);

        // then: every call answered, and every report says it was SIMULATED, and how it was called
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        assertThat(InboxToReportTest.audit(run.audit())).hasSize(6)
                .allSatisfy(row -> assertThat(row.get("http_status")).isEqualTo("200"));
        assertThat(Files.readString(run.reports().get(0))).contains("SIMULATED")
                .contains("imitating Azure OpenAI, deployment sim-4o");
    }

    @Test
    void should_run_end_to_end_against_the_simulator_on_azures_v1_api(@TempDir Path root) throws Exception {
        RunOutcome run = TaleTestApp.runOne(root, azure("v1", "any-key"), "two.jsonl", PROBLEMS);

        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        assertThat(InboxToReportTest.audit(run.audit())).allSatisfy(row -> assertThat(row.get("model"))
                .isEqualTo("simulated-sim-4o"));
    }

    @Test
    void should_stop_when_no_key_is_sent_to_the_simulated_azure_naming_azures_key_setting(@TempDir Path root)
            throws Exception {
        RunOutcome run = TaleTestApp.runOne(root, azure("2024-10-21", ""), "two.jsonl", PROBLEMS);

        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.KEY_REFUSED);
        assertThat(run.summary().ending().reason()).contains("HTTP 401", "No API key was sent",
                "tale.llm.api-key (TALE_LLM_API_KEY) or AZURE_OPENAI_API_KEY");
    }

    private static Map<String, String> azure(String apiVersion, String key) {
        Map<String, String> settings = new HashMap<>(Map.of("tale.llm.provider", "simulator",
                "tale.simulator.imitate", "azure", "tale.llm.azure.deployment", "sim-4o",
                "tale.llm.azure.api-version", apiVersion, "tale.llm.api-key", key, "tale.llm.azure.api-key", "",
                "tale.cache.enabled", "false", "tale.llm.circuit.when-open", "stop"));
        return settings;
    }
}
