package org.talecamel.plan;

import java.util.Map;
import java.util.Optional;

/**
 * What a finished run over the same inputs and model did, method by method: the figures an estimate is scaled from.
 *
 * @param problems the problems it read (all methods')
 * @param methods  each method's calls and output tokens, by method id
 */
public record PastRun(String runId, long problems, Map<String, Figures> methods) {

    /**
     * One method's calls and output tokens over the whole run (estimates, answers, search steps, sweep budgets).
     *
     * @param meanBudget the mean budget its budget-aware answers were given, or null
     */
    public record Figures(long calls, long outputTokens, Double meanBudget) {
    }

    public PastRun {
        methods = Map.copyOf(methods);
    }

    public Optional<Figures> of(String method) {
        return Optional.ofNullable(methods.get(method));
    }
}
