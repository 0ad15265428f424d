package org.talecamel.run;

import java.math.BigDecimal;

/**
 * Limits that stop a run from sending more once reached ({@code tale.run.max-cost-usd},
 * {@code tale.run.max-output-tokens}); each null when unset. Calls under way finish; nothing new is sent.
 */
public record SpendCap(BigDecimal maxCostUsd, Long maxOutputTokens) {

    public static SpendCap none() {
        return new SpendCap(null, null);
    }

    /** Why the cap is reached, or null while it is not. */
    String reachedBy(long outputTokens, BigDecimal costUsd) {
        if (maxOutputTokens != null && outputTokens >= maxOutputTokens) {
            return "tale.run.max-output-tokens=" + maxOutputTokens + " reached (" + outputTokens + " output tokens)";
        }
        if (maxCostUsd != null && costUsd != null && costUsd.compareTo(maxCostUsd) >= 0) {
            return "tale.run.max-cost-usd=" + maxCostUsd.toPlainString() + " reached ($" + costUsd.toPlainString() + ")";
        }
        return null;
    }
}
