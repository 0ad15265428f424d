package org.talecamel.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.llm.Attempt;
import org.talecamel.llm.CachePolicy;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResponseParser;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.Connection;
import org.talecamel.llm.Connections;
import org.talecamel.llm.EndpointCircuit;
import org.talecamel.llm.EndpointFailure;
import org.talecamel.llm.HeaderPacing;
import org.talecamel.llm.KeyRefusal;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.NotSent;
import org.talecamel.llm.ParameterRefusal;
import org.talecamel.llm.RateLimitHeaders;
import org.talecamel.llm.RateLimits;
import org.talecamel.llm.ResponseCache;
import org.talecamel.llm.RetryPolicy;
import org.talecamel.metrics.TaleMetrics;
import org.talecamel.run.Run;
import org.talecamel.run.RunEnding;

/**
 * The steps of the chat route around the HTTP call: the URL and key of its {@link Connection}, headers and timing
 * before each attempt, a {@link ChatResult}
 * after it, and whether to try again (429, 5xx, no response) after a backoff. The circuit breaker judges whole calls,
 * after their retries: while it is open, a call waits for it to close, or is not sent at all
 * ({@link EndpointCircuit.WhenOpen}). A call of a run that stopped sending is not sent either.
 */
public final class ChatSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSteps.class);
    private static final String REQUEST = "taleChatRequest";
    private static final String JSON_BODY = "taleChatJson";
    private static final String TIMER = "taleChatTimer";
    private static final String ATTEMPTS = "taleChatAttempts";
    private static final String RETRY_AFTER = "taleChatRetryAfter";
    /** Exchange property the chat route's outer loop reads: true while the call is still to be made. */
    public static final String CALL = "taleChatCall";
    /** Exchange property the chat route's attempt loop reads: true while another attempt is due. */
    public static final String AGAIN = "taleChatAgain";
    /** Exchange property the chat route sends the call to: its connection's chat URL, without the query. */
    public static final String URL = "taleChatUrl";

    /** Exchange property the chat route reads: true when the call goes in a batch ({@code tale.llm.mode=batch}). */
    public static final String BATCH = "taleChatBatch";

    private static final String CACHE_KEY = "taleChatCacheKey";
    private static final String CONNECTION = "taleChatConnection";
    private static final String RESPONSE = "taleChatResponse";
    private static final String RATE_LIMITS = "taleChatRateLimits";

    private final Connections connections;
    private final RetryPolicy retry;
    private final ResponseCache cache;
    private final CachePolicy cachePolicy;
    private final EndpointCircuit circuit;
    private final RateLimits limits;
    private final HeaderPacing pacing;
    private final TaleMetrics metrics;
    private final ModelTable models;

    /**
     * @param connections where each model's calls go, and the key they carry
     * @param cache       null when the response cache is off
     * @param cachePolicy which of its answers a run may use
     * @param pacing      the pace the endpoint's own rate-limit headers set, beside the configured {@code limits}
     * @param models      the table a refused parameter's message names the row of
     */
    public ChatSteps(Connections connections, RetryPolicy retry, ResponseCache cache, CachePolicy cachePolicy,
                     EndpointCircuit circuit, RateLimits limits, HeaderPacing pacing, TaleMetrics metrics,
                     ModelTable models) {
        this.connections = connections;
        this.retry = retry;
        this.cache = cache;
        this.cachePolicy = cachePolicy;
        this.circuit = circuit;
        this.limits = limits;
        this.pacing = pacing;
        this.metrics = metrics;
        this.models = models;
    }

    /**
     * Keeps the request (for token counting) and its JSON body as the endpoint takes it (the same bytes for each
     * attempt), sets the URL it goes to, and starts the attempt count. A cached response for the same request becomes the result at once, and no call is made; so does
     * "not sent" when the call's run has stopped sending.
     */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        ChatRequest request = exchange.getMessage().getMandatoryBody(ChatRequest.class);
        // the model's own endpoint, where it has one
        Connection connection = connections.of(request.model());
        exchange.setProperty(CONNECTION, connection);
        String json = connection.body(request.json());
        exchange.setProperty(URL, connection.chatAddress());
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(JSON_BODY, json);
        exchange.setProperty(ATTEMPTS, new ArrayList<Attempt>());
        exchange.setProperty(CALL, true);
        exchange.setProperty(AGAIN, true);
        exchange.setProperty(TIMER, new CallTimer());
        // an exchange makes a method's calls one after another: nothing of its last call's way is kept
        exchange.setProperty(BATCH, false);
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (run != null && run.isStopped()) {
            answered(exchange, ChatResult.notSent(notSent(run)));
            return;
        }
        if (cache != null && run != null) {
            // only a run's calls are kept: the budget service's are one-off questions, asked each time
            String key = connection == connections.fallback() ? cache.key(json)
                    : cache.key(connection.cacheScope(), json);
            exchange.setProperty(CACHE_KEY, key);
            boolean answered = cache.get(key).filter(entry -> cachePolicy.serves(entry, run.id(), Instant.now()))
                    .map(entry -> {
                        ChatResult hit = ChatResponseParser.parse(200, entry.response(), 0, request);
                        if (hit.ok()) {
                            answered(exchange, hit.fromCache("first asked by run " + entry.runId() + " at "
                                    + entry.storedAt() + (entry.inABatch() ? ", answered in a batch" : ""),
                                    entry.inABatch()));
                        }
                        return hit.ok();
                    }).orElse(false);
            metrics.cacheLookup(answered);
        }
        // batch mode: a run's call that no cache answered goes in a batch (routes/llm.camel.yaml)
        exchange.setProperty(BATCH, run != null && run.settings().batched()
                && exchange.getProperty(CALL, false, Boolean.class));
    }

    /** Why a call of a run that stopped sending is not sent, for its audit row. */
    public static String notSent(Run run) {
        return "not sent: the run " + run.stopReason();
    }

    /** The call is answered, and no HTTP call is made: from the response cache, or by a batch. */
    public static void answered(Exchange exchange, ChatResult result) {
        exchange.getMessage().setBody(result);
        exchange.setProperty(CALL, false);
        exchange.setProperty(AGAIN, false);
    }

    /**
     * Sets up one attempt, once the rate limits let it go: the JSON body, its headers and the URL's query. A call whose run stopped
     * sending while it waited for its place, or whose circuit opened meanwhile, is not sent after all.
     */
    public void send(Exchange exchange) throws InterruptedException {
        awaitTurn(exchange);
        exchange.getMessage().setBody(exchange.getProperty(JSON_BODY, String.class));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("Content-Type", "application/json");
        Connection connection = connectionOf(exchange);
        if (connection.chatQuery() != null) {
            // the query (Azure's api-version) apart from the endpoint's URI, whose options the route sets
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, connection.chatQuery());
        }
        if (connection.keySent()) {
            exchange.getMessage().setHeader(connection.keyHeader(), connection.keyValue());
        }
        exchange.removeProperty(RETRY_AFTER);
        exchange.setProperty(TIMER, new CallTimer());
    }

    /**
     * Waits until the call may go: it may be sent at all ({@link #mayGo}), then the configured rate limits and the
     * pace of the endpoint's rate-limit headers let it. The coordinator's wait before it hands a call to a worker too.
     */
    public void awaitTurn(Exchange exchange) throws InterruptedException {
        mayGo(exchange);
        limits.beforeSend(exchange.getProperty(REQUEST, ChatRequest.class));
        pacing.beforeSend(paceOf(exchange));
    }

    /**
     * Throws {@link NotSent} when the call must not go out after all: its run stopped sending, or (before its first
     * attempt) the circuit is open. Also the coordinator's check before it hands a call to a worker.
     */
    @SuppressWarnings("unchecked")
    public void mayGo(Exchange exchange) {
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (run != null && run.isStopped()) {
            throw new NotSent(notSent(run));
        }
        if (exchange.getProperty(ATTEMPTS, List.class).isEmpty() && circuit.isOpen()) {
            throw new NotSent("not sent: " + circuit.openReason());
        }
    }

    /** The call's request ({@link #prepare}). */
    public static ChatRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, ChatRequest.class);
    }

    /** The call's key in the response cache; null when the cache is off or the call is not a run's. */
    public static String cacheKey(Exchange exchange) {
        return exchange.getProperty(CACHE_KEY, String.class);
    }

    /** The endpoint's response text of a usable answer ({@link #received}), which a worker sends back; else null. */
    public static String responseText(Exchange exchange) {
        return exchange.getProperty(RESPONSE, String.class);
    }

    /** The rate limits the endpoint's last response reported ({@link #received}), which a worker sends back. */
    public static RateLimitHeaders rateLimits(Exchange exchange) {
        return exchange.getProperty(RATE_LIMITS, RateLimitHeaders.class);
    }

    /**
     * The attempt goes out now: the circuit let its call through and it is one of the {@code tale.concurrency} in
     * flight. Its latency is counted from here, not from the wait for a place.
     */
    public void sending(Exchange exchange) {
        exchange.getProperty(TIMER, CallTimer.class).start();
        metrics.callStarted();
    }

    /** Turns the HTTP response (any status) into a result; a usable one is kept in the response cache at once. */
    public ChatResult received(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeader(connectionOf(exchange).keyHeader());
        String retryAfter = exchange.getMessage().getHeader("Retry-After", String.class);
        RateLimitHeaders heard = RateLimitHeaders.of(name -> exchange.getMessage().getHeader(name, String.class));
        if (retryAfter == null && status != null && status == 429) {
            // no Retry-After: the refused call waits for the reset its limit reported (as seconds, as Retry-After)
            retryAfter = heard.resetAfterRefusal().map(reset -> String.valueOf(reset.toMillis() / 1000.0)).orElse(null);
        }
        exchange.setProperty(RETRY_AFTER, retryAfter);
        ChatResult result = ChatResponseParser.parse(status == null ? 0 : status, body, elapsedMs(exchange),
                exchange.getProperty(REQUEST, ChatRequest.class));
        pacing.learn(paceOf(exchange), heard, result.ok() ? result.promptTokens() + result.completionTokens() : 0);
        exchange.setProperty(RATE_LIMITS, heard);
        exchange.setProperty(RESPONSE, result.ok() ? body : null);
        String key = exchange.getProperty(CACHE_KEY, String.class);
        if (cache != null && result.ok() && key != null) {
            // kept before the call gives up its place, so a kill loses at most the calls in flight
            cache.put(key, exchange.getProperty(EvaluationSteps.RUN, Run.class).id(), body);
        }
        return result;
    }

    /** The result of an attempt that got no response at all (refused, reset, timed out). */
    public ChatResult noResponse(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getMessage().removeHeader(connectionOf(exchange).keyHeader());
        String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return ChatResult.failed(0, elapsedMs(exchange), "no response from the endpoint: " + reason);
    }

    /**
     * After an attempt: whether to try again (429, 5xx, no response, while attempts are left, and while its run still
     * sends: a run stopping does not wait for a backoff). If so, waits (backoff, or the server's Retry-After) and
     * keeps the failed attempt.
     */
    @SuppressWarnings("unchecked")
    public ChatResult retry(@Body ChatResult result, Exchange exchange) throws InterruptedException {
        ended(exchange);
        List<Attempt> attempts = exchange.getProperty(ATTEMPTS, List.class);
        int number = attempts.size() + 1;
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (retry.retryable(result) && number < retry.attempts() && (run == null || !run.isStopped())) {
            long wait = retry.delayMs(number, exchange.getProperty(RETRY_AFTER, String.class), Instant.now());
            attempts.add(new Attempt(number, result.httpStatus(), result.latencyMs(), result.error(), wait));
            LOG.warn("Call attempt {} of {} failed ({}); retrying in {} ms", number, retry.attempts(), result.error(), wait);
            Thread.sleep(wait);
            exchange.setProperty(AGAIN, true);
        } else {
            exchange.setProperty(AGAIN, false);
        }
        return result;
    }

    /**
     * The call is over, its retries spent, and it still holds its place. A call the endpoint refused for its key
     * counts towards stopping the run, before another call can take the place; one that it refused a parameter of
     * stops the run at once. If the endpoint failed the call (no
     * response, a 5xx), that is thrown as an {@link EndpointFailure}, for the circuit breaker to count;
     * {@link #notThrough} gives its result back.
     */
    public ChatResult settle(@Body ChatResult result, Exchange exchange) {
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (run != null) {
            if (KeyRefusal.is(result)) {
                run.callRefused(KeyRefusal.reason(result, connectionOf(exchange), Run.REFUSALS_TO_STOP));
            } else if (ParameterRefusal.parameter(result).isPresent()) {
                // one is enough: every call of the model sends the same parameters
                String model = exchange.getProperty(REQUEST, ChatRequest.class).model();
                run.stop(RunEnding.stopped(RunEnding.Kind.PARAMETER_REFUSED,
                        ParameterRefusal.reason(result, model, models.of(model))));
            } else if (result.httpStatus() > 0) {
                run.callAnswered();
            }
        }
        if (EndpointFailure.failedBy(result)) {
            throw new EndpointFailure(result);
        }
        return result;
    }

    /** The result of a call that did not come through the circuit breaker: failed by the endpoint, or not let in. */
    public ChatResult notThrough(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        EndpointFailure failure = EndpointFailure.in(cause);
        if (failure != null) {
            return failure.result();
        }
        NotSent notSent = NotSent.in(cause);
        if (notSent != null) {
            return ChatResult.notSent(notSent.getMessage());
        }
        if (EndpointCircuit.refused(cause)) {
            return ChatResult.notSent("not sent: " + circuit.openReason());
        }
        while (cause instanceof org.apache.camel.RuntimeCamelException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return ChatResult.failed(0, elapsedMs(exchange), "the call could not be made: "
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage()));
    }

    /**
     * Decides whether the call is done. While the circuit is open, the service's calls wait and ask it again, and in
     * a single run ({@code --once}) the run stops: it cannot complete. Returns the result with the earlier failed
     * attempts attached.
     */
    @SuppressWarnings("unchecked")
    public ChatResult decide(Exchange exchange) throws InterruptedException {
        ChatResult result = exchange.getMessage().getBody(ChatResult.class);
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        boolean stopped = run != null && run.isStopped();
        if (result.notSent() && exchange.getProperty(CALL, false, Boolean.class) && !stopped) {
            // the circuit kept it back: the endpoint never saw it
            if (circuit.whenOpen() == EndpointCircuit.WhenOpen.WAIT) {
                Thread.sleep(circuit.pollMs());
                exchange.setProperty(AGAIN, true);
                return result;
            }
            if (run != null) {
                // a worker's circuit, when this coordinator's own is closed: the worker said why
                run.stop(RunEnding.stopped(RunEnding.Kind.ENDPOINT_DOWN,
                        circuit.isOpen() ? circuit.openReason() : result.error().replaceFirst("^not sent: ", "")));
            }
        }
        exchange.setProperty(CALL, false);
        exchange.setProperty(AGAIN, false);
        limits.afterAnswer(result.completionTokens());
        List<Attempt> attempts = exchange.getProperty(ATTEMPTS, List.class);
        // a worker's answer comes with the attempts it made
        return attempts.isEmpty() ? result : result.afterRetries(attempts);
    }

    /** The attempt is over: counted out of the in-flight gauge if it went out. Only {@link #retry} calls it. */
    private void ended(Exchange exchange) {
        if (exchange.getProperty(TIMER, CallTimer.class).stop()) {
            metrics.callEnded();
        }
    }

    /** The connection the call goes by: its model's ({@link #prepare}). */
    private Connection connectionOf(Exchange exchange) {
        Connection connection = connection(exchange);
        return connection == null ? connections.fallback() : connection;
    }

    /** The connection of the call's model ({@link #prepare}). */
    public static Connection connection(Exchange exchange) {
        return exchange.getProperty(CONNECTION, Connection.class);
    }

    /**
     * Whose pace a call keeps: its endpoint's and model's (OpenAI's limits are per model, Azure's per deployment).
     * Also the pace a coordinator keeps for the calls it hands to workers.
     */
    public static String paceOf(Exchange exchange) {
        return exchange.getProperty(URL, String.class) + " " + exchange.getProperty(REQUEST, ChatRequest.class).model();
    }

    private static long elapsedMs(Exchange exchange) {
        return exchange.getProperty(TIMER, CallTimer.class).elapsedMs();
    }

    /**
     * When one attempt went out. The steps inside the circuit breaker run on a copy of the exchange, and a copy's
     * properties do not come back when its call throws, so the copy and the original share this one object.
     */
    private static final class CallTimer {
        private volatile long started;
        private volatile boolean running;

        void start() {
            started = System.nanoTime();
            running = true;
        }

        /** 0 when the call never went out (the circuit refused it). */
        long elapsedMs() {
            return started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        }

        /** Whether it was running, that is, whether this stop ends an attempt in flight. */
        boolean stop() {
            boolean was = running;
            running = false;
            return was;
        }
    }
}
