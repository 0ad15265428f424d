package org.talecamel.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rate limits an endpoint reports on a response, as OpenAI and Azure OpenAI do on every one:
 * {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests}, and
 * the same three for {@code -tokens}. Endpoints that send none (vLLM, the simulator) give {@link #NONE}.
 *
 * @param requests the request limit, or null when the response did not report it readably
 * @param tokens   the token limit, or null likewise
 */
public record RateLimitHeaders(Limit requests, Limit tokens) {

    public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null);

    /** {@code 1h2m3.5s}, {@code 6m0s}, {@code 1.5s}, {@code 20ms}: Go's duration format, which OpenAI writes. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(h|ms|m|s|us|µs|ns)");
    private static final Pattern SECONDS = Pattern.compile("\\d+(?:\\.\\d*)?|\\.\\d+");

    /**
     * One limit as reported.
     *
     * @param perMinute what the limit allows a minute
     * @param remaining what may still be used now (0 or more)
     * @param reset     the time until the limit is fully restored
     */
    public record Limit(long perMinute, long remaining, Duration reset) {
    }

    /**
     * The limits in a response's headers, by name (case as the map looks them up; Camel's ignores it). A limit whose
     * {@code limit} or {@code remaining} is absent or unreadable is left out; an unreadable {@code reset} is taken as
     * the time to refill what is used at the limit's own rate. Never throws.
     */
    public static RateLimitHeaders of(Function<String, String> header) {
        Limit requests = limit(header, "requests");
        Limit tokens = limit(header, "tokens");
        return requests == null && tokens == null ? NONE : new RateLimitHeaders(requests, tokens);
    }

    public boolean isEmpty() {
        return requests == null && tokens == null;
    }

    /**
     * How long a refused call (429) should wait when the server sent no {@code Retry-After}: until the reset of the
     * limit that ran out (the longer, if both did or neither says it did). Empty when no limit was reported.
     */
    public Optional<Duration> resetAfterRefusal() {
        boolean requestsOut = requests != null && requests.remaining() == 0;
        boolean tokensOut = tokens != null && tokens.remaining() == 0;
        Duration wait = null;
        if (requests != null && (requestsOut || !tokensOut)) {
            wait = requests.reset();
        }
        if (tokens != null && (tokensOut || !requestsOut)) {
            wait = wait == null || tokens.reset().compareTo(wait) > 0 ? tokens.reset() : wait;
        }
        return Optional.ofNullable(wait);
    }

    private static Limit limit(Function<String, String> header, String kind) {
        try {
            Long perMinute = count(header.apply("x-ratelimit-limit-" + kind));
            Long remaining = count(header.apply("x-ratelimit-remaining-" + kind));
            if (perMinute == null || remaining == null || perMinute <= 0) {
                return null;
            }
            long left = Math.max(0, Math.min(remaining, perMinute));
            Duration reset = duration(header.apply("x-ratelimit-reset-" + kind));
            if (reset == null) {
                reset = Duration.ofNanos(Math.round((perMinute - left) * 60e9 / perMinute));
            }
            return new Limit(perMinute, left, reset);
        } catch (RuntimeException unreadable) {
            // a header map that cannot be read, or a value that converts badly: no limit, not a failed call
            return null;
        }
    }

    private static Long count(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notWhole) {
            return null;
        }
    }

    /** A Go duration ({@code 1h2m3.5s}), or bare seconds ({@code 1.5}); null when neither. */
    static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (SECONDS.matcher(text).matches()) {
            return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1e9));
        }
        Matcher part = DURATION_PART.matcher(text);
        double nanos = 0;
        int end = 0;
        while (part.lookingAt()) {
            double amount = Double.parseDouble(part.group(1));
            nanos += amount * switch (part.group(2)) {
                case "h" -> 3600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            end = part.end();
            part.region(end, text.length());
        }
        return end == text.length() && end > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
    }
}
