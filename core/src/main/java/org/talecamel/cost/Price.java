package org.talecamel.cost;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's list price in US dollars per million tokens, and its Batch API price where the table gives one.
 *
 * @param cachedInputPerMillion null where the vendor has no cached price: cached tokens then cost as input
 * @param source where the price was read, e.g. the vendor's pricing page
 * @param asOf the date the price is from, as written in the table
 * @param batch what a call answered in a batch of the vendor's Batch API costs; null when the table gives no batch
 *              price for the model: such a call's cost is then unknown, never the list price
 */
public record Price(String model, BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion,
                    BigDecimal outputPerMillion, String source, String asOf, Batch batch) {

    /**
     * The batch tier of a model's price, per million tokens.
     *
     * @param cachedInputPerMillion null where the table gives no cached batch price: cached tokens then cost as
     *                              batch input
     * @param source where the batch price was read (a pricing page, or the vendor's flat rule)
     */
    public record Batch(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion,
                        String source) {

        public Batch {
            Objects.requireNonNull(inputPerMillion, "inputPerMillion");
            Objects.requireNonNull(outputPerMillion, "outputPerMillion");
            source = Objects.requireNonNullElse(source, "");
        }
    }

    public Price {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        source = Objects.requireNonNullElse(source, "");
        asOf = Objects.requireNonNullElse(asOf, "");
    }

    /** A list price with no batch price. */
    public Price(String model, BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion,
                 BigDecimal outputPerMillion, String source, String asOf) {
        this(model, inputPerMillion, cachedInputPerMillion, outputPerMillion, source, asOf, null);
    }

    /**
     * The exact cost of one call at the list price. {@code promptTokens} includes the cached ones, as
     * OpenAI-compatible endpoints report them ({@code usage.prompt_tokens_details.cached_tokens}). Compare results
     * with {@code compareTo}: the scale follows the prices.
     */
    public BigDecimal costUsd(long promptTokens, long cachedPromptTokens, long completionTokens) {
        return cost(inputPerMillion, cachedInputPerMillion, outputPerMillion,
                promptTokens, cachedPromptTokens, completionTokens);
    }

    /**
     * The exact cost of one call answered in a batch, at the batch price, counted as {@link #costUsd}; empty when
     * the table gives the model no batch price.
     */
    public Optional<BigDecimal> batchCostUsd(long promptTokens, long cachedPromptTokens, long completionTokens) {
        return Optional.ofNullable(batch).map(b -> cost(b.inputPerMillion(), b.cachedInputPerMillion(),
                b.outputPerMillion(), promptTokens, cachedPromptTokens, completionTokens));
    }

    /**
     * The exact cost of one call at the price it is paid: the batch price for a call answered in a batch, else the
     * list price; empty when it came in a batch and the table gives the model no batch price.
     */
    public Optional<BigDecimal> costUsd(boolean inABatch, long promptTokens, long cachedPromptTokens,
                                        long completionTokens) {
        return inABatch ? batchCostUsd(promptTokens, cachedPromptTokens, completionTokens)
                : Optional.of(costUsd(promptTokens, cachedPromptTokens, completionTokens));
    }

    private static BigDecimal cost(BigDecimal input, BigDecimal cachedInput, BigDecimal output,
                                   long promptTokens, long cachedPromptTokens, long completionTokens) {
        if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: prompt " + promptTokens
                    + ", cached " + cachedPromptTokens + ", completion " + completionTokens);
        }
        if (cachedPromptTokens > promptTokens) {
            throw new IllegalArgumentException("cached prompt tokens (" + cachedPromptTokens
                    + ") cannot exceed prompt tokens (" + promptTokens + ")");
        }
        BigDecimal cachedRate = cachedInput == null ? input : cachedInput;
        return BigDecimal.valueOf(promptTokens - cachedPromptTokens).multiply(input)
                .add(BigDecimal.valueOf(cachedPromptTokens).multiply(cachedRate))
                .add(BigDecimal.valueOf(completionTokens).multiply(output))
                .movePointLeft(6);
    }
}
