package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One model a run evaluates, every method on every problem: its endpoint (which names the model) and, for a
 * reasoning model, the reasoning effort it is asked with. A run of {@code tale.models=gpt-4o-mini,gpt-5-mini} has two.
 *
 * @param reasoningEffort {@code tale.llm.reasoning-effort} for this target, or null when none is sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelTarget(Endpoint endpoint, String reasoningEffort) {

    /** The separator of a model and its reasoning effort in a label: {@code gpt-5-mini@low}. */
    public static final String EFFORT_SEPARATOR = "@";

    public ModelTarget {
        reasoningEffort = reasoningEffort == null || reasoningEffort.isBlank() ? null : reasoningEffort.strip();
    }

    public static ModelTarget of(Endpoint endpoint) {
        return new ModelTarget(endpoint, null);
    }

    /**
     * How reports, gates, junit.xml, the history and the audit's {@code asked_model} column name it: the model, and
     * {@code @effort} when a reasoning effort is set ({@code gpt-5-mini@low}).
     */
    public String label() {
        return endpoint.model() + (reasoningEffort == null ? "" : EFFORT_SEPARATOR + reasoningEffort);
    }

    @JsonIgnore
    public String model() {
        return endpoint.model();
    }

    /**
     * The models of {@code tale.models} (comma-separated), each asked at {@code endpoint}; blank is the endpoint's own
     * model ({@code tale.llm.model}) alone.
     *
     * @throws IllegalArgumentException naming the setting, for a name given twice or one holding a space or {@code @}
     */
    public static List<ModelTarget> listOf(String models, Endpoint endpoint) {
        return listOf(models, List.of(), endpoint, model -> false);
    }

    /**
     * The models of {@code tale.models}, each that reasons asked at each of {@code efforts}
     * ({@code tale.llm.reasoning-effort}, side by side: {@code gpt-5-mini@low}, {@code gpt-5-mini@high}); a model that
     * does not reason is asked once, with none.
     *
     * @param reasons whether a model takes a reasoning effort ({@code config/models.csv})
     */
    public static List<ModelTarget> listOf(String models, List<String> efforts, Endpoint endpoint,
                                           java.util.function.Predicate<String> reasons) {
        List<ModelTarget> targets = new java.util.ArrayList<>();
        for (Endpoint model : endpoints(models, endpoint)) {
            if (efforts.isEmpty() || !reasons.test(model.model())) {
                targets.add(of(model));
            } else {
                efforts.forEach(effort -> targets.add(new ModelTarget(model, effort)));
            }
        }
        return List.copyOf(targets);
    }

    private static List<Endpoint> endpoints(String models, Endpoint endpoint) {
        if (models == null || models.isBlank()) {
            return List.of(endpoint);
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String entry : models.split(",")) {
            String name = entry.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("tale.models: '" + models.strip() + "' has an empty model name");
            }
            if (name.contains(EFFORT_SEPARATOR) || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("tale.models: '" + name + "' is not a model name (no spaces, and no "
                        + EFFORT_SEPARATOR + ": set reasoning efforts with tale.llm.reasoning-effort)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("tale.models: " + name + " is named twice");
            }
        }
        return names.stream().map(endpoint::withModel).toList();
    }

    /** The model a label names: {@code gpt-5-mini} of {@code gpt-5-mini@low}. */
    public static String modelOf(String label) {
        int at = label.indexOf(EFFORT_SEPARATOR);
        return at < 0 ? label : label.substring(0, at);
    }

    /**
     * What a quality gate may name: each target's label, and the model of those asked at several efforts (a gate for
     * {@code gpt-5-mini} holds for {@code gpt-5-mini@low} and {@code gpt-5-mini@high}).
     */
    public static List<String> gateNames(List<ModelTarget> targets) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(labels(targets));
        targets.forEach(target -> names.add(target.model()));
        return List.copyOf(names);
    }

    /** The labels of these targets, in order. */
    public static List<String> labels(List<ModelTarget> targets) {
        return targets.stream().map(ModelTarget::label).toList();
    }
}
