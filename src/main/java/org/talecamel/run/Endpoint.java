package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The LLM endpoint a run talked to, as shown in reports. Never holds the API key; a user name, password or query in
 * the URL (credentials, for some servers) is left out of everything it shows and writes.
 *
 * @param baseUrl   the URL calls go to, as configured
 * @param simulated true for tale-camel's built-in simulator, whose figures are not a real model's
 */
public record Endpoint(String provider, @JsonIgnore String baseUrl, String model, boolean simulated) {

    public Endpoint withModel(String otherModel) {
        return new Endpoint(provider, baseUrl, otherModel, simulated);
    }

    /** The URL as shown in logs, reports and summary.json: without user info or query. */
    @JsonProperty("baseUrl")
    public String shownUrl() {
        try {
            URI uri = URI.create(baseUrl);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(a URL that cannot be parsed)";
        }
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
