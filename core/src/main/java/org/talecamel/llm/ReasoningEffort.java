package org.talecamel.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code tale.llm.reasoning-effort}: how long a reasoning model thinks before it answers, sent as
 * {@code reasoning_effort} to the models whose row in {@code config/models.csv} says {@code reasoning=yes}, and to no
 * other. Which values a model takes is its vendor's: {@code none} is GPT-5.1's and later, {@code minimal} GPT-5's.
 */
public enum ReasoningEffort {
    NONE, MINIMAL, LOW, MEDIUM, HIGH;

    /** The value sent. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The efforts of {@code tale.llm.reasoning-effort}, comma-separated: a run asks each reasoning model at each, side
     * by side as it runs methods. Empty for blank.
     */
    public static java.util.List<ReasoningEffort> listOf(String text) {
        if (text == null || text.isBlank()) {
            return java.util.List.of();
        }
        java.util.LinkedHashSet<ReasoningEffort> efforts = new java.util.LinkedHashSet<>();
        for (String one : text.split(",")) {
            if (!efforts.add(of(one))) {
                throw new IllegalArgumentException("tale.llm.reasoning-effort: " + one.strip() + " is named twice");
            }
        }
        return java.util.List.copyOf(efforts);
    }

    /** The effort set, or null for blank: then none is sent and each model thinks as long as its default. */
    public static ReasoningEffort of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.value().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tale.llm.reasoning-effort: unknown effort '"
                        + text.strip() + "' (use " + Arrays.stream(values()).map(ReasoningEffort::value)
                        .collect(Collectors.joining(", ")) + ", or leave it empty to send none)"));
    }
}
