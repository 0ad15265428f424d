package org.talecamel.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to retry a chat call: 429, 5xx and calls that got no response (refused, reset, timed out) are
 * retried with exponential backoff and ±20% jitter, or after the server's {@code Retry-After} when it sends one;
 * other 4xx and unusable bodies are not retried.
 *
 * @param attempts        calls in all, the first included; 1 means no retry
 * @param initialDelayMs  the wait before the second attempt; it doubles each time
 * @param maxDelayMs      no wait is longer, whatever {@code Retry-After} asks
 */
public record RetryPolicy(int attempts, long initialDelayMs, long maxDelayMs) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("tale.llm.retry.attempts must be at least 1, was " + attempts);
        }
    }

    public boolean retryable(ChatResult result) {
        if (result.ok() || result.notSent()) {
            return false;
        }
        int status = result.httpStatus();
        return status == 0 || status == 429 || status >= 500;
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed. */
    public long delayMs(int attempt, String retryAfter, Instant now) {
        Long asked = retryAfterMs(retryAfter, now);
        if (asked != null) {
            return Math.min(Math.max(asked, 0), maxDelayMs);
        }
        double base = initialDelayMs * Math.pow(2, attempt - 1);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return (long) Math.min(base * jitter, maxDelayMs);
    }

    /** {@code Retry-After} as seconds, or as an HTTP date; null when absent or unreadable. */
    static Long retryAfterMs(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Math.round(Double.parseDouble(value) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(now, at).toMillis();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
