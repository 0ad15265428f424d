package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the API, and how much they may send. */
class HttpApiSecurityTest {

    private static final String TOKEN = "test-token-4f7a9c2e8b1d6053";
    private static final int LIMIT = 4096;

    @TempDir
    static Path root;
    static TaleTestApp app;

    @BeforeAll
    static void start() throws Exception {
        // a token on loopback: not required there, but enforced once set
        app = TaleTestApp.start(root, Map.of("tale.http.token", TOKEN, "tale.http.max-upload-bytes", String.valueOf(LIMIT)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void should_answer_401_without_the_token_and_403_with_another_on_every_api_path() throws Exception {
        HttpApiTest.Client nobody = new HttpApiTest.Client(app.http, null);
        HttpApiTest.Client stranger = new HttpApiTest.Client(app.http, "not-the-token-but-long-enough");
        HttpApiTest.Client owner = new HttpApiTest.Client(app.http, TOKEN);
        for (String path : List.of("/api/runs", "/api/runs/20990101-000000-000-abcd", "/api/openapi.json", "/api/trends", "/api/nothing")) {
            HttpResponse<String> missing = nobody.get(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> v.startsWith("Bearer"));
            assertThat(HttpApiTest.JSON.readTree(missing.body()).path("error").asText()).contains("bearer token");
            assertThat(stranger.get(path).statusCode()).as(path).isEqualTo(403);
            assertThat(owner.get(path).statusCode()).as(path).isIn(200, 404);
        }
        assertThat(nobody.post("/api/budget", "{\"question\": \"2+2?\"}", "application/json").statusCode()).isEqualTo(401);
        assertThat(owner.post("/api/budget", "{\"question\": \"2+2?\"}", "application/json").statusCode()).isEqualTo(200);
        int runs = HttpApiTest.JSON.readTree(owner.get("/api/runs").body()).path("runs").size();
        assertThat(nobody.upload(HttpApiTest.TWO_PROBLEMS, "x.jsonl").statusCode()).isEqualTo(401);
        assertThat(stranger.upload(HttpApiTest.TWO_PROBLEMS, "x.jsonl").statusCode()).isEqualTo(403);
        assertThat(HttpApiTest.JSON.readTree(owner.get("/api/runs").body()).path("runs")).hasSize(runs);
    }

    @Test
    void should_refuse_an_upload_over_the_limit_with_413_whether_or_not_it_says_its_length() throws Exception {
        HttpApiTest.Client owner = new HttpApiTest.Client(app.http, TOKEN);
        byte[] tooLarge = "{\"question\": \"2+2?\", \"answer\": \"4\"}\n".repeat(LIMIT / 20).getBytes(StandardCharsets.UTF_8);

        // with Content-Length
        HttpResponse<String> declared = owner.upload(tooLarge, "large.jsonl");
        // without: sent in chunks, so only found too large while being read
        HttpResponse<String> chunked = owner.send(owner.request("/api/runs?name=large.jsonl")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))));

        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            JsonNode error = HttpApiTest.JSON.readTree(response.body());
            assertThat(error.path("error").asText()).contains("larger than tale.http.max-upload-bytes=" + LIMIT);
        }
        assertThat(owner.upload(HttpApiTest.TWO_PROBLEMS, "small.jsonl").statusCode()).isEqualTo(202);
        awaitAll(owner);
    }

    @Test
    void should_refuse_to_start_on_another_address_than_loopback_without_a_token(@TempDir Path other) throws Exception {
        int port = freePort();
        assertThatThrownBy(() -> TaleTestApp.start(other, Map.of("tale.http.host", "0.0.0.0",
                "tale.http.port", String.valueOf(port))))
                .hasStackTraceContaining("the HTTP API would listen on 0.0.0.0 (tale.http.host), where other machines can call it, and no token is set");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            throw new AssertionError("something listens on port " + port);
        } catch (ConnectException expected) {
            // nothing was started
        }
    }

    private static void awaitAll(HttpApiTest.Client client) throws Exception {
        for (JsonNode run : HttpApiTest.JSON.readTree(client.get("/api/runs").body()).path("runs")) {
            client.awaitFinished(run.path("id").asText());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
