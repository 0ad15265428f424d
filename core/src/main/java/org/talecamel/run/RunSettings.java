package org.talecamel.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;

/**
 * What a run asks and how it is judged: the application's settings for inbox runs, a suite's for its runs.
 *
 * @param suite          the name of the runs in reports, junit.xml and the history
 * @param models         the models the run asks, each with its endpoint: one unless {@code tale.models} names more
 * @param answerSettings the other settings that change the model's answers (temperature, the budget's fallback and
 *                       hard cap, ...), by key: runs compare only with runs made with the same ones
 * @param measures       how the run measures: its preset (what the reports say it used)
 * @param callMode       how its calls go: one by one, or in batches of the provider's Batch API
 */
public record RunSettings(String suite, List<Method> methods, List<ModelTarget> models, GateLimits gates,
                          SpendCap spendCap, Map<String, String> answerSettings, Measures measures,
                          org.talecamel.llm.CallMode callMode) {

    public RunSettings {
        methods = List.copyOf(methods);
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one model");
        }
        if (new java.util.HashSet<>(ModelTarget.labels(models)).size() < models.size()) {
            throw new IllegalArgumentException("a model is named twice: " + String.join(", ", ModelTarget.labels(models)));
        }
        spendCap = spendCap == null ? SpendCap.none() : spendCap;
        answerSettings = answerSettings == null ? Map.of() : Map.copyOf(answerSettings);
        measures = measures == null ? Measures.DEFAULT : measures;
        callMode = callMode == null ? org.talecamel.llm.CallMode.SYNC : callMode;
    }

    public RunSettings(String suite, List<Method> methods, List<ModelTarget> models, GateLimits gates,
                       SpendCap spendCap, Map<String, String> answerSettings, Measures measures) {
        this(suite, methods, models, gates, spendCap, answerSettings, measures, org.talecamel.llm.CallMode.SYNC);
    }

    public RunSettings(String suite, List<Method> methods, Endpoint endpoint, GateLimits gates) {
        this(suite, methods, List.of(ModelTarget.of(endpoint)), gates, SpendCap.none(), Map.of(), Measures.DEFAULT);
    }

    /** The endpoint of the first model: what a run of one model asks, and what a report's header names first. */
    public Endpoint endpoint() {
        return models.get(0).endpoint();
    }

    /** True when the run asks more than one model (or one at several reasoning efforts): reports show a model column. */
    public boolean severalModels() {
        return models.size() > 1;
    }

    /** A suite's runs: its name, methods, models, gates and call mode; the rest as the application's. */
    public RunSettings forSuite(String name, List<Method> suiteMethods, List<ModelTarget> suiteModels,
                                GateLimits suiteGates, org.talecamel.llm.CallMode suiteMode) {
        return new RunSettings(name, suiteMethods, suiteModels, suiteGates, spendCap, answerSettings, measures,
                suiteMode);
    }

    /** Whether its calls go in batches of the provider's Batch API. */
    public boolean batched() {
        return callMode == org.talecamel.llm.CallMode.BATCH;
    }

    public List<String> methodIds() {
        return methods.stream().map(Method::id).toList();
    }

    /** The comparison key of the first model's figures ({@link #comparisonKey(Collection, ModelTarget)}). */
    public String comparisonKey(Collection<InputFile> inputs) {
        return comparisonKey(inputs, models.get(0));
    }

    /**
     * What one model's figures in a run over these inputs must share with another run's for the two to compare: the
     * files' contents (not their names), the model, its reasoning effort and endpoint, and the settings that change
     * answers. Methods are not in it, and nor are the run's other models: each model's method compares with the same
     * model's same method, whatever else either run asked. A SHA-256, in hex.
     */
    public String comparisonKey(Collection<InputFile> inputs, ModelTarget target) {
        StringBuilder key = new StringBuilder("inputs:");
        inputs.stream().map(f -> String.valueOf(f.sha256())).sorted().forEach(sha -> key.append(' ').append(sha));
        key.append("\nmodel: ").append(target.model()).append("\nendpoint: ").append(target.endpoint().identity());
        if (target.reasoningEffort() != null) {
            key.append("\nreasoning effort: ").append(target.reasoningEffort());
        }
        new TreeMap<>(answerSettings).forEach((k, v) -> key.append('\n').append(k).append(": ").append(v));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
