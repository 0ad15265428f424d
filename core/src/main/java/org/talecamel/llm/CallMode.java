package org.talecamel.llm;

import java.util.Locale;

/**
 * How a run's calls reach the endpoint ({@code tale.llm.mode}, env {@code TALE_LLM_MODE}, also a suite's own key).
 */
public enum CallMode {
    /** one by one, each answered in seconds: the chat completions endpoint */
    SYNC,
    /**
     * gathered into batches of the provider's Batch API ({@code /v1/files}, {@code /v1/batches}): answered within
     * its completion window (24 h) at the batch price, half of list at OpenAI
     */
    BATCH;

    public static CallMode of(String value) {
        if (value == null || value.isBlank()) {
            return SYNC;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "sync" -> SYNC;
            case "batch" -> BATCH;
            default -> throw new IllegalArgumentException("tale.llm.mode must be sync (calls one by one) or batch"
                    + " (the provider's Batch API, answered within 24 h at the batch price), was " + value);
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
