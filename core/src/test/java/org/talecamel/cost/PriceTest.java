package org.talecamel.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTest {

    private static final Price GPT_4O_MINI = new Price("gpt-4o-mini",
            new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60"), "pricing page", "2025-06-01");
    private static final Price GPT_4O_MINI_WITH_BATCH = new Price("gpt-4o-mini",
            new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60"), "pricing page", "2025-06-01",
            new Price.Batch(new BigDecimal("0.075"), new BigDecimal("0.0375"), new BigDecimal("0.30"), "batch page"));
    private static final Price NO_CACHE_PRICE = new Price("gpt-3.5-turbo",
            new BigDecimal("0.50"), null, new BigDecimal("1.50"), "pricing page", "2025-06-01");

    @Test
    void should_charge_prompt_and_completion_tokens_at_their_prices_per_million() {
        // given 1234 prompt and 567 completion tokens: 1234 x 0.15 + 567 x 0.60 = 525.30 per million

        // when
        BigDecimal cost = GPT_4O_MINI.costUsd(1234, 0, 567);

        // then
        assertThat(cost).isEqualByComparingTo("0.0005253");
    }

    @Test
    void should_add_up_exactly_where_doubles_would_drift() {
        // given a price of 0.1 per million, where 3 x 0.1 is not 0.3 in double arithmetic
        Price price = new Price("m", new BigDecimal("0.1"), null, new BigDecimal("0.1"), "", "");

        // when
        BigDecimal cost = price.costUsd(3, 0, 0);

        // then
        assertThat(cost.toPlainString()).isEqualTo("0.0000003");
    }

    @Test
    void should_charge_cached_prompt_tokens_at_the_cached_price_and_the_rest_at_the_input_price() {
        // given 1000 prompt tokens, 400 of them from the cache: 600 x 0.15 + 400 x 0.075 = 120 per million

        // when
        BigDecimal cost = GPT_4O_MINI.costUsd(1000, 400, 0);

        // then
        assertThat(cost).isEqualByComparingTo("0.00012");
    }

    @Test
    void should_charge_cached_tokens_as_input_when_the_model_has_no_cached_price() {
        // given 1000 prompt tokens, 400 cached, at 0.50 per million for all of them

        // when
        BigDecimal cost = NO_CACHE_PRICE.costUsd(1000, 400, 0);

        // then
        assertThat(cost).isEqualByComparingTo("0.0005");
    }

    @Test
    void should_refuse_more_cached_tokens_than_prompt_tokens() {
        assertThatThrownBy(() -> GPT_4O_MINI.costUsd(100, 101, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cached prompt tokens (101) cannot exceed prompt tokens (100)");
    }

    @Test
    void should_refuse_negative_token_counts() {
        assertThatThrownBy(() -> GPT_4O_MINI.costUsd(100, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_charge_a_batched_call_at_the_batch_price() {
        // given 1000 prompt tokens, 400 cached, and 500 completion tokens: 600 x 0.075 + 400 x 0.0375 + 500 x 0.30

        // when
        BigDecimal batch = GPT_4O_MINI_WITH_BATCH.batchCostUsd(1000, 400, 500).orElseThrow();

        // then: 210 per million, half of what the same call costs at the list price
        assertThat(batch).isEqualByComparingTo("0.00021");
        assertThat(GPT_4O_MINI_WITH_BATCH.costUsd(1000, 400, 500)).isEqualByComparingTo("0.00042");
    }

    @Test
    void should_charge_cached_tokens_as_batch_input_when_the_batch_price_has_no_cached_price() {
        // given
        Price claude = new Price("claude-sonnet-4", new BigDecimal("3"), new BigDecimal("0.30"), new BigDecimal("15"),
                "", "", new Price.Batch(new BigDecimal("1.50"), null, new BigDecimal("7.50"), ""));

        // when: 1000 prompt tokens, all cached, at 1.50 per million
        BigDecimal cost = claude.batchCostUsd(1000, 1000, 0).orElseThrow();

        // then
        assertThat(cost).isEqualByComparingTo("0.0015");
    }

    @Test
    void should_know_no_batch_cost_for_a_model_without_a_batch_price() {
        // a batched call of such a model is "batch price unknown": neither free nor the list price
        assertThat(GPT_4O_MINI.batchCostUsd(1000, 0, 500)).isEmpty();
    }
}
