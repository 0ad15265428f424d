package org.talecamel.run;

/**
 * The LLM endpoint a run talked to, as shown in reports. Never holds the API key.
 *
 * @param simulated true for tale-camel's built-in simulator, whose figures are not a real model's
 */
public record Endpoint(String provider, String baseUrl, String model, boolean simulated) {

    public Endpoint withModel(String otherModel) {
        return new Endpoint(provider, baseUrl, otherModel, simulated);
    }

    /** "SIMULATED gpt-4o-mini (built-in simulator at http://127.0.0.1:41234/v1)" or "gpt-4o-mini at https://...". */
    public String describe() {
        return simulated
                ? "SIMULATED " + model + " (tale-camel's built-in simulator at " + baseUrl + ", not a real model)"
                : model + " at " + baseUrl + " (" + provider + ")";
    }
}
