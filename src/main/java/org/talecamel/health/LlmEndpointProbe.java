package org.talecamel.health;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.talecamel.llm.KeyRefusal;

/**
 * Asks the LLM endpoint whether it answers, and takes the key: {@code GET {base-url}/models} with a short timeout,
 * sending the configured API key as the calls do. A 401 or 403 is an endpoint that answered but refused the key; any
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
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param baseUrl the OpenAI-compatible base URL, such as {@code https://api.openai.com/v1}
     * @param apiKey  sent as {@code Authorization: Bearer ...} when not blank; never shown
     */
    public LlmEndpointProbe(String baseUrl, String apiKey, Duration timeout) {
        this.models = modelsOf(URI.create(baseUrl.strip()));
        this.shownUrl = withoutCredentials(models);
        this.server = models.getPort() < 0 ? models.getHost() : models.getHost() + ":" + models.getPort();
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The URL that is probed, as shown to users. */
    public String url() {
        return shownUrl;
    }

    public Answer probe() {
        HttpRequest.Builder request = HttpRequest.newBuilder(models).timeout(timeout).GET();
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 401 || status == 403) {
                return new Answer(State.REFUSED_KEY, shownUrl,
                        server + " " + KeyRefusal.healthMessage(status, !apiKey.isEmpty()));
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

    /** {@code {base}/models}, keeping the base URL's query (some servers take their version there). */
    static URI modelsOf(URI base) {
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        try {
            return new URI(base.getScheme(), base.getUserInfo(), base.getHost(), base.getPort(), path + "/models",
                    base.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("tale.llm.base-url is not a URL: " + e.getMessage(), e);
        }
    }

    /** The URL without user info, query and fragment, where keys are sometimes put. */
    static String withoutCredentials(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }
}
