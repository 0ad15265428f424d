package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.llm.TokenCounter;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/**
 * Reasoning models: an endpoint that refuses what OpenAI's reasoning models refuse, with OpenAI's own bodies; the
 * calls follow config/models.csv; reasoning tokens are read, shown apart and priced; reasoning text is kept out of
 * scoring; the method tale-native gives the estimate as the model's own limit.
 */
class ReasoningModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final String TEMPERATURE_REFUSED = "{\"error\":{\"message\":\"Unsupported value: 'temperature' does"
            + " not support 0 with this model. Only the default (1) value is supported.\",\"type\":"
            + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_value\"}}";
    private static final String MAX_TOKENS_REFUSED = "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is"
            + " not supported with this model. Use 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\","
            + "\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}";
    private static final int PROMPT = 80;
    private static final int COMPLETION = 700;
    private static final int REASONING = 640;

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_complete_a_reasoning_models_run_against_an_endpoint_that_refuses_temperature_and_max_tokens(
            @TempDir Path root) throws Exception {
        // given: OpenAI's refusals, and answers whose usage reports reasoning tokens inside completion_tokens
        refuseAsOpenAiReasoningModels();
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(5).withRequestBody(containing("Task: Analyze"))
                .willReturn(answer("[[40]]", null, 30, 20)));
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(9)
                .willReturn(answer("3 + 4 = 7. Answer: [[7]]", null, COMPLETION, REASONING)));
        Path prices = Files.writeString(root.resolve("prices.csv"), "model,input_usd_per_million,"
                + "cached_input_usd_per_million,output_usd_per_million,source,as_of\n"
                + "gpt-5-mini,0.25,0.025,2.00,test,2026-12-01\n");

        // when: gpt-5-mini, a hard cap (so budget-aware calls send a limit) and an effort
        RunOutcome run = run(root, Map.of("tale.llm.model", "gpt-5-mini", "tale.methods", "cot,tale-ep",
                "tale.budget.hard-cap-factor", "2", "tale.llm.reasoning-effort", "low", "tale.prices", prices.toString()),
                3);

        // then: it completed, and no call sent a temperature or max_tokens; every call its effort
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        List<JsonNode> calls = sent();
        assertThat(calls).hasSize(9).allSatisfy(call -> {
            assertThat(call.has("temperature")).isFalse();
            assertThat(call.has("max_tokens")).isFalse();
            assertThat(call.path("reasoning_effort").asText()).isEqualTo("low");
        });
        // tale-ep's answers: the hard cap of 2 × 40 as max_completion_tokens
        assertThat(calls).filteredOn(call -> call.toString().contains("use less than 40 tokens"))
                .hasSize(3).allSatisfy(call -> assertThat(call.path("max_completion_tokens").asInt()).isEqualTo(80));

        // the audit: reasoning tokens apart, completion tokens the billed total, priced as output
        List<CSVRecord> answers = InboxToReportTest.audit(run.audit()).stream()
                .filter(r -> r.get("phase").equals("answer")).toList();
        assertThat(answers).hasSize(6).allSatisfy(r -> {
            assertThat(r.get("completion_tokens")).isEqualTo(String.valueOf(COMPLETION));
            assertThat(r.get("reasoning_tokens")).isEqualTo(String.valueOf(REASONING));
            assertThat(r.get("correct")).isEqualTo("true");
            // 80 input tokens at 0.25 $/M, and all 700 output tokens, reasoning included, at 2.00 $/M
            assertThat(new BigDecimal(r.get("cost_usd"))).isEqualByComparingTo(new BigDecimal("0.25")
                    .multiply(BigDecimal.valueOf(PROMPT)).add(new BigDecimal("2.00").multiply(BigDecimal.valueOf(COMPLETION)))
                    .movePointLeft(6));
        });
        // the report: reasoning tokens per problem beside the output tokens
        MethodSummary cot = run.summary().results().get(0);
        assertThat(cot.meanReasoningTokens()).isEqualTo(REASONING);
        assertThat(cot.meanOutputTokens()).isEqualTo(COMPLETION);
        assertThat(Files.readString(run.reports().get(0))).contains("| of which reasoning |")
                .containsPattern("\\| cot \\| 3 \\| 100\\.0% \\| [^|]+ \\| 700\\.0 \\| 0\\.0 \\| 640\\.0 \\|");
    }

    @Test
    void should_stop_at_the_first_refusal_without_retrying_when_a_row_says_the_model_takes_a_temperature(
            @TempDir Path root) throws Exception {
        // given: the table's gpt-5 row changed to claim a temperature
        Path table = Files.writeString(root.resolve("models.csv"), Files.readString(Path.of("config/models.csv"))
                .replace("gpt-5*,max_completion_tokens,no,yes", "gpt-5*,max_completion_tokens,yes,yes"));
        refuseAsOpenAiReasoningModels();
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(9).willReturn(answer("Answer: [[7]]", null, 20, 0)));

        // when
        RunOutcome run = run(root, Map.of("tale.llm.model", "gpt-5-mini", "tale.methods", "cot",
                "tale.llm.models-table", table.toString()), 5);

        // then: one call, not retried; the run stopped saying which row to change
        assertThat(sent()).hasSize(1);
        RunEnding ending = run.summary().ending();
        assertThat(ending.kind()).isEqualTo(RunEnding.Kind.PARAMETER_REFUSED);
        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(ending.reason()).contains("the model gpt-5-mini refused temperature",
                "Unsupported value: 'temperature' does not support 0",
                "set its row, " + table + " line 36 (gpt-5*) of tale.llm.models-table, to temperature=no");
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("retry")).isEmpty();
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("not-attempted")).hasSize(4);
        assertThat(Files.readString(run.reports().get(0))).contains("Run stopped: parameter refused");
    }

    @Test
    void should_score_the_answer_not_the_reasoning_content_and_keep_the_reasoning_in_the_audit(@TempDir Path root)
            throws Exception {
        // given: a vLLM reasoning model with no usage detail. Problem 1: a wrong [[9]] in its thinking, the right
        // [[7]] in its answer; problem 2 the other way round
        String wrongThought = "Let me think. Maybe the answer is [[9]]? No: 3 + 4 = 7.";
        String rightThought = "3 + 4 = [[7]], I think; but I will say 9.";
        server.stubFor(post(urlEqualTo(CHAT)).withRequestBody(containing("(1)"))
                .willReturn(answer("Answer: [[7]]", wrongThought, 60, null)));
        server.stubFor(post(urlEqualTo(CHAT)).withRequestBody(containing("(2)"))
                .willReturn(answer("Answer: [[9]]", rightThought, 60, null)));

        // when: scored as the reference scores, which takes [[gold]] anywhere in the text it is given
        RunOutcome run = run(root, Map.of("tale.llm.model", "Qwen/Qwen3-8B", "tale.methods", "cot",
                "tale.scoring", "reference"), 2);

        // then: only the answers were scored; the thinking is in the audit, counted with cl100k
        assertThat(run.summary().results().get(0).accuracy()).isEqualTo(0.5);
        Map<String, CSVRecord> rows = InboxToReportTest.audit(run.audit()).stream()
                .filter(r -> r.get("phase").equals("answer")).collect(Collectors.toMap(r -> r.get("problem_id"), r -> r));
        assertThat(rows.get("p1").get("correct")).isEqualTo("true");
        assertThat(rows.get("p2").get("correct")).isEqualTo("false");
        assertThat(rows.get("p1").get("response")).isEqualTo("Answer: [[7]]");
        assertThat(rows.get("p1").get("reasoning")).isEqualTo(wrongThought);
        assertThat(rows.get("p2").get("reasoning")).isEqualTo(rightThought);
        assertThat(rows.get("p1").get("reasoning_tokens")).isEqualTo(String.valueOf(TokenCounter.count(wrongThought)));
        assertThat(rows.get("p1").get("completion_tokens")).isEqualTo("60");
    }

    @Test
    void should_give_tale_native_the_estimate_as_max_completion_tokens_with_no_budget_in_the_prompt(
            @TempDir Path root) throws Exception {
        // given
        refuseAsOpenAiReasoningModels();
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(5).withRequestBody(containing("Task: Analyze"))
                .willReturn(answer("[[45]]", null, 30, 20)));
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(9).willReturn(answer("Answer: [[7]]", null, 44, 30)));

        // when
        RunOutcome run = run(root, Map.of("tale.llm.model", "gpt-5-mini", "tale.methods", "cot,tale-ep,tale-native"), 2);

        // then: tale-native's answers were sent the estimate as their limit, and the plain CoT prompt
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        List<JsonNode> answers = sent().stream().filter(call -> !call.toString().contains("Task: Analyze")).toList();
        assertThat(answers).filteredOn(call -> call.has("max_completion_tokens")).hasSize(2).allSatisfy(call -> {
            assertThat(call.path("max_completion_tokens").asInt()).isEqualTo(45);
            assertThat(call.toString()).doesNotContain("use less than");
        });
        assertThat(InboxToReportTest.audit(run.audit()))
                .filteredOn(r -> r.get("method").equals("tale-native") && r.get("phase").equals("answer"))
                .hasSize(2).allSatisfy(r -> {
                    assertThat(r.get("budget")).isEqualTo("45");
                    assertThat(r.get("budget_source")).isEqualTo("estimated (native max_completion_tokens)");
                });
        // beside tale-ep in the same tables
        assertThat(run.summary().results()).extracting(MethodSummary::method).containsExactly("cot", "tale-ep",
                "tale-native");
        assertThat(Files.readString(run.reports().get(0))).contains("| tale-native |");
    }

    /** OpenAI's answers to a temperature and to max_tokens, word for word. */
    private void refuseAsOpenAiReasoningModels() {
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(1).withRequestBody(matchingJsonPath("$.temperature"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(TEMPERATURE_REFUSED)));
        server.stubFor(post(urlEqualTo(CHAT)).atPriority(2).withRequestBody(matchingJsonPath("$.max_tokens"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(MAX_TOKENS_REFUSED)));
    }

    /**
     * @param reasoning       reasoning_content beside the answer, or null
     * @param reasoningTokens usage.completion_tokens_details.reasoning_tokens, or null for no detail
     */
    private static ResponseDefinitionBuilder answer(String content, String reasoning, int completionTokens,
                                                    Integer reasoningTokens) {
        ObjectNode body = JSON.createObjectNode().put("model", "m");
        ObjectNode message = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", content);
        if (reasoning != null) {
            message.put("reasoning_content", reasoning);
        }
        ObjectNode usage = body.putObject("usage").put("prompt_tokens", PROMPT).put("completion_tokens", completionTokens)
                .put("total_tokens", PROMPT + completionTokens);
        if (reasoningTokens != null) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    private List<JsonNode> sent() {
        return server.findAll(postRequestedFor(urlEqualTo(CHAT))).stream().map(LoggedRequest::getBodyAsString)
                .map(text -> {
                    try {
                        return JSON.readTree(text);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    private RunOutcome run(Path root, Map<String, String> settings, int problems) throws Exception {
        Map<String, String> overrides = new HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.concurrency", "1", "tale.cache.enabled", "false",
                "tale.llm.retry.initial-delay-ms", "10", "tale.llm.circuit.when-open", "stop"));
        overrides.putAll(settings);
        String file = IntStream.rangeClosed(1, problems)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"Tom has 3 apples and buys 4 more (" + i
                        + "). How many apples does he have?\",\"answer\":\"#### 7\"}")
                .collect(Collectors.joining("\n"));
        return TaleTestApp.runOne(root, overrides, "reasoning.jsonl", file);
    }
}
