package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The LLM endpoint a run talked to, as shown in reports. Never holds the API key; a user name, password or query in
 * the URL (credentials, for some servers) is left out of everything it shows and writes.
 *
 * @param baseUrl   the URL calls go to, as configured
 * @param simulated true for tale-camel's built-in simulator, whose figures are not a real model's
 */
public record Endpoint(String provider, @JsonIgnore String baseUrl, String model, boolean simulated) {

    /** The default of {@code tale.llm.base-url} in {@code config/application.properties}. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#]*@");
    private static final Pattern QUERY = Pattern.compile("[?#].*$", Pattern.DOTALL);

    /**
     * An OpenAI-compatible server at {@code tale.llm.base-url}, refused at start unless it is an http:// or https://
     * URL with a host (Camel would otherwise fail to build the chat route, or look for an ftp component).
     */
    public static Endpoint openai(String baseUrl, String model) {
        String url = baseUrl.strip();
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String problem;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            problem = !scheme.equals("http") && !scheme.equals("https") ? "is not an http:// or https:// URL"
                    : uri.getHost() == null ? "has no host name" : null;
            // Camel finds its http component by the scheme's name, in lower case
            url = scheme + url.substring(scheme.length());
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw new IllegalArgumentException("tale.llm.base-url: '" + shown(url) + "' " + problem
                    + "; give the endpoint's base URL, e.g. " + OPENAI_BASE_URL + " or http://localhost:11434/v1");
        }
        return new Endpoint("openai", url, model, false);
    }

    /**
     * The warning for a {@code tale.llm.base-url} set by the user (not the default) while the simulator answers
     * instead: a forgotten {@code TALE_LLM_PROVIDER=openai} would otherwise go unnoticed until the report.
     */
    public static Optional<String> ignoredBySimulator(String baseUrl) {
        String url = baseUrl.strip();
        if (url.isEmpty() || url.equals(OPENAI_BASE_URL) || url.equals(OPENAI_BASE_URL + "/")) {
            return Optional.empty();
        }
        return Optional.of("tale.llm.base-url " + shown(url) + " is ignored because tale.llm.provider=simulator: the "
                + "built-in simulator answers. To call that endpoint, set TALE_LLM_PROVIDER=openai (tale.llm.provider).");
    }

    public Endpoint withModel(String otherModel) {
        return new Endpoint(provider, baseUrl, otherModel, simulated);
    }

    /** The URL as shown in logs, reports and summary.json: without user info or query. */
    @JsonProperty("baseUrl")
    public String shownUrl() {
        return shown(baseUrl);
    }

    /** A URL without user info or query, even one that cannot be parsed. */
    static String shown(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            }
        } catch (URISyntaxException e) {
            // shown as written, without what could be credentials
        }
        return USER_INFO.matcher(QUERY.matcher(url).replaceFirst("")).replaceFirst("//");
    }

    /**
     * Which endpoint answers, for telling runs apart: {@code simulator} for the built-in one (its port changes with
     * every start), else the provider and the URL as shown.
     */
    @JsonIgnore
    public String identity() {
        return simulated ? "simulator" : provider + " " + shownUrl();
    }

    /** "SIMULATED gpt-4o-mini (built-in simulator at http://127.0.0.1:41234/v1)" or "gpt-4o-mini at https://...". */
    public String describe() {
        return simulated
                ? "SIMULATED " + model + " (tale-camel's built-in simulator at " + shownUrl() + ", not a real model)"
                : model + " at " + shownUrl() + " (" + provider + ")";
    }
}
