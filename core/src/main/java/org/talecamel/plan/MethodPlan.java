package org.talecamel.plan;

import java.math.BigDecimal;

/**
 * What one method would do on one model over the planned problems.
 *
 * @param inputTokens  prompt tokens of all its calls, counted with jtokkit on the prompts it would send
 * @param outputTokens expected output tokens of all its calls, from {@code basis}
 * @param detail       what exactly the basis is ("run 20261202-...", "paper ratio 77/318 of CoT")
 * @param expenseUsd   at the model's list price, every prompt token uncached; null when the price is unknown
 */
public record MethodPlan(String model, String method, long calls, long inputTokens, long outputTokens, Basis basis,
                         String detail, BigDecimal expenseUsd) {
}
