package org.talecamel.llm;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code tale.llm.provider} settings, bound once at start: which endpoint answers and how it is reached, made
 * into a {@link Connection} by {@link #connect}. Keys are never shown ({@link #toString} leaves them out).
 *
 * @param provider          {@code simulator}, {@code openai} or {@code azure}
 * @param apiKey            {@code tale.llm.api-key}: the key, whatever the provider; empty to take the provider's own
 * @param openaiKey         {@code tale.llm.openai.api-key}, {@code $OPENAI_API_KEY} by default: OpenAI-style endpoints'
 * @param azureKey          {@code tale.llm.azure.api-key}, {@code $AZURE_OPENAI_API_KEY} by default: Azure's
 * @param azureDeployment   {@code tale.llm.azure.deployment}
 * @param azureApiVersion   {@code tale.llm.azure.api-version}: dated (2024-10-21), or v1
 * @param simulatorImitates {@code tale.simulator.imitate}: which scheme the built-in simulator is called by,
 *                          {@code openai} or {@code azure}
 */
public record ProviderSettings(String provider, String baseUrl, String apiKey, String openaiKey, String azureKey,
                               String azureDeployment, String azureApiVersion, String simulatorImitates) {

    public static final String SIMULATOR = "simulator";
    public static final String OPENAI = "openai";
    public static final String AZURE = "azure";

    public ProviderSettings {
        provider = lower(provider, SIMULATOR);
        if (!provider.equals(SIMULATOR) && !provider.equals(OPENAI) && !provider.equals(AZURE)) {
            throw new IllegalArgumentException("tale.llm.provider: unknown provider '" + provider
                    + "' (use simulator, openai or azure)");
        }
        simulatorImitates = lower(simulatorImitates, OPENAI);
        if (!simulatorImitates.equals(OPENAI) && !simulatorImitates.equals(AZURE)) {
            throw new IllegalArgumentException("tale.simulator.imitate: use openai or azure, not '"
                    + simulatorImitates + "'");
        }
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
    }

    /** The settings as configured (file, environment variable, -D); a blank one is unset. */
    public static ProviderSettings from(Function<String, Optional<String>> property) {
        Function<String, String> value = key -> property.apply(key).orElse("");
        return new ProviderSettings(value.apply("tale.llm.provider"), value.apply("tale.llm.base-url"),
                value.apply("tale.llm.api-key"), value.apply("tale.llm.openai.api-key"),
                value.apply("tale.llm.azure.api-key"), value.apply("tale.llm.azure.deployment"),
                value.apply("tale.llm.azure.api-version"), value.apply("tale.simulator.imitate"));
    }

    /** True when the built-in simulator answers. */
    public boolean simulated() {
        return provider.equals(SIMULATOR);
    }

    /** True when calls follow Azure's scheme: {@code tale.llm.provider=azure}, or the simulator imitating it. */
    public boolean azure() {
        return provider.equals(AZURE) || simulated() && simulatorImitates.equals(AZURE);
    }

    /**
     * The connection the settings describe. The simulator's is to {@code simulatorUrl} (its
     * {@code http://127.0.0.1:PORT}), by the scheme it imitates; {@code tale.llm.base-url} is then ignored.
     */
    public Connection connect(String simulatorUrl) {
        if (azure()) {
            return Connection.azure(provider, simulated() ? simulatorUrl : baseUrl, azureDeployment, azureApiVersion,
                    key(azureKey));
        }
        return Connection.openai(provider, simulated() ? simulatorUrl + "/v1" : baseUrl, key(openaiKey));
    }

    /** {@code tale.llm.api-key} when set, else the provider's own. */
    private String key(String fallback) {
        String key = apiKey == null ? "" : apiKey.strip();
        return key.isEmpty() && fallback != null ? fallback.strip() : key;
    }

    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider + ", baseUrl=" + Connection.shown(baseUrl) + ", deployment="
                + azureDeployment + ", api-version=" + azureApiVersion + ", simulator imitates " + simulatorImitates
                + "]";
    }

    private static String lower(String value, String unset) {
        return value == null || value.isBlank() ? unset : value.strip().toLowerCase(Locale.ROOT);
    }
}
