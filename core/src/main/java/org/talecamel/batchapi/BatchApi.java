package org.talecamel.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.talecamel.llm.Connection;

/**
 * One endpoint's Batch API, as OpenAI defines it (Azure OpenAI's has the same shape): upload a JSONL file of requests
 * ({@code POST /files}, {@code purpose=batch}), create a batch of it ({@code POST /batches}), ask how it is doing
 * ({@code GET /batches/{id}}), download its output and error files ({@code GET /files/{id}/content}), cancel it.
 * The key goes in its connection's header, and is never part of a message.
 */
public final class BatchApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Connection.BatchAddresses at;
    private final HttpClient http;
    private final Duration timeout;

    public BatchApi(Connection connection, Duration connectTimeout, Duration timeout) {
        this.connection = connection;
        this.at = connection.batchAddresses();
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.timeout = timeout;
    }

    /** The {@code url} of each input line, and the batch's {@code endpoint}. */
    public String lineUrl() {
        return at.lineUrl();
    }

    /** Uploads a batch's input file; returns its file id. */
    public String upload(Path file, String name) throws BatchApiException {
        String boundary = "tale-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        } catch (java.io.FileNotFoundException e) {
            throw new BatchApiException(0, "cannot read " + file + ": " + e.getMessage());
        }
        JsonNode uploaded = send(request(at.filesUrl()).header("Content-Type", "multipart/form-data; boundary="
                + boundary).POST(body), "upload " + name);
        return text(uploaded, "id", "the upload's answer has no file id");
    }

    /** Creates a batch of an uploaded file, answered within 24 hours. */
    public RemoteBatch create(String inputFileId) throws BatchApiException {
        ObjectNode create = JSON.createObjectNode().put("input_file_id", inputFileId).put("endpoint", at.lineUrl())
                .put("completion_window", "24h");
        return RemoteBatch.of(send(request(at.batchesUrl()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(create.toString())), "create a batch of " + inputFileId));
    }

    /** How a batch is doing now. */
    public RemoteBatch get(String batchId) throws BatchApiException {
        return RemoteBatch.of(send(request(at.batchesUrl() + "/" + batchId).GET(), "poll batch " + batchId));
    }

    /** Asks the provider to stop a batch; what it answered before it stops is billed and kept. */
    public RemoteBatch cancel(String batchId) throws BatchApiException {
        return RemoteBatch.of(send(request(at.batchesUrl() + "/" + batchId + "/cancel")
                .POST(HttpRequest.BodyPublishers.noBody()), "cancel batch " + batchId));
    }

    /** An output or error file's lines, as one text. */
    public String content(String fileId) throws BatchApiException {
        HttpResponse<String> response = exchange(request(at.filesUrl() + "/" + fileId + "/content").GET(),
                "download file " + fileId);
        return response.body();
    }

    private HttpRequest.Builder request(String url) {
        String query = at.query();
        String target = query.isEmpty() ? url : url + query;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(timeout);
        if (connection.keySent()) {
            builder.header(connection.keyHeader(), connection.keyValue());
        }
        return builder;
    }

    private JsonNode send(HttpRequest.Builder request, String what) throws BatchApiException {
        HttpResponse<String> response = exchange(request, what);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BatchApiException(response.statusCode(), what + ": the answer is not JSON: "
                    + abbreviated(response.body()));
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String what) throws BatchApiException {
        HttpResponse<String> response;
        HttpRequest built = request.build();
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BatchApiException(0, what + ": no response from " + Connection.shown(built.uri().toString())
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchApiException(0, what + ": interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new BatchApiException(response.statusCode(), what + ": HTTP " + response.statusCode() + " "
                    + errorMessage(response.body()));
        }
        return response;
    }

    /** The provider's {@code error.message}, else the body's start. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: shown as it came
        }
        return abbreviated(body);
    }

    private static String abbreviated(String text) {
        String shown = text == null ? "" : text.strip();
        return shown.length() <= 300 ? shown : shown.substring(0, 300) + "...";
    }

    private static String text(JsonNode node, String field, String missing) throws BatchApiException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BatchApiException(0, missing + ": " + abbreviated(node.toString()));
        }
        return value.asText();
    }

    /** A Batch API call that failed: its HTTP status (0 for none) and why. */
    public static final class BatchApiException extends Exception {
        private final int status;

        public BatchApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The key was refused (401, 403): no call of the run can go. */
        public boolean keyRefused() {
            return status == 401 || status == 403;
        }

        /** Worth trying again later: no response, 408, 429 or 5xx. */
        public boolean transientFailure() {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }
    }
}
