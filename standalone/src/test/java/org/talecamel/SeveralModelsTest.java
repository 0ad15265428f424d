package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunOutcome;

/**
 * {@code tale.models=gpt-4o-mini,gpt-5-mini}: every method on every model in one run, each model judged against its
 * own cot and its own gates, with testsuites, history entries and API figures of its own.
 */
class SeveralModelsTest {

    private static final String PROBLEMS = """
            {"id":"apples","dataset":"gsm","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            {"id":"pears","dataset":"gsm","question":"Ann has 3 pears and buys 4 more. How many pears does she have?","answer":"#### 7"}
            """;

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_run_every_method_on_every_model_and_judge_each_model_on_its_own(@TempDir Path root) throws Exception {
        // gpt-4o-mini answers right at length; gpt-5-mini answers wrong, and shorter under a budget
        stub("gpt-4o-mini", "Task: Analyze", "[[50]]", 5);
        stub("gpt-4o-mini", "step by step", "3 + 4 = 7. Answer: [[7]]", 100);
        stub("gpt-5-mini", "Task: Analyze", "[[20]]", 4);
        stub("gpt-5-mini", "use less than", "Answer: [[8]]", 30);
        stub("gpt-5-mini", "step by step", "3 + 5 = 8. Answer: [[8]]", 60);

        RunOutcome run = run(root, Map.of("tale.gates.min-accuracy.gpt-4o-mini", "90",
                "tale.gates.min-accuracy.gpt-5-mini.cot", "50"));

        // 2 problems × (cot, TALE-EP's estimate and answer) on each model
        server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-4o-mini\"")));
        server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-5-mini\"")));

        // a row per model and method, in configured order; reductions against the same model's cot
        List<MethodSummary> results = run.summary().results();
        assertThat(results).extracting(m -> m.model() + " " + m.method()).containsExactly(
                "gpt-4o-mini cot", "gpt-4o-mini tale-ep", "gpt-5-mini cot", "gpt-5-mini tale-ep");
        assertThat(results).extracting(MethodSummary::accuracy).containsExactly(1.0, 1.0, 0.0, 0.0);
        assertThat(results).extracting(MethodSummary::meanOutputTokens).containsExactly(100.0, 105.0, 60.0, 34.0);
        assertThat(results.get(3).tokenReductionPercent()).isCloseTo(100 * (1 - 34.0 / 60), within());
        assertThat(results.get(1).tokenReductionPercent()).isCloseTo(-5.0, within());

        // the audit says which model each call was asked of
        assertThat(InboxToReportTest.audit(run.audit())).extracting(r -> r.get("asked_model"))
                .containsOnly("gpt-4o-mini", "gpt-5-mini").hasSize(12);

        // each model's gates, named by model; gpt-5-mini's cot fails its own
        assertThat(run.gates()).extracting(g -> g.name() + " " + g.passed()).containsExactly(
                "min-accuracy.gpt-4o-mini.cot true", "min-accuracy.gpt-4o-mini.tale-ep true",
                "min-accuracy.gpt-5-mini.cot false");

        // the paper's table and the per-method table have a model column
        String report = Files.readString(run.directory().resolve("report.md"));
        assertThat(report).contains("- Models: gpt-4o-mini: gpt-4o-mini at ", "; gpt-5-mini: gpt-5-mini at ")
                .contains("| Model | Method | gsm ACC |")
                .contains("| gpt-5-mini | tale-ep | 0.0% |")
                .contains("| gpt-4o-mini | cot | 2 | 100.0% |");

        // junit.xml: a testsuite per model, data set and method
        String junit = Files.readString(run.directory().resolve("junit.xml"));
        assertThat(junit).contains("name=\"inbox.gpt-4o-mini.gsm.cot\" tests=\"2\" failures=\"0\"",
                "name=\"inbox.gpt-5-mini.gsm.tale-ep\" tests=\"2\" failures=\"2\"");

        // the history has an entry per model, with that model's figures and comparison key
        JsonNode index = new ObjectMapper().readTree(root.resolve("out/runs/index.json").toFile());
        assertThat(index).hasSize(2);
        assertThat(index.get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(index.get(1).path("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(index.get(1).at("/methods/0/accuracy").asDouble()).isZero();
        assertThat(index.get(0).path("comparisonKey").asText()).isNotEqualTo(index.get(1).path("comparisonKey").asText());
    }

    @Test
    void should_compare_each_model_with_its_own_previous_figures_and_show_them_side_by_side(@TempDir Path root)
            throws Exception {
        stub("gpt-4o-mini", "step by step", "Answer: [[7]]", 100);
        stub("gpt-5-mini", "step by step", "Answer: [[7]]", 40);
        Map<String, String> settings = new HashMap<>(settings(root, Map.of("tale.methods", "cot")));

        try (TaleTestApp app = TaleTestApp.start(root, settings)) {
            NotifyBuilder first = app.whenFileDone("first.jsonl");
            app.drop(PROBLEMS, "first.jsonl");
            assertThat(first.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            NotifyBuilder second = app.whenFileDone("second.jsonl");
            app.drop(PROBLEMS, "second.jsonl");
            assertThat(second.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            RunOutcome again = app.runs().get(1);
            String report = Files.readString(again.directory().resolve("report.md"));
            String previous = app.runs().get(0).summary().runId();
            assertThat(report).contains("## Compared with the previous run (" + previous + "): gpt-4o-mini",
                    "## Compared with the previous run (" + previous + "): gpt-5-mini");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.http("/api/runs/" + again.summary().runId())).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode view = new ObjectMapper().readTree(response.body());
            assertThat(view.path("models")).extracting(JsonNode::asText).containsExactly("gpt-4o-mini", "gpt-5-mini");
            assertThat(view.path("results")).extracting(r -> r.path("model").asText() + " "
                    + r.path("meanOutputTokens").asDouble()).containsExactly("gpt-4o-mini 100.0", "gpt-5-mini 40.0");
            HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.http("/api/runs"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            // one run listed once, however many models it asked, its models in configured order
            JsonNode runs = new ObjectMapper().readTree(list.body()).path("runs");
            assertThat(runs.findValuesAsText("id")).hasSize(2);
            assertThat(runs.get(0).path("models")).extracting(JsonNode::asText).containsExactly("gpt-4o-mini", "gpt-5-mini");
        }
    }

    @Test
    void should_ask_each_reasoning_model_at_each_effort_side_by_side(@TempDir Path root) throws Exception {
        stub("gpt-4o-mini", "step by step", "Answer: [[7]]", 100);
        stub("gpt-5-mini", "step by step", "Answer: [[7]]", 300);

        RunOutcome run = run(root, Map.of("tale.methods", "cot", "tale.llm.reasoning-effort", "low,high",
                "tale.gates.max-mean-output-tokens.gpt-5-mini", "200"));

        // gpt-4o-mini does not reason (config/models.csv): asked once, with no effort; gpt-5-mini at each
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-5-mini\"")).withRequestBody(containing("\"reasoning_effort\":\"low\"")));
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-5-mini\"")).withRequestBody(containing("\"reasoning_effort\":\"high\"")));
        server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-4o-mini\"")).withRequestBody(containing("reasoning_effort")));
        assertThat(run.summary().results()).extracting(m -> m.model() + " " + m.method())
                .containsExactly("gpt-4o-mini cot", "gpt-5-mini@low cot", "gpt-5-mini@high cot");
        // a gate for the model holds for it at every effort
        assertThat(run.gates()).extracting(g -> g.name() + " " + g.passed()).containsExactly(
                "max-mean-output-tokens.gpt-5-mini@low.cot false", "max-mean-output-tokens.gpt-5-mini@high.cot false");
        // each effort's figures compare only with the same effort's
        assertThat(run.summary().comparisonKeys()).hasSize(3);
        assertThat(new java.util.HashSet<>(run.summary().comparisonKeys().values())).hasSize(3);
    }

    @Test
    void should_call_a_model_with_endpoint_settings_of_its_own_there_with_its_own_key(@TempDir Path root)
            throws Exception {
        stub("gpt-4o-mini", "step by step", "Answer: [[7]]", 100);
        server.stubFor(post(urlEqualTo("/other/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                + "\"assistant\",\"content\":\"Answer: [[7]]\"},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":40}}")));

        RunOutcome run = run(root, Map.of("tale.methods", "cot", "tale.llm.api-key", "key-of-the-run-0001",
                "tale.model.gpt-5-mini.base-url", server.baseUrl() + "/other/v1",
                "tale.model.gpt-5-mini.api-key", "key-of-gpt-5-mini-0002"));

        server.verify(2, postRequestedFor(urlEqualTo("/other/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-5-mini\""))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer key-of-gpt-5-mini-0002")));
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"model\":\"gpt-4o-mini\""))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer key-of-the-run-0001")));
        assertThat(run.summary().results()).extracting(MethodSummary::meanOutputTokens).containsExactly(100.0, 40.0);
        String report = Files.readString(run.directory().resolve("report.md"));
        assertThat(report).contains("gpt-5-mini: gpt-5-mini at " + server.baseUrl() + "/other/v1")
                .doesNotContain("key-of");
        assertThat(Files.readString(run.audit())).doesNotContain("key-of");
        // each model compares with runs of the same model at the same endpoint
        assertThat(new java.util.HashSet<>(run.summary().comparisonKeys().values())).hasSize(2);
    }

    @Test
    void should_refuse_two_models_on_one_azure_deployment_and_a_simulated_model_beside_a_real_one(@TempDir Path root) {
        Map<String, String> azure = settings(root, Map.of("tale.llm.provider", "azure",
                "tale.llm.azure.deployment", "prod-4o", "tale.llm.azure.api-version", "2024-10-21"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaleTestApp.start(root.resolve("azure"), azure))
                .hasStackTraceContaining("Azure OpenAI answers every call to the deployment prod-4o with its own model")
                .hasStackTraceContaining("tale.model.gpt-5-mini.azure.deployment");

        Map<String, String> mixed = settings(root, Map.of("tale.model.gpt-5-mini.provider", "simulator"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaleTestApp.start(root.resolve("mixed"), mixed))
                .hasStackTraceContaining("the built-in simulator answers all of a run's models or none of them");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.01);
    }

    /** A reply of this model to prompts containing {@code asked}; estimator prompts quote the CoT one, so go first. */
    private void stub(String model, String asked, String content, int completionTokens) {
        int priority = asked.startsWith("Task:") ? 1 : asked.startsWith("use less") ? 2 : 5;
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(priority)
                .withRequestBody(containing("\"model\":\"" + model + "\"")).withRequestBody(containing(asked))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                + "\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":" + completionTokens + "}}")));
    }

    private Map<String, String> settings(Path root, Map<String, String> own) {
        Map<String, String> settings = new HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.models", "gpt-4o-mini,gpt-5-mini",
                "tale.methods", "cot,tale-ep", "tale.concurrency", "2"));
        settings.putAll(own);
        return settings;
    }

    private RunOutcome run(Path root, Map<String, String> own) throws Exception {
        return TaleTestApp.runOne(root, settings(root, own), "two.jsonl", PROBLEMS);
    }
}
