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
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;

/**
 * The simulated Batch API over HTTP, as an OpenAI client calls it: upload a JSONL file, create a batch, poll it, read
 * its output. The batch's life is made short (a few hundred ms) and its end chosen per test.
 */
class SimulatedBatchApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "tale-boundary-7f3a";

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
        String fileId = upload(requests(12));

        JsonNode created = createBatch(fileId);
        assertThat(created.get("status").asText()).isEqualTo("validating");
        assertThat(created.at("/request_counts/total").asInt()).isEqualTo(12);
        JsonNode done = awaitEnd(created.get("id").asText());

        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(12);
        assertThat(done.get("error_file_id").isNull()).isTrue();
        List<JsonNode> lines = content(done.get("output_file_id").asText());
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
        String fileId = upload(requests(10));
        String id = createBatch(fileId).get("id").asText();

        JsonNode done = awaitEnd(id);

        assertThat(done.get("status").asText()).isEqualTo("expired");
        assertThat(done.at("/request_counts/completed").asInt()).isEqualTo(5);
        assertThat(done.at("/request_counts/failed").asInt()).isEqualTo(5);
        List<String> answered = content(done.get("output_file_id").asText()).stream()
                .map(l -> l.get("custom_id").asText()).toList();
        List<JsonNode> failed = content(done.get("error_file_id").asText());
        assertThat(failed).allSatisfy(l -> assertThat(l.at("/error/code").asText()).isEqualTo("batch_expired"));
        List<String> all = new ArrayList<>(answered);
        failed.forEach(l -> all.add(l.get("custom_id").asText()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(10));
    }

    @Test
    void should_fail_a_batch_on_request_with_its_errors_and_no_output() throws Exception {
        start("failed");
        String fileId = upload(requests(3));
        String id = createBatch(fileId).get("id").asText();

        JsonNode done = awaitEnd(id);

        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.at("/errors/data/0/message").asText()).contains("SIMULATED");
        assertThat(done.get("output_file_id").isNull()).isTrue();
    }

    @Test
    void should_fail_a_batch_whose_file_repeats_a_custom_id() throws Exception {
        start("completed");
        String fileId = upload(requests(2) + requests(1));
        String id = createBatch(fileId).get("id").asText();

        JsonNode done = awaitEnd(id);

        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.at("/errors/data/0/message").asText()).contains("repeats the custom_id r0");
    }

    private void start(String outcome) throws Exception {
        SampleProblems.writeKnown(knowledgeDir);
        server = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 42, List.of(knowledgeDir),
                "gpt-4o-mini", 0, ModelTable.classic(), 300, outcome));
    }

    private static List<String> ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "r" + i).toList();
    }

    /** A batch input file: one chat request per line, as tale-camel would write it. */
    private static String requests(int count) {
        Function<Integer, String> line = i -> {
            ObjectNode request = JSON.createObjectNode();
            request.put("custom_id", "r" + i);
            request.put("method", "POST");
            request.put("url", "/v1/chat/completions");
            ObjectNode body = request.putObject("body");
            body.put("model", "gpt-4o-mini");
            body.putArray("messages").addObject().put("role", "user")
                    .put("content", GSM8K.cot(i % 2 == 0 ? SampleProblems.DUCKS : SampleProblems.HOUSE));
            return request.toString();
        };
        return IntStream.range(0, count).mapToObj(line::apply).collect(Collectors.joining("\n")) + "\n";
    }

    private String upload(String jsonl) throws Exception {
        String form = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"calls.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + jsonl + "\r\n--" + BOUNDARY + "--\r\n";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode file = JSON.readTree(response.body());
        assertThat(file.get("purpose").asText()).isEqualTo("batch");
        assertThat(file.get("bytes").asInt()).isEqualTo(jsonl.getBytes(StandardCharsets.UTF_8).length);
        return file.get("id").asText();
    }

    /** {@code POST /v1/batches} of the uploaded file, as tale-camel's batch mode will create one. */
    private JsonNode createBatch(String fileId) throws Exception {
        return postJson("/batches", Map.of("input_file_id", fileId, "endpoint", "/v1/chat/completions",
                "completion_window", "24h"));
    }

    private JsonNode postJson(String path, Map<String, String> body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Polls the batch until it has ended, as a client would; it was made to end within a few hundred ms. */
    private JsonNode awaitEnd(String id) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode batch = get("/batches/" + id);
            if (List.of("completed", "failed", "expired", "cancelled").contains(batch.get("status").asText())) {
                return batch;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("batch " + id + " did not end");
    }

    private List<JsonNode> content(String fileId) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/files/" + fileId + "/content")).GET().build(),
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
