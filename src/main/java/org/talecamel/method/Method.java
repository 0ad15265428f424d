package org.talecamel.method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A way of prompting the model for one problem. */
public enum Method {
    /** Vanilla chain of thought: no budget. */
    COT("cot", false),
    /** TALE with a zero-shot estimated budget: one estimator call, then a budget-aware CoT call. */
    TALE_EP("tale-ep", true);

    private final String id;
    private final boolean estimatesBudget;

    Method(String id, boolean estimatesBudget) {
        this.id = id;
        this.estimatesBudget = estimatesBudget;
    }

    public String id() {
        return id;
    }

    public boolean estimatesBudget() {
        return estimatesBudget;
    }

    /** The user message for this method; {@code budget} is ignored by methods without one. */
    public String prompt(String question, Integer budget) {
        return switch (this) {
            case COT -> Prompts.cot(question);
            case TALE_EP -> Prompts.budgeted(question, budget);
        };
    }

    public static Method of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + id.strip() + "' (known: "
                        + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")) + ")"));
    }

    /** Parses a comma-separated list such as {@code cot,tale-ep}, keeping its order and dropping repeats. */
    public static List<Method> listOf(String ids) {
        List<Method> methods = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                Method method = of(id);
                if (!methods.contains(method)) {
                    methods.add(method);
                }
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no methods given: set tale.methods, e.g. cot,tale-ep");
        }
        return List.copyOf(methods);
    }
}
