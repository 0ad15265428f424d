package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talecamel.method.Prompts.Family.GSM8K;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;

/**
 * The simulated Batch API over HTTP, as an OpenAI client calls it: upload a JSONL file, create a batch, poll it, read
 * its output; and as an Azure OpenAI client does, on a dated api-version and on the v1 API. The batch's life is made
 * short (a few hundred ms) and its end chosen per test.
 */
class SimulatedBatchApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "tale-boundary-7f3a";

    /** How a client calls one surface of the Batch API: under which prefix, with which query and key header. */
    private record Caller(String prefix, String query, String key, String lineUrl, String model) {
    }

    private static final Caller OPENAI = new Caller("/v1", "", null, "/v1/chat/completions", "gpt-4o-mini");
    private static final Caller AZURE = new Caller("/openai", "?api-version=2024-10-21", "any-key",
            "/chat/completions", "prod-4o");
    private static final Caller AZURE_V1 = new Caller("/openai/v1", "", "any-key", "/v1/chat/completions", "prod-4o");

    @TempDir
    Path knowledgeDir;

    private SimulatedLlmServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_answer_every_request_of_a_completed_batch_by_custom_id_in_another_order() throws Exception {
        start("completed");
        String fileId = upload(OPENAI, requests(OPENAI, 12));

        JsonNode created = createBatch(OPENAI, fileId);
        assertThat(created.get("status").asText()).isEqualTo("validating");
        assertThat(created.at("/request_counts/total").asInt()).isEqualTo(12);
        JsonNode done = awaitEnd(OPENAI, created.get("id").asText());

        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(12);
        assertThat(done.get("error_file_id").isNull()).isTrue();
        List<JsonNode> lines = content(OPENAI, done.get("output_file_id").asText());
        assertThat(lines).extracting(l -> l.get("custom_id").asText())
                .containsExactlyInAnyOrderElementsOf(ids(12))
                .isNotEqualTo(ids(12));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(line.at("/response/body/model").asText()).startsWith("simulated-");
            assertThat(line.at("/response/body/choices/0/message/content").asText()).isNotBlank();
        });
        assertThat(server.batches().uploads()).isEqualTo(1);
        assertThat(server.batches().batchesCreated()).isEqualTo(1);
    }

    @Test
    void should_end_an_expired_batch_with_half_answered_and_the_rest_in_its_error_file() throws Exception {
        start("expired");
        String fileId = upload(OPENAI, requests(OPENAI, 10));
        String id = createBatch(OPENAI, fileId).get("id").asText();

        JsonNode done = awaitEnd(OPENAI, id);

        assertThat(done.get("status").asText()).isEqualTo("expired");
        assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(5);
        assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(5);
        List<String> answered = content(OPENAI, done.get("output_file_id").asText()).stream()
                .map(l -> l.get("custom_id").asText()).toList();
        List<JsonNode> failed = content(OPENAI, done.get("error_file_id").asText());
        assertThat(failed).allSatisfy(l -> assertThat(l.at("/error/code").asText()).isEqualTo("batch_expired"));
        List<String> all = new ArrayList<>(answered);
        failed.forEach(l -> all.add(l.get("custom_id").asText()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(10));
    }

    @Test
    void should_fail_a_batch_on_request_with_its_errors_and_no_output() throws Exception {
        start("failed");
        String fileId = upload(OPENAI, requests(OPENAI, 3));
        String id = createBatch(OPENAI, fileId).get("id").asText();

        JsonNode done = awaitEnd(OPENAI, id);

        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.at("/errors/data/0/message").asText()).contains("SIMULATED");
        assertThat(done.get("output_file_id").isNull()).isTrue();
    }

    @Test
    void should_fail_a_batch_whose_file_repeats_a_custom_id() throws Exception {
        assertThat(validationError(OPENAI, requests(OPENAI, 2) + requests(OPENAI, 1)))
                .contains("repeats the custom_id r0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AZURE", "AZURE_V1"})
    void should_answer_a_batch_on_azures_paths_naming_the_deployment_as_the_model(String surface) throws Exception {
        // given: a file of lines for one deployment, uploaded as an Azure client uploads it
        Caller azure = surface.equals("AZURE") ? AZURE : AZURE_V1;
        start("completed");
        String fileId = upload(azure, requests(azure, 4));

        // when
        JsonNode created = createBatch(azure, fileId);
        JsonNode done = awaitEnd(azure, created.get("id").asText());

        // then: answered as OpenAI's batches are, the answers naming the deployment, SIMULATED
        assertThat(created.get("endpoint").asText()).isEqualTo(azure.lineUrl());
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(content(azure, done.get("output_file_id").asText())).hasSize(4).allSatisfy(line -> {
            assertThat(line.at("/response/status_code").asInt()).isEqualTo(200);
            assertThat(line.at("/response/body/model").asText()).isEqualTo("simulated-prod-4o");
        });
        assertThat(server.batches().batchesCreated(SimulatedBatchApi.Surface.valueOf(surface))).isEqualTo(1);
        assertThat(server.batches().batchesCreated(SimulatedBatchApi.Surface.OPENAI)).isZero();
    }

    @Test
    void should_refuse_azures_batch_paths_without_an_api_key_or_without_an_api_version() throws Exception {
        start("completed");

        HttpResponse<String> keyless = client.send(HttpRequest.newBuilder(URI.create(server.rootUrl()
                + "/openai/v1/batches/batch_sim_1")).header("Authorization", "Bearer any-key").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unversioned = client.send(HttpRequest.newBuilder(URI.create(server.rootUrl()
                + "/openai/batches/batch_sim_1")).header("api-key", "any-key").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(keyless.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(keyless.body()).at("/error/code").asText()).isEqualTo("401");
        assertThat(unversioned.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unversioned.body()).at("/error/message").asText()).contains("api-version");
    }

    @Test
    void should_refuse_a_batch_whose_endpoint_is_not_the_one_its_path_takes() throws Exception {
        start("completed");
        String fileId = upload(AZURE, requests(AZURE, 1));

        HttpResponse<String> response = send(AZURE, "/batches", JSON.writeValueAsString(Map.of("input_file_id", fileId,
                "endpoint", "/v1/chat/completions", "completion_window", "24h")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText())
                .contains("under /openai takes the endpoint /chat/completions");
    }

    @Test
    void should_fail_an_azure_batch_whose_lines_name_two_deployments() throws Exception {
        // given: the second line for another deployment than the first's
        String[] lines = requests(AZURE_V1, 2).split("\n");

        assertThat(validationError(AZURE_V1, lines[0] + "\n" + lines[1].replace("prod-4o", "other-4o") + "\n"))
                .contains("line 2 names the deployment other-4o, not prod-4o");
    }

    @Test
    void should_fail_a_batch_whose_lines_name_another_url_than_its_path_takes() throws Exception {
        assertThat(validationError(OPENAI, requests(AZURE, 1)))
                .contains("line 1 has the url '/chat/completions'; lines under /v1 take /v1/chat/completions");
    }

    private void start(String outcome) throws Exception {
        SampleProblems.writeKnown(knowledgeDir);
        server = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 42, List.of(knowledgeDir),
                "gpt-4o-mini", 0, ModelTable.classic(), 300, outcome));
    }

    /** The error a batch of these lines fails with at its validation. */
    private String validationError(Caller caller, String jsonl) throws Exception {
        start("completed");
        JsonNode done = awaitEnd(caller, createBatch(caller, upload(caller, jsonl)).get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("failed");
        return done.at("/errors/data/0/message").asText();
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "r" + i).toList();
    }

    /** A batch input file: one chat request per line, as tale-camel would write it for this surface. */
    private static String requests(Caller caller, int count) {
        Function<Integer, String> line = i -> {
            ObjectNode request = JSON.createObjectNode();
            request.put("custom_id", "r" + i);
            request.put("method", "POST");
            request.put("url", caller.lineUrl());
            ObjectNode body = request.putObject("body");
            body.put("model", caller.model());
            body.putArray("messages").addObject().put("role", "user")
                    .put("content", GSM8K.cot(i % 2 == 0 ? SampleProblems.DUCKS : SampleProblems.HOUSE));
            return request.toString();
        };
        return IntStream.range(0, count).mapToObj(line::apply).collect(Collectors.joining("\n")) + "\n";
    }

    private String upload(Caller caller, String jsonl) throws Exception {
        String form = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"calls.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + BOUNDARY + "--\r\n";
        HttpResponse<String> response = client.send(request(caller, "/files")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode file = JSON.readTree(response.body());
        assertThat(file.get("purpose").asText()).isEqualTo("batch");
        assertThat(file.get("bytes").asInt()).isEqualTo(jsonl.getBytes(StandardCharsets.UTF_8).length);
        return file.get("id").asText();
    }

    /** {@code POST /v1/batches} (or Azure's) of the uploaded file, as tale-camel's batch mode creates one. */
    private JsonNode createBatch(Caller caller, String fileId) throws Exception {
        HttpResponse<String> response = send(caller, "/batches", JSON.writeValueAsString(Map.of("input_file_id",
                fileId, "endpoint", caller.lineUrl(), "completion_window", "24h")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(Caller caller, String path, String json) throws Exception {
        return client.send(request(caller, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(Caller caller, String path) throws Exception {
        HttpResponse<String> response = client.send(request(caller, path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A request to this surface's path, with its query and its key header. */
    private HttpRequest.Builder request(Caller caller, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.rootUrl() + caller.prefix() + path
                + caller.query()));
        return caller.key() == null ? request : request.header("api-key", caller.key());
    }

    /** Polls the batch until it has ended, as a client would; it was made to end within a few hundred ms. */
    private JsonNode awaitEnd(Caller caller, String id) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode batch = get(caller, "/batches/" + id);
            if (List.of("completed", "failed", "expired", "cancelled").contains(batch.get("status").asText())) {
                return batch;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("batch " + id + " did not end");
    }

    private List<JsonNode> content(Caller caller, String fileId) throws Exception {
        HttpResponse<String> response = client.send(request(caller, "/files/" + fileId + "/content").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
