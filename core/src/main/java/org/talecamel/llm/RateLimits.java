package org.talecamel.llm;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * The endpoint's rate limits from configuration ({@code tale.llm.max-requests-per-minute},
 * {@code tale.llm.max-tokens-per-minute}; 0 = no limit), kept with resilience4j rate limiters. A call waits for its
 * request and its prompt tokens before it is sent, and the answer's tokens are taken after it arrives, so that calls
 * in flight together stay under the limits over any minute. Spread evenly: 600 a minute lets one call go every 100 ms.
 */
public final class RateLimits {

    private static final Duration NO_TIMEOUT = Duration.ofDays(1);

    private final RateLimiter requests;
    private final RateLimiter tokens;
    private final int tokensPerSecond;

    public RateLimits(int requestsPerMinute, int tokensPerMinute) {
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("tale.llm.max-requests-per-minute and tale.llm.max-tokens-per-minute "
                    + "must be 0 (no limit) or more");
        }
        this.requests = requestsPerMinute == 0 ? null : RateLimiter.of("llm-requests", RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofNanos(60_000_000_000L / requestsPerMinute))
                .limitForPeriod(1).timeoutDuration(NO_TIMEOUT).build());
        this.tokensPerSecond = Math.max(1, tokensPerMinute / 60);
        this.tokens = tokensPerMinute == 0 ? null : RateLimiter.of("llm-tokens", RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofSeconds(1)).limitForPeriod(tokensPerSecond)
                .timeoutDuration(NO_TIMEOUT).build());
    }

    public static RateLimits none() {
        return new RateLimits(0, 0);
    }

    /** Waits until the request may be sent. */
    public void beforeSend(ChatRequest request) {
        if (requests != null) {
            requests.acquirePermission();
        }
        if (tokens != null) {
            take(TokenCounter.count(request.promptText()));
        }
    }

    /** Takes the answer's tokens; a call that used many makes the next ones wait. */
    public void afterAnswer(int completionTokens) {
        if (tokens != null && completionTokens > 0) {
            take(completionTokens);
        }
    }

    /** One second's worth at a time: a limiter cannot hand out more than its period holds in one go. */
    private void take(int count) {
        for (int left = count; left > 0; left -= tokensPerSecond) {
            tokens.acquirePermission(Math.min(left, tokensPerSecond));
        }
    }
}
