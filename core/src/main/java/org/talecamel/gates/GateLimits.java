package org.talecamel.gates;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quality gates a run must pass, each optional. A limit under the key {@code ""} applies to every method of every
 * model; a method's own limit ({@code tale.gates.min-accuracy.tale-ep}) takes its place for that method, a model's
 * ({@code "gpt-5-mini\n"}) for that model's methods, and a model's method's for that alone: the most specific
 * limit set counts ({@link #limitFor}).
 *
 * <p>Accuracy and token reduction are in percent and the accuracy drop in points, as the report and the console show
 * them: {@code 90} or {@code 90%}. A plain value that reads as a fraction ({@code 0.9}) is refused as ambiguous, since
 * summary.json and the API give accuracy as a fraction; {@code 0.9%} says it is meant.
 *
 * @param minAccuracyPercent      {@code tale.gates.min-accuracy[.method]}: accuracy at least this, in percent
 * @param maxMeanOutputTokens     {@code tale.gates.max-mean-output-tokens[.method]}
 * @param maxExpenseUsd           {@code tale.gates.max-expense-usd}: the whole run's expense at most this, in $
 * @param minTokenReductionPercent {@code tale.gates.min-token-reduction[.method]}: fewer output tokens than cot by at least this
 * @param maxAccuracyDropPoints   {@code tale.gates.max-accuracy-drop[.method]}: accuracy at most this many points below
 *                                the previous run of the same suite and model
 */
public record GateLimits(Map<String, Double> minAccuracyPercent, Map<String, Double> maxMeanOutputTokens,
                         BigDecimal maxExpenseUsd, Map<String, Double> minTokenReductionPercent,
                         Map<String, Double> maxAccuracyDropPoints) {

    public GateLimits {
        minAccuracyPercent = Map.copyOf(minAccuracyPercent);
        maxMeanOutputTokens = Map.copyOf(maxMeanOutputTokens);
        minTokenReductionPercent = Map.copyOf(minTokenReductionPercent);
        maxAccuracyDropPoints = Map.copyOf(maxAccuracyDropPoints);
    }

    public static GateLimits none() {
        return new GateLimits(Map.of(), Map.of(), null, Map.of(), Map.of());
    }

    /**
     * Reads the limits of gates set (see {@link GateKeys}), highest precedence first: where a key is set twice, the
     * first setting counts. A value that cannot be meant is refused, naming the setting as it was written.
     */
    public static GateLimits from(List<GateSetting> settings) {
        Map<String, GateSetting> first = new LinkedHashMap<>();
        settings.forEach(setting -> first.putIfAbsent(setting.key(), setting));
        Map<String, Double> minAccuracy = new LinkedHashMap<>();
        Map<String, Double> maxTokens = new LinkedHashMap<>();
        Map<String, Double> minReduction = new LinkedHashMap<>();
        Map<String, Double> maxDrop = new LinkedHashMap<>();
        BigDecimal maxExpense = null;
        for (GateSetting setting : first.values()) {
            switch (setting.gate()) {
                case "min-accuracy" -> minAccuracy.put(setting.scope(), Limit.percent(setting, "accuracy"));
                case "max-mean-output-tokens" -> maxTokens.put(setting.scope(), Limit.tokens(setting));
                case "min-token-reduction" -> minReduction.put(setting.scope(), Limit.percent(setting, "token reduction"));
                case "max-accuracy-drop" -> maxDrop.put(setting.scope(), Limit.points(setting));
                case GateKeys.RUN_WIDE -> maxExpense = Limit.dollars(setting);
                default -> throw new IllegalArgumentException(setting.shown() + ": there is no such gate");
            }
        }
        return new GateLimits(minAccuracy, maxTokens, maxExpense, minReduction, maxDrop);
    }

    /** These limits, and {@code defaults}' for every gate and method these leave unset (a suite over the service's). */
    public GateLimits withDefaults(GateLimits defaults) {
        return new GateLimits(merged(defaults.minAccuracyPercent, minAccuracyPercent),
                merged(defaults.maxMeanOutputTokens, maxMeanOutputTokens),
                maxExpenseUsd != null ? maxExpenseUsd : defaults.maxExpenseUsd,
                merged(defaults.minTokenReductionPercent, minTokenReductionPercent),
                merged(defaults.maxAccuracyDropPoints, maxAccuracyDropPoints));
    }

    /** How the limits' maps key a scope: see {@link GateSetting#scope}. */
    static String scope(String model, String method) {
        return model.isEmpty() ? method : model + "\n" + method;
    }

    /**
     * The most specific of {@code limits} for a model's method: its own, the method's, the model's, or all's. A model
     * asked at a reasoning effort ({@code gpt-5-mini@low}) takes its model's limits ({@code gpt-5-mini}) where it has
     * none of its own.
     */
    static Double limitFor(Map<String, Double> limits, String model, String method) {
        String base = org.talecamel.run.ModelTarget.modelOf(model);
        for (String scope : List.of(scope(model, method), scope(base, method), method, scope(model, ""),
                scope(base, ""), "")) {
            if (limits.containsKey(scope)) {
                return limits.get(scope);
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return minAccuracyPercent.isEmpty() && maxMeanOutputTokens.isEmpty() && maxExpenseUsd == null
                && minTokenReductionPercent.isEmpty() && maxAccuracyDropPoints.isEmpty();
    }

    private static Map<String, Double> merged(Map<String, Double> defaults, Map<String, Double> own) {
        Map<String, Double> merged = new LinkedHashMap<>(defaults);
        merged.putAll(own);
        return merged;
    }
}
