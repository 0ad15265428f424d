package org.talecamel.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.llm.Attempt;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResponseParser;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.ResponseCache;
import org.talecamel.llm.RetryPolicy;
import org.talecamel.metrics.TaleMetrics;

/**
 * The steps of the chat route around the HTTP call: headers and timing before each attempt, a {@link ChatResult}
 * after it, and whether to try again (429, 5xx, no response) after a backoff.
 */
public final class ChatSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSteps.class);
    private static final String REQUEST = "taleChatRequest";
    private static final String JSON = "taleChatJson";
    private static final String STARTED = "taleChatStarted";
    private static final String ATTEMPTS = "taleChatAttempts";
    private static final String RETRY_AFTER = "taleChatRetryAfter";
    /** Exchange property the chat route's loop reads: true while another attempt is due. */
    public static final String AGAIN = "taleChatAgain";

    private static final String CACHE_KEY = "taleChatCacheKey";
    private static final String BODY = "taleChatResponseBody";
    private static final String IN_FLIGHT = "taleChatInFlight";

    private final String apiKey;
    private final RetryPolicy retry;
    private final ResponseCache cache;
    private final TaleMetrics metrics;

    /** @param cache null when the response cache is off */
    public ChatSteps(String apiKey, RetryPolicy retry, ResponseCache cache, TaleMetrics metrics) {
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.retry = retry;
        this.cache = cache;
        this.metrics = metrics;
    }

    /** Keeps the request (for token counting), the JSON body (for each attempt), and starts the attempt count. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        exchange.setProperty(REQUEST, exchange.getMessage().getMandatoryBody(ChatRequest.class));
        exchange.setProperty(ATTEMPTS, new ArrayList<Attempt>());
        exchange.setProperty(AGAIN, true);
    }

    /**
     * Called once the body is JSON: remembered so each attempt sends the same bytes. A cached response for the same
     * request becomes the result at once, and no call is made.
     */
    public void remember(Exchange exchange) {
        String json = exchange.getMessage().getBody(String.class);
        exchange.setProperty(JSON, json);
        if (cache != null) {
            String key = cache.key(json);
            exchange.setProperty(CACHE_KEY, key);
            boolean answered = cache.get(key).map(body -> {
                ChatResult hit = ChatResponseParser.parse(200, body, 0, exchange.getProperty(REQUEST, ChatRequest.class));
                if (hit.ok()) {
                    exchange.getMessage().setBody(hit.fromCache());
                    exchange.setProperty(AGAIN, false);
                }
                return hit.ok();
            }).orElse(false);
            metrics.cacheLookup(answered);
        }
    }

    /** Sets up one attempt: the JSON body, its headers, the clock. */
    public void send(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty(JSON, String.class));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("Content-Type", "application/json");
        if (!apiKey.isEmpty()) {
            exchange.getMessage().setHeader("Authorization", "Bearer " + apiKey);
        }
        exchange.removeProperty(RETRY_AFTER);
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(IN_FLIGHT, true);
        metrics.callStarted();
    }

    /** Turns the HTTP response (any status) into a result. */
    public ChatResult received(Exchange exchange) {
        ended(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeader("Authorization");
        exchange.setProperty(RETRY_AFTER, exchange.getMessage().getHeader("Retry-After", String.class));
        exchange.setProperty(BODY, body);
        return ChatResponseParser.parse(status == null ? 0 : status, body, elapsedMs(exchange),
                exchange.getProperty(REQUEST, ChatRequest.class));
    }

    /** Turns a failure to get any response (refused, reset, timed out) into a result. */
    public ChatResult failed(Exchange exchange) {
        ended(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getMessage().removeHeader("Authorization");
        String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return ChatResult.failed(0, elapsedMs(exchange), "no response from the endpoint: " + reason);
    }

    /**
     * Decides whether to try again; if so waits (backoff, or the server's Retry-After) and keeps the failed attempt.
     * Returns the result with the earlier failed attempts attached.
     */
    @SuppressWarnings("unchecked")
    public ChatResult decide(Exchange exchange) throws InterruptedException {
        ended(exchange);
        ChatResult result = exchange.getMessage().getBody(ChatResult.class);
        List<Attempt> attempts = exchange.getProperty(ATTEMPTS, List.class);
        int number = attempts.size() + 1;
        if (retry.retryable(result) && number < retry.attempts()) {
            long wait = retry.delayMs(number, exchange.getProperty(RETRY_AFTER, String.class), Instant.now());
            attempts.add(new Attempt(number, result.httpStatus(), result.latencyMs(), result.error(), wait));
            LOG.warn("Call attempt {} of {} failed ({}); retrying in {} ms", number, retry.attempts(), result.error(), wait);
            Thread.sleep(wait);
            exchange.setProperty(AGAIN, true);
        } else {
            exchange.setProperty(AGAIN, false);
            if (cache != null && result.ok()) {
                cache.put(exchange.getProperty(CACHE_KEY, String.class), exchange.getProperty(BODY, String.class));
            }
        }
        return result.afterRetries(attempts);
    }

    /** The attempt is over: counted out of the in-flight gauge once, whichever step sees it end first. */
    private void ended(Exchange exchange) {
        if (exchange.removeProperty(IN_FLIGHT) != null) {
            metrics.callEnded();
        }
    }

    private static long elapsedMs(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }
}
