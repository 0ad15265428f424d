package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private static ChatRequest promptOf(int words) {
        return new ChatRequest("m", List.of(ChatMessage.user(" word".repeat(words))), 0, null);
    }

    @Test
    void should_spread_requests_evenly_over_the_minute() {
        RateLimits limits = new RateLimits(1200, 0); // one every 50 ms

        long started = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            limits.beforeSend(promptOf(1));
        }
        long ms = (System.nanoTime() - started) / 1_000_000;

        // the first goes at once, the next ten wait their 50 ms each
        assertThat(ms).isGreaterThanOrEqualTo(450);
    }

    @Test
    void should_hold_a_call_back_until_the_tokens_of_earlier_calls_fit_in_the_minute() {
        RateLimits limits = new RateLimits(0, 6000); // 100 tokens a second
        ChatRequest hundredTokens = promptOf(100);
        assertThat(TokenCounter.count(hundredTokens.promptText())).isBetween(100, 102);

        long started = System.nanoTime();
        limits.beforeSend(hundredTokens);
        limits.afterAnswer(100);
        limits.beforeSend(hundredTokens);
        long ms = (System.nanoTime() - started) / 1_000_000;

        // 300 tokens at 100 a second: the third hundred cannot go before 2 s have passed
        assertThat(ms).isGreaterThanOrEqualTo(1900);
    }

    @Test
    void should_not_wait_without_limits() {
        RateLimits limits = RateLimits.none();
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            limits.beforeSend(promptOf(100));
            limits.afterAnswer(1000);
        }
        // limited to anything, 1,000 calls of 1,100 tokens would take minutes
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
    }

    @Test
    void should_refuse_negative_limits() {
        assertThatThrownBy(() -> new RateLimits(-1, 0)).hasMessageContaining("tale.llm.max-requests-per-minute");
    }
}
