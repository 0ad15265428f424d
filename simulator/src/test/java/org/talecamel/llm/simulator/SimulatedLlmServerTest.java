package org.talecamel.llm.simulator;

import org.talecamel.llm.SimulatorSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.talecamel.method.Prompts.Family.GSM8K;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.method.Prompts;

class SimulatedLlmServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    @TempDir
    Path knowledgeDir;

    private SimulatedLlmServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startServer() throws IOException {
        SampleProblems.writeKnown(knowledgeDir);
        server = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 42, List.of(knowledgeDir), "gpt-4o-mini", 0,
                org.talecamel.llm.ModelTable.load(java.nio.file.Path.of("config/models.csv"))));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void listens_on_a_local_v1_base_url() {
        assertThat(server.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
    }

    @Test
    void answers_a_chat_completion_in_openai_shape() throws Exception {
        // when
        HttpResponse<String> response = post("/chat/completions", chat(GSM8K.cot(SampleProblems.DUCKS)).toString());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("system_fingerprint").asText()).isEqualTo("tale-camel-simulator");
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).contains("Answer: [[");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void names_the_model_simulated() throws Exception {
        // when
        JsonNode body = JSON.readTree(post("/chat/completions", chat(GSM8K.cot(SampleProblems.DUCKS)).toString()).body());

        // then
        assertThat(body.path("model").asText()).isEqualTo("simulated-gpt-4o-mini");
    }

    @Test
    void reports_the_real_token_counts_of_prompt_and_reply() throws Exception {
        // given
        String prompt = GSM8K.budgeted(SampleProblems.HOUSE, 40);

        // when
        JsonNode body = JSON.readTree(post("/chat/completions", chat(prompt).toString()).body());

        // then
        String content = body.path("choices").path(0).path("message").path("content").asText();
        JsonNode usage = body.path("usage");
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(CL100K.countTokensOrdinary(content));
        // OpenAI's framing: 3 tokens per message plus its role, and 3 to prime the reply
        int expectedPrompt = 3 + (3 + 1 + CL100K.countTokensOrdinary(Prompts.SYSTEM))
                + (3 + 1 + CL100K.countTokensOrdinary(prompt));
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(expectedPrompt);
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    }

    @Test
    void cuts_the_reply_at_max_tokens_and_says_so_in_the_finish_reason() throws Exception {
        // given
        ObjectNode request = chat(GSM8K.cot(SampleProblems.HOUSE));
        request.put("max_tokens", 20);

        // when
        JsonNode body = JSON.readTree(post("/chat/completions", request.toString()).body());

        // then
        JsonNode choice = body.path("choices").path(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(20);
        assertThat(CL100K.countTokensOrdinary(choice.path("message").path("content").asText())).isEqualTo(20);
    }

    @Test
    void answers_chain_of_draft_when_the_system_message_asks_for_it() throws Exception {
        // given
        ObjectNode request = chat(SampleProblems.DUCKS);
        ((ObjectNode) request.path("messages").path(0)).put("content", Prompts.CHAIN_OF_DRAFT);

        // when
        String content = content(post("/chat/completions", request.toString()));

        // then
        assertThat(content).containsPattern("\n#### \\d+$").doesNotContain("[[");
    }

    @Test
    void refuses_a_body_that_is_not_json_with_an_openai_style_error() throws Exception {
        // when
        HttpResponse<String> response = post("/chat/completions", "{\"model\": \"gpt-4o-mini\", \"messages\": [");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).startsWith("The request body is not valid JSON");
    }

    @Test
    void refuses_a_request_without_messages() throws Exception {
        // when
        HttpResponse<String> response = post("/chat/completions", "{\"model\": \"gpt-4o-mini\"}");

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("'messages'");
    }

    @Test
    void answers_404_for_an_unknown_path() throws Exception {
        // when
        HttpResponse<String> response = post("/completions", chat("hi").toString());

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void lists_the_simulated_model() throws Exception {
        // when
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("data").path(0).path("id").asText())
                .isEqualTo("simulated-gpt-4o-mini");
    }

    @Test
    void serves_concurrent_clients_with_the_replies_it_gives_one_at_a_time() throws Exception {
        // given
        List<String> prompts = new ArrayList<>();
        for (String question : List.of(SampleProblems.HOUSE, SampleProblems.DUCKS, SampleProblems.SPRINTS)) {
            prompts.add(GSM8K.cot(question));
            prompts.add(GSM8K.estimator(question));
            for (int budget = 5; budget <= 100; budget += 19) {
                prompts.add(GSM8K.budgeted(question, budget));
            }
        }
        List<String> oneAtATime = new ArrayList<>();
        for (String prompt : prompts) {
            oneAtATime.add(content(post("/chat/completions", chat(prompt).toString())));
        }

        // when
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String prompt : prompts) {
            calls.add(client.sendAsync(request("/chat/completions", chat(prompt).toString()),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<String> together = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            together.add(content(call.get()));
        }

        // then
        assertThat(together).isEqualTo(oneAtATime);
    }

    @Test
    void imitates_a_reasoning_model_of_the_table_refusing_temperature_and_max_tokens_as_openai_does() throws Exception {
        // given: gpt-5-mini, a reasoning row of config/models.csv
        ObjectNode withTemperature = chat(GSM8K.cot(SampleProblems.DUCKS)).put("model", "gpt-5-mini").put("temperature", 0);
        ObjectNode withMaxTokens = chat(GSM8K.cot(SampleProblems.DUCKS)).put("model", "gpt-5-mini").put("max_tokens", 500);
        withMaxTokens.remove("temperature");
        ObjectNode asItTakes = chat(GSM8K.cot(SampleProblems.DUCKS)).put("model", "gpt-5-mini")
                .put("max_completion_tokens", 4000).put("reasoning_effort", "high");
        asItTakes.remove("temperature");

        // when
        HttpResponse<String> temperature = post("/chat/completions", withTemperature.toString());
        HttpResponse<String> maxTokens = post("/chat/completions", withMaxTokens.toString());
        JsonNode answer = JSON.readTree(post("/chat/completions", asItTakes.toString()).body());

        // then: OpenAI's bodies, word for word
        assertThat(temperature.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(temperature.body())).isEqualTo(JSON.readTree("{\"error\":{\"message\":\"Unsupported value:"
                + " 'temperature' does not support 0 with this model. Only the default (1) value is supported.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_value\"}}"));
        assertThat(maxTokens.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(maxTokens.body())).isEqualTo(JSON.readTree("{\"error\":{\"message\":\"Unsupported"
                + " parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}"));
        // SIMULATED reasoning: twice the answer's tokens at effort high, inside completion_tokens
        String content = answer.at("/choices/0/message/content").asText();
        int reasoning = answer.at("/usage/completion_tokens_details/reasoning_tokens").asInt();
        assertThat(reasoning).isEqualTo(2 * CL100K.countTokens(content)).isPositive();
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(CL100K.countTokens(content) + reasoning);
        assertThat(answer.path("model").asText()).isEqualTo("simulated-gpt-5-mini");
    }

    @Test
    void spends_a_reasoning_models_max_completion_tokens_on_its_thinking_first() throws Exception {
        ObjectNode request = chat(GSM8K.cot(SampleProblems.DUCKS)).put("model", "o4-mini").put("max_completion_tokens", 5);
        request.remove("temperature");

        JsonNode answer = JSON.readTree(post("/chat/completions", request.toString()).body());

        assertThat(answer.at("/choices/0/message/content").asText()).isEmpty();
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(5);
        assertThat(answer.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void answers_as_an_azure_deployment_with_an_api_key_and_an_api_version() throws Exception {
        // when
        HttpResponse<String> response = azure("/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21",
                "any-key", chat(GSM8K.cot(SampleProblems.DUCKS)).toString());

        // then: the same SIMULATED reply as on the OpenAI path
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("model").asText()).isEqualTo("simulated-gpt-4o-mini");
        assertThat(body.path("choices").path(0).path("message").path("content").asText()).contains("Answer: [[");
    }

    @Test
    void refuses_an_azure_call_without_an_api_key_header_with_azures_401_body() throws Exception {
        // when: the key as a bearer token, as an OpenAI client would send it
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.rootUrl()
                        + "/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21"))
                .header("Authorization", "Bearer any-key")
                .POST(HttpRequest.BodyPublishers.ofString(chat("What is 2 + 2?").toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("401");
        assertThat(error.path("message").asText()).startsWith("Access denied due to invalid subscription key");
    }

    @Test
    void refuses_the_azure_deployment_path_without_an_api_version() throws Exception {
        HttpResponse<String> response = azure("/openai/deployments/prod-4o/chat/completions", "any-key",
                chat("What is 2 + 2?").toString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("api-version");
    }

    @Test
    void answers_azures_v1_api_naming_the_deployment_sent_as_the_model() throws Exception {
        ObjectNode request = chat(GSM8K.cot(SampleProblems.DUCKS)).put("model", "prod-4o");

        HttpResponse<String> response = azure("/openai/v1/chat/completions", "any-key", request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("model").asText()).isEqualTo("simulated-prod-4o");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(server.rootUrl() + "/openai/v1/models"))
                .header("api-key", "any-key").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> azure(String pathAndQuery, String key, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.rootUrl() + pathAndQuery))
                .header("Content-Type", "application/json").header("api-key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode chat(String userPrompt) {
        ObjectNode request = JSON.createObjectNode();
        request.put("model", "gpt-4o-mini");
        request.put("temperature", 0.7);
        request.putArray("messages")
                .add(JSON.createObjectNode().put("role", "system").put("content", Prompts.SYSTEM))
                .add(JSON.createObjectNode().put("role", "user").put("content", userPrompt));
        return request;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String content(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asText();
    }
}
