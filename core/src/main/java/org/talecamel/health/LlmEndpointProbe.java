package org.talecamel.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.talecamel.llm.Connection;
import org.talecamel.llm.KeyRefusal;

/**
 * Asks the LLM endpoint whether it answers, and takes the key: its list of models ({@code GET {base-url}/models}, or
 * Azure's {@code GET {resource}/openai/models?api-version=...}) with a short timeout, sending the API key in the
 * header the calls send it in ({@link Connection#modelsUrl}). A 401 or 403 is an endpoint that answered but refused the key; any
 * other HTTP response (even a 404: not every server has {@code /models}) is an endpoint that is up; no response at all
 * is one that is down. Redirects are not followed, so the key goes nowhere but the configured server.
 */
public final class LlmEndpointProbe {

    /** What the endpoint did, as the health check's {@code state} detail names it. */
    public enum State {
        UP("up"), REFUSED_KEY("refused-key"), NO_ANSWER("no-answer");

        private final String detail;

        State(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * What the probe found. Both texts are shown to users, so neither holds credentials; the message names the server
     * by host and port only (Camel's health JSON escapes a message's slashes twice).
     */
    public record Answer(State state, String url, String message) {

        /** True when the endpoint is fit to be called: it answered, and not with a refusal of the key. */
        public boolean up() {
            return state == State.UP;
        }
    }

    private final URI models;
    private final String shownUrl;
    private final String server;
    private final Connection connection;
    private final Duration timeout;
    private final HttpClient client;

    /** @param connection the endpoint the calls go to, with its key (never shown) */
    public LlmEndpointProbe(Connection connection, Duration timeout) {
        this.connection = connection;
        this.models = connection.modelsUrl();
        this.shownUrl = Connection.shown(models.toString());
        this.server = models.getPort() < 0 ? models.getHost() : models.getHost() + ":" + models.getPort();
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The URL that is probed, as shown to users. */
    public String url() {
        return shownUrl;
    }

    public Answer probe() {
        HttpRequest.Builder request = HttpRequest.newBuilder(models).timeout(timeout).GET();
        if (connection.keySent()) {
            request.header(connection.keyHeader(), connection.keyValue());
        }
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 401 || status == 403) {
                return new Answer(State.REFUSED_KEY, shownUrl,
                        server + " " + KeyRefusal.healthMessage(status, connection));
            }
            return new Answer(State.UP, shownUrl, server + " answered HTTP " + status);
        } catch (IOException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
            return new Answer(State.NO_ANSWER, shownUrl, "no answer from " + server + " within " + timeout.toMillis()
                    + " ms (" + e.getClass().getSimpleName() + reason + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(State.NO_ANSWER, shownUrl, "interrupted while asking " + server);
        }
    }
}
