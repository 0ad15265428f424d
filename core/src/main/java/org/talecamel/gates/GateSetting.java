package org.talecamel.gates;

/**
 * One quality gate as it was set, kept with how the user wrote it so that an error names what they wrote.
 *
 * @param gate    one of {@link GateKeys#GATES}, e.g. {@code min-accuracy}
 * @param model   the label of the run's model the limit is for, or {@code ""} for every model
 * @param method  the method the limit is for, or {@code ""} for every method
 * @param value   the limit as written ({@code 90}, {@code 90%})
 * @param written the name as written: {@code TALE_GATES_MIN_ACCURACY_TALE_EP}, {@code -Dtale.gates.min-accuracy},
 *                {@code tale.gates.min-accuracy.tale-ep}
 * @param source  the file it was set in, or {@code ""} (an environment variable, -D)
 */
public record GateSetting(String gate, String model, String method, String value, String written, String source) {

    /** A limit for every model. */
    public GateSetting(String gate, String method, String value, String written, String source) {
        this(gate, "", method, value, written, source);
    }

    /** {@code tale.gates.min-accuracy.gpt-5-mini.tale-ep}: the key whatever way it was set. */
    public String key() {
        return GateKeys.PREFIX + gate + (model.isEmpty() ? "" : "." + model) + (method.isEmpty() ? "" : "." + method);
    }

    /**
     * Where the limit applies, as {@link GateLimits} keys it: {@code ""} for all, the method alone
     * ({@code tale-ep}), or the model, a line break and the method ({@code "gpt-5-mini\n"} for all its methods).
     */
    public String scope() {
        return GateLimits.scope(model, method);
    }

    /** For messages: {@code config/suites/nightly.properties: tale.gates.min-accuracy=0.9}. */
    public String shown() {
        return (source.isEmpty() ? "" : source + ": ") + written + "=" + value;
    }
}
