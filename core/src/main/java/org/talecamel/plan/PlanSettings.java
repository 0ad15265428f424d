package org.talecamel.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.talecamel.budget.ElasticityLevels;
import org.talecamel.llm.CallMode;
import org.talecamel.llm.ContextWindow;
import org.talecamel.method.Method;

/**
 * The settings a plan reads, as the run would resolve them (a suite's settings, then environment variables, -D
 * properties and {@code config/application.properties}).
 *
 * @param simulated true for the built-in simulator ({@code tale.llm.provider=simulator}), which costs nothing
 * @param maxCostUsd {@code tale.run.max-cost-usd} as set, empty when off
 */
public record PlanSettings(List<Method> methods, List<String> models, String provider, boolean simulated,
                           List<ElasticityLevels.Level> elasticityLevels, ContextWindow context, Path prices,
                           Path output, Path inbox, String maxCostUsd, CallMode mode) {

    /** Where a setting comes from: the key's value as the run would see it, or {@code fallback} when it is unset. */
    @FunctionalInterface
    public interface Source {
        String get(String key, String fallback);
    }

    public PlanSettings {
        methods = List.copyOf(methods);
        models = List.copyOf(models);
        elasticityLevels = List.copyOf(elasticityLevels);
    }

    /** @throws IllegalArgumentException naming the setting when a value cannot be used, as the run would refuse it */
    public static PlanSettings read(Source settings) {
        String provider = settings.get("tale.llm.provider", "simulator").strip();
        String contextTokens = settings.get("tale.llm.context-tokens", "128000").strip();
        ContextWindow context;
        try {
            context = new ContextWindow(contextTokens.isEmpty() ? 0 : Integer.parseInt(contextTokens));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tale.llm.context-tokens: '" + contextTokens + "' is not a whole number");
        }
        return new PlanSettings(
                methods(settings.get("tale.methods", "cot,tale-ep")),
                models(settings.get("tale.models", ""), settings.get("tale.llm.model", "gpt-4o-mini")),
                provider,
                provider.equals("simulator"),
                ElasticityLevels.parse(settings.get("tale.elasticity.budgets", "1/32,1/16,1/8,1/4,1/2,1")),
                context,
                Path.of(settings.get("tale.prices", "config/prices.csv").strip()),
                Path.of(settings.get("tale.output", "data-out").strip()),
                Path.of(settings.get("tale.inbox", "data-in/inbox").strip()),
                settings.get("tale.run.max-cost-usd", "").strip(),
                CallMode.of(settings.get("tale.llm.mode", "sync")));
    }

    /** Whether the run's calls go in batches ({@code tale.llm.mode=batch}): they cost the batch price. */
    public boolean batched() {
        return mode == CallMode.BATCH;
    }

    private static List<Method> methods(String methods) {
        try {
            return Method.listOf(methods);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tale.methods: " + e.getMessage(), e);
        }
    }

    /**
     * The run's models: {@code tale.models}, comma-separated, in order and without repeats; when it is empty, the
     * single {@code tale.llm.model}.
     */
    public static List<String> models(String models, String model) {
        List<String> list = new ArrayList<>();
        for (String name : models.split(",")) {
            if (!name.isBlank() && !list.contains(name.strip())) {
                list.add(name.strip());
            }
        }
        if (list.isEmpty()) {
            if (model.isBlank()) {
                throw new IllegalArgumentException("no model: set tale.llm.model (or tale.models), e.g. gpt-4o-mini");
            }
            list.add(model.strip());
        }
        return List.copyOf(list);
    }
}
