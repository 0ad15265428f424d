package org.talecamel.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The LLM endpoint answers when any HTTP response comes back from {base}/models, whatever its status. */
class LlmEndpointProbeTest {

    @Test
    void should_count_any_http_answer_even_401_and_send_no_key() throws Exception {
        AtomicReference<String> asked = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.set(exchange.getRequestURI().toString());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            LlmEndpointProbe.Answer answer = new LlmEndpointProbe("http://127.0.0.1:" + port + "/v1/", Duration.ofSeconds(2))
                    .probe();

            assertThat(answer.answers()).isTrue();
            assertThat(answer.message()).isEqualTo("127.0.0.1:" + port + " answered HTTP 401");
            assertThat(asked.get()).isEqualTo("/v1/models");
            assertThat(authorization.get()).isNull();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void should_not_count_a_refused_connection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LlmEndpointProbe.Answer answer = new LlmEndpointProbe("http://127.0.0.1:" + port + "/v1", Duration.ofMillis(500))
                .probe();

        assertThat(answer.answers()).isFalse();
        assertThat(answer.message()).startsWith("no answer from 127.0.0.1:" + port + " within 500 ms (ConnectException");
    }

    @Test
    void should_show_the_url_without_user_info_or_query() {
        URI models = LlmEndpointProbe.modelsOf(URI.create("https://me:secret@llm.example.com:8443/openai/v1?api-key=k"));

        assertThat(models.toString()).isEqualTo("https://me:secret@llm.example.com:8443/openai/v1/models?api-key=k");
        assertThat(LlmEndpointProbe.withoutCredentials(models)).isEqualTo("https://llm.example.com:8443/openai/v1/models");
    }
}
