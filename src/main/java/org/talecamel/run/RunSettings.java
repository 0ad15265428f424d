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
 * @param endpoint       the endpoint and the model the run asks
 * @param answerSettings the other settings that change the model's answers (temperature, the budget's fallback and
 *                       hard cap, ...), by key: runs compare only with runs made with the same ones
 * @param measures       how the run measures: its preset (what the reports say it used)
 */
public record RunSettings(String suite, List<Method> methods, Endpoint endpoint, GateLimits gates, SpendCap spendCap,
                          Map<String, String> answerSettings, Measures measures) {

    public RunSettings {
        methods = List.copyOf(methods);
        spendCap = spendCap == null ? SpendCap.none() : spendCap;
        answerSettings = answerSettings == null ? Map.of() : Map.copyOf(answerSettings);
        measures = measures == null ? Measures.DEFAULT : measures;
    }

    public RunSettings(String suite, List<Method> methods, Endpoint endpoint, GateLimits gates) {
        this(suite, methods, endpoint, gates, SpendCap.none(), Map.of(), Measures.DEFAULT);
    }

    /** A suite's runs: its name, methods, model and gates; the rest as the application's. */
    public RunSettings forSuite(String name, List<Method> suiteMethods, String model, GateLimits suiteGates) {
        return new RunSettings(name, suiteMethods, endpoint.withModel(model), suiteGates, spendCap, answerSettings,
                measures);
    }

    public List<String> methodIds() {
        return methods.stream().map(Method::id).toList();
    }

    /**
     * What a run over these inputs must share with another for the two to compare: the files' contents (not their
     * names), the model and endpoint, and the settings that change answers. Methods are not in it: each method
     * compares with the same method. A SHA-256, in hex.
     */
    public String comparisonKey(Collection<InputFile> inputs) {
        StringBuilder key = new StringBuilder("inputs:");
        inputs.stream().map(f -> String.valueOf(f.sha256())).sorted().forEach(sha -> key.append(' ').append(sha));
        key.append("\nmodel: ").append(endpoint.model()).append("\nendpoint: ").append(endpoint.identity());
        new TreeMap<>(answerSettings).forEach((k, v) -> key.append('\n').append(k).append(": ").append(v));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
