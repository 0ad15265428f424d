package org.talecamel.llm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces calls by the rate limits the endpoint itself reports ({@link RateLimitHeaders}), beside the configured ones
 * ({@link RateLimits}): both are honoured. OpenAI enforces a per-minute limit in small slices (3,000 requests a minute
 * as about 50 a second), so calls are spread evenly, one every minute / limit, never in a burst that the next seconds
 * pay for with 429s. Where the headers say there is little left, calls are spread over what is left until the reset;
 * where they say there is none, no call goes until one request (or a call's tokens) has refilled at limit / 60 s.
 * An endpoint that sends no such headers (vLLM, the simulator) is never waited for.
 *
 * <p>One per process, with a pace for each endpoint and model (OpenAI's limits are per model, Azure's per deployment).
 * What a response reports is as of when its request arrived: calls sent since are not in it, which the even spacing
 * covers. Thread-safe; a call reserves its moment under a lock and sleeps outside it.
 */
public final class HeaderPacing {

    /** Sleeps for the given nanoseconds; tests pass one that only records. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private static final double MINUTE_NANOS = 60e9;

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<String, Pace> paces = new ConcurrentHashMap<>();

    public HeaderPacing() {
        this(System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public HeaderPacing(LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Waits until a call to {@code endpoint} (its URL and model, say) may be sent. */
    public void beforeSend(String endpoint) throws InterruptedException {
        Pace pace = paces.get(endpoint);
        long wait = pace == null ? 0 : pace.reserve(nanoTime.getAsLong());
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /**
     * Learns from one response of {@code endpoint}: its limits, and the tokens the call used (0 when unknown, as for
     * a 429).
     */
    public void learn(String endpoint, RateLimitHeaders headers, int tokensUsed) {
        if (headers.isEmpty()) {
            return;
        }
        paces.computeIfAbsent(endpoint, e -> new Pace()).learn(headers, tokensUsed, nanoTime.getAsLong());
    }

    /** One endpoint's pace: when its next call may go, from the limits its last response reported. */
    private static final class Pace {
        private RateLimitHeaders.Limit requests;
        private RateLimitHeaders.Limit tokens;
        /** A moving average of the tokens a call used: what one call takes of the token limit. */
        private double tokensPerCall;
        /** Nanoseconds between two calls. */
        private long spacing;
        private long next;
        private long blockedUntil;

        /** The wait before a call sent now may go; it takes the moment, so the next call goes one spacing later. */
        synchronized long reserve(long now) {
            long at = Math.max(now, Math.max(next, blockedUntil));
            next = at + spacing;
            return at - now;
        }

        synchronized void learn(RateLimitHeaders headers, int tokensUsed, long now) {
            if (tokensUsed > 0) {
                tokensPerCall = tokensPerCall == 0 ? tokensUsed : 0.8 * tokensPerCall + 0.2 * tokensUsed;
            }
            if (headers.requests() != null) {
                requests = headers.requests();
            }
            if (headers.tokens() != null) {
                tokens = headers.tokens();
            }
            double callTokens = Math.max(1, tokensPerCall);
            spacing = Math.max(spacing(requests, 1), spacing(tokens, callTokens));
            long roomIn = Math.max(roomIn(requests, 1), roomIn(tokens, callTokens));
            if (roomIn > 0) {
                blockedUntil = Math.max(blockedUntil, now + roomIn);
            }
        }

        /**
         * The limit spread over a minute; or, when less is left, what is left spread over the time until the reset
         * (a limit that restores in fixed windows, not continuously).
         */
        private static long spacing(RateLimitHeaders.Limit limit, double cost) {
            if (limit == null) {
                return 0;
            }
            double even = cost * MINUTE_NANOS / limit.perMinute();
            double overWhatIsLeft = limit.remaining() == 0 ? 0 : cost * limit.reset().toNanos() / limit.remaining();
            return Math.round(Math.max(even, overWhatIsLeft));
        }

        /** 0 when a call fits in what is left; else the time for the rest to refill, at most until the reset. */
        private static long roomIn(RateLimitHeaders.Limit limit, double cost) {
            if (limit == null || limit.remaining() >= cost) {
                return 0;
            }
            long refill = Math.round((cost - limit.remaining()) * MINUTE_NANOS / limit.perMinute());
            long reset = limit.reset().toNanos();
            return reset > 0 ? Math.min(refill, reset) : refill;
        }
    }
}
