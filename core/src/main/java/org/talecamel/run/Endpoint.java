package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.talecamel.llm.Connection;

/**
 * The LLM endpoint a run talked to, as shown in reports. Never holds the API key; a user name, password or query in
 * the URL (credentials, for some servers) is left out of everything it shows and writes.
 *
 * @param baseUrl    the URL calls go to, as configured (for Azure, the resource endpoint)
 * @param simulated  true for tale-camel's built-in simulator, whose figures are not a real model's
 * @param deployment the Azure OpenAI deployment called, or null; {@code model} is then the model it runs (for prices)
 */
public record Endpoint(String provider, @JsonIgnore String baseUrl, String model, boolean simulated,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String deployment) {

    /** The default of {@code tale.llm.base-url} in {@code config/application.properties}. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    /** An endpoint that is not an Azure deployment. */
    public Endpoint(String provider, String baseUrl, String model, boolean simulated) {
        this(provider, baseUrl, model, simulated, null);
    }

    /** The endpoint a connection reaches, answering as {@code model}. */
    public static Endpoint of(Connection connection, String model) {
        return new Endpoint(connection.provider(), connection.baseUrl(), model,
                connection.provider().equals("simulator"), connection.deployment());
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
                + "built-in simulator answers. To call that endpoint, set TALE_LLM_PROVIDER=openai or azure (tale.llm.provider).");
    }

    public Endpoint withModel(String otherModel) {
        return new Endpoint(provider, baseUrl, otherModel, simulated, deployment);
    }

    /** The URL as shown in logs, reports and summary.json: without user info or query. */
    @JsonProperty("baseUrl")
    public String shownUrl() {
        return shown(baseUrl);
    }

    /** A URL without user info or query, even one that cannot be parsed. */
    static String shown(String url) {
        return Connection.shown(url);
    }

    /**
     * Which endpoint answers, for telling runs apart: {@code simulator} for the built-in one (its port changes with
     * every start), else the provider and the URL as shown, and the Azure deployment.
     */
    @JsonIgnore
    public String identity() {
        return simulated ? "simulator" : provider + " " + shownUrl() + (deployment == null ? "" : " deployment " + deployment);
    }

    /**
     * "SIMULATED gpt-4o-mini (built-in simulator at http://127.0.0.1:41234/v1)", "gpt-4o-mini at https://... (openai)"
     * or "gpt-4o at https://NAME.openai.azure.com (azure, deployment prod-4o)".
     */
    public String describe() {
        String via = deployment == null ? "" : (simulated ? " imitating Azure OpenAI, deployment " : ", deployment ")
                + deployment;
        return simulated
                ? "SIMULATED " + model + " (tale-camel's built-in simulator at " + shownUrl() + via + ", not a real model)"
                : model + " at " + shownUrl() + " (" + provider + via + ")";
    }
}
