package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static RateLimitHeaders parse(Map<String, String> headers) {
        return RateLimitHeaders.of(headers::get);
    }

    private static Map<String, String> openAi(String requestsReset, String tokensReset) {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-ratelimit-limit-requests", "3000");
        headers.put("x-ratelimit-remaining-requests", "2999");
        headers.put("x-ratelimit-reset-requests", requestsReset);
        headers.put("x-ratelimit-limit-tokens", "250000");
        headers.put("x-ratelimit-remaining-tokens", "249980");
        headers.put("x-ratelimit-reset-tokens", tokensReset);
        return headers;
    }

    @Test
    void should_read_the_six_headers_openai_sends() {
        RateLimitHeaders heard = parse(openAi("20ms", "4ms"));

        assertThat(heard.requests()).isEqualTo(new RateLimitHeaders.Limit(3000, 2999, Duration.ofMillis(20)));
        assertThat(heard.tokens()).isEqualTo(new RateLimitHeaders.Limit(250000, 249980, Duration.ofMillis(4)));
        assertThat(heard.isEmpty()).isFalse();
    }

    @Test
    void should_read_openai_durations() {
        assertThat(RateLimitHeaders.duration("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(RateLimitHeaders.duration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateLimitHeaders.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RateLimitHeaders.duration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateLimitHeaders.duration("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
        assertThat(RateLimitHeaders.duration("2m29.088s")).isEqualTo(Duration.ofMillis(149_088));
        assertThat(RateLimitHeaders.duration("0s")).isEqualTo(Duration.ZERO);
        assertThat(RateLimitHeaders.duration("150µs")).isEqualTo(Duration.ofNanos(150_000));
        assertThat(RateLimitHeaders.duration(" 0.25 ")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void should_read_an_unreadable_duration_as_none() {
        assertThat(RateLimitHeaders.duration("soon")).isNull();
        assertThat(RateLimitHeaders.duration("1s later")).isNull();
        assertThat(RateLimitHeaders.duration("5x")).isNull();
        assertThat(RateLimitHeaders.duration("")).isNull();
        assertThat(RateLimitHeaders.duration(null)).isNull();
    }

    @Test
    void should_give_none_when_the_endpoint_sends_no_limits() {
        assertThat(parse(Map.of("Content-Type", "application/json"))).isEqualTo(RateLimitHeaders.NONE);
        assertThat(RateLimitHeaders.NONE.isEmpty()).isTrue();
        assertThat(RateLimitHeaders.NONE.resetAfterRefusal()).isEmpty();
    }

    @Test
    void should_leave_out_a_limit_it_cannot_read_and_never_throw() {
        Map<String, String> headers = openAi("20ms", "4ms");
        headers.put("x-ratelimit-limit-tokens", "lots");

        RateLimitHeaders heard = parse(headers);

        assertThat(heard.requests()).isNotNull();
        assertThat(heard.tokens()).isNull();
        assertThat(RateLimitHeaders.of(name -> {
            throw new IllegalStateException("no headers here");
        })).isEqualTo(RateLimitHeaders.NONE);
    }

    @Test
    void should_estimate_an_unreadable_reset_from_the_rate_the_limit_refills() {
        // 3000 a minute, 2970 left: 30 to refill at 50 a second
        Map<String, String> headers = openAi("later", "4ms");
        headers.put("x-ratelimit-remaining-requests", "2970");

        assertThat(parse(headers).requests().reset()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void should_wait_after_a_refusal_for_the_reset_of_the_limit_that_ran_out() {
        Map<String, String> headers = openAi("20ms", "7.5s");
        assertThat(parse(headers).resetAfterRefusal()).contains(Duration.ofMillis(7500));

        headers.put("x-ratelimit-remaining-requests", "0");
        headers.put("x-ratelimit-reset-requests", "1s");
        assertThat(parse(headers).resetAfterRefusal()).contains(Duration.ofSeconds(1));
    }
}
