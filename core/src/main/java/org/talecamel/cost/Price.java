package org.talecamel.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A model's list price in US dollars per million tokens.
 *
 * @param cachedInputPerMillion null where the vendor has no cached price: cached tokens then cost as input
 * @param source where the price was read, e.g. the vendor's pricing page
 * @param asOf the date the price is from, as written in the table
 */
public record Price(String model, BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion,
                    BigDecimal outputPerMillion, String source, String asOf) {

    public Price {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        source = Objects.requireNonNullElse(source, "");
        asOf = Objects.requireNonNullElse(asOf, "");
    }

    /**
     * The exact cost of one call. {@code promptTokens} includes the cached ones, as OpenAI-compatible endpoints
     * report them ({@code usage.prompt_tokens_details.cached_tokens}). Compare results with {@code compareTo}:
     * the scale follows the prices.
     */
    public BigDecimal costUsd(long promptTokens, long cachedPromptTokens, long completionTokens) {
        if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: prompt " + promptTokens
                    + ", cached " + cachedPromptTokens + ", completion " + completionTokens);
        }
        if (cachedPromptTokens > promptTokens) {
            throw new IllegalArgumentException("cached prompt tokens (" + cachedPromptTokens
                    + ") cannot exceed prompt tokens (" + promptTokens + ")");
        }
        BigDecimal cachedRate = cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
        return BigDecimal.valueOf(promptTokens - cachedPromptTokens).multiply(inputPerMillion)
                .add(BigDecimal.valueOf(cachedPromptTokens).multiply(cachedRate))
                .add(BigDecimal.valueOf(completionTokens).multiply(outputPerMillion))
                .movePointLeft(6);
    }
}
