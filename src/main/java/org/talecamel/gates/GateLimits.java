package org.talecamel.gates;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The quality gates a run must pass, each optional. A limit under the key {@code ""} applies to every method; a
 * method's own limit ({@code tale.gates.min-accuracy.tale-ep}) takes its place for that method.
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

    public static final String PREFIX = "tale.gates.";

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
     * Reads every gate from configuration: {@code property} resolves a key (properties file, suite, environment
     * variable or -D), empty when unset or blank.
     */
    public static GateLimits from(Function<String, Optional<String>> property, List<String> methods) {
        BigDecimal expense = property.apply(PREFIX + "max-expense-usd").map(v -> {
            try {
                return new BigDecimal(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PREFIX + "max-expense-usd: '" + v + "' is not an amount in $");
            }
        }).orElse(null);
        return new GateLimits(perMethod(property, "min-accuracy", methods),
                perMethod(property, "max-mean-output-tokens", methods), expense,
                perMethod(property, "min-token-reduction", methods), perMethod(property, "max-accuracy-drop", methods));
    }

    public boolean isEmpty() {
        return minAccuracyPercent.isEmpty() && maxMeanOutputTokens.isEmpty() && maxExpenseUsd == null
                && minTokenReductionPercent.isEmpty() && maxAccuracyDropPoints.isEmpty();
    }

    private static Map<String, Double> perMethod(Function<String, Optional<String>> property, String gate,
                                                 List<String> methods) {
        Map<String, Double> limits = new LinkedHashMap<>();
        number(property, PREFIX + gate).ifPresent(limit -> limits.put("", limit));
        for (String method : methods) {
            number(property, PREFIX + gate + "." + method).ifPresent(limit -> limits.put(method, limit));
        }
        return limits;
    }

    private static Optional<Double> number(Function<String, Optional<String>> property, String key) {
        return property.apply(key).map(value -> {
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + value + "' is not a number");
            }
        });
    }
}
