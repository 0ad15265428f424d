package org.talecamel.health;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the LLM endpoint whether it answers: {@code GET {base-url}/models} with a short timeout. Any HTTP response
 * counts, even 401 or 404 (the probe sends no API key, so it cannot leak one); no response at all does not.
 */
public final class LlmEndpointProbe {

    /**
     * What the probe found. Both are shown to users, so neither holds credentials; the message names the server by
     * host and port only (Camel's health JSON escapes a message's slashes twice).
     */
    public record Answer(boolean answers, String url, String message) {
    }

    private final URI models;
    private final String shownUrl;
    private final String server;
    private final Duration timeout;
    private final HttpClient client;

    /** @param baseUrl the OpenAI-compatible base URL, such as {@code https://api.openai.com/v1} */
    public LlmEndpointProbe(String baseUrl, Duration timeout) {
        this.models = modelsOf(URI.create(baseUrl.strip()));
        this.shownUrl = withoutCredentials(models);
        this.server = models.getPort() < 0 ? models.getHost() : models.getHost() + ":" + models.getPort();
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The URL that is probed, as shown to users. */
    public String url() {
        return shownUrl;
    }

    public Answer probe() {
        HttpRequest request = HttpRequest.newBuilder(models).timeout(timeout).GET().build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return new Answer(true, shownUrl, server + " answered HTTP " + response.statusCode());
        } catch (IOException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
            return new Answer(false, shownUrl, "no answer from " + server + " within " + timeout.toMillis()
                    + " ms (" + e.getClass().getSimpleName() + reason + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, shownUrl, "interrupted while asking " + server);
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
