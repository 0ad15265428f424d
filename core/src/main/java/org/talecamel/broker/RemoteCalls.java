package org.talecamel.broker;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.talecamel.flow.ChatSteps;
import org.talecamel.flow.EvaluationSteps;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.HeaderPacing;
import org.talecamel.llm.Connections;
import org.talecamel.run.Endpoint;
import org.talecamel.llm.ResponseCache;
import org.talecamel.metrics.TaleMetrics;
import org.talecamel.run.Run;
import org.talecamel.run.RunEnding;

/**
 * The coordinator's side of a call (routes/broker.camel.yaml): instead of the HTTP call, the call goes on the calls
 * queue and a worker's answer comes back on this coordinator's answers queue. The run's rate limits are taken here,
 * before the call is queued: one coordinator hands out every call of its runs, so the limits hold for the whole run
 * however many workers make the calls. A usable answer goes into the response cache as it arrives, as a call made
 * here would. So is the pace the endpoint's rate-limit headers ask for: each answer reports them, and the coordinator
 * spaces every worker's calls by them, as one process would.
 */
public final class RemoteCalls {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RemoteCalls.class);

    private static final String STARTED = "taleRemoteStarted";
    private static final String ENDED = "taleRemoteEnded";

    private final BrokerSettings broker;
    private final ChatSteps chat;
    private final ResponseCache cache;
    private final TaleMetrics metrics;
    private final Connections connections;
    private final HeaderPacing pacing;
    /** When each call now out to the workers was queued, by exchange: for {@link #warnIfNoWorkerAnswers}. */
    private final java.util.Map<String, Long> out = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile long lastWarningNanos;

    /**
     * @param cache       null when the response cache is off
     * @param connections the run's endpoint for each model, which a worker's answer must come from
     * @param pacing      the pace the endpoint's rate-limit headers set, as the workers' answers report them
     */
    public RemoteCalls(BrokerSettings broker, ChatSteps chat, ResponseCache cache,
                       TaleMetrics metrics, Connections connections, HeaderPacing pacing) {
        this.connections = connections;
        this.pacing = pacing;
        this.broker = broker;
        this.chat = chat;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * The call message: the request as the endpoint takes it, and the properties that say whose it is. Waits for the
     * run's rate limits first, and for the pace the endpoint's own headers set (as the workers report them), the same
     * wait as a call made here ({@link ChatSteps#awaitTurn}); a call whose run stopped sending meanwhile, or whose
     * circuit opened, is not sent.
     */
    public void dispatch(Exchange exchange) throws InterruptedException {
        chat.awaitTurn(exchange);
        // the run may have stopped sending while the call waited for its turn
        chat.mayGo(exchange);
        ChatRequest request = ChatSteps.request(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(request.json());
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (run != null) {
            exchange.getMessage().setHeader(CallMessages.RUN, run.id());
        }
        exchange.getMessage().setHeader(CallMessages.COORDINATOR, broker.coordinatorId());
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.removeProperty(ENDED);
        out.put(exchange.getExchangeId(), System.nanoTime());
        metrics.callStarted();
    }

    /**
     * A worker's answer: its result, and its response text kept in the response cache when usable. An answer from
     * another endpoint than the run's is a failed call: the report names the run's endpoint, and must be true.
     */
    public ChatResult answered(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        ended(exchange);
        CallMessages.Answer answer = CallMessages.answer(exchange.getMessage().getMandatoryBody(String.class));
        exchange.getMessage().removeHeaders("*");
        String model = ChatSteps.request(exchange).model();
        if (answer.rateLimits() != null) {
            ChatResult result = answer.result();
            pacing.learn(ChatSteps.paceOf(exchange), answer.rateLimits(),
                    result.ok() ? result.promptTokens() + result.completionTokens() : 0);
        }
        String expected = Endpoint.of(connections.of(model), model).identity();
        if (answer.endpoint() != null && !expected.equals(answer.endpoint())) {
            return ChatResult.failed(0, answer.result().latencyMs(), "worker " + answer.worker() + " called "
                    + answer.endpoint() + ", but this run's endpoint for " + model + " is " + expected
                    + ": give the workers the run's provider and base URL (tale.llm.provider, tale.llm.base-url;"
                    + " each keeps its own key); its answer is not used");
        }
        String key = ChatSteps.cacheKey(exchange);
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (cache != null && key != null && run != null && answer.result().ok() && answer.response() != null) {
            cache.put(key, run.id(), answer.response());
        }
        return answer.result();
    }

    /** No answer came: none within {@code tale.broker.call-timeout-ms}, or the broker did not take the call. */
    public ChatResult noAnswer(Exchange exchange) {
        ended(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Long started = exchange.getProperty(STARTED, Long.class);
        long waited = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        if (cause instanceof ExchangeTimedOutException) {
            return ChatResult.failed(0, waited, "no worker answered within " + broker.callTimeoutMs()
                    + " ms (tale.broker.call-timeout-ms): is a worker running (java -jar tale-camel.jar --worker)?");
        }
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String reason = "the broker at " + broker.url() + " cannot take calls ("
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + ")";
        // no call of the run can go out: it stops sending, and says why, rather than failing its calls one by one
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (run != null) {
            run.stop(RunEnding.stopped(RunEnding.Kind.ENDPOINT_DOWN, reason));
        }
        return ChatResult.failed(0, waited, reason);
    }

    /**
     * A call of this coordinator's that the broker gave up on (every delivery failed: a worker threw, or was killed,
     * each time) becomes a failed answer on the answers queue, so that the call waiting for it ends and the run
     * reports it. The message keeps the call's correlation id.
     */
    public void deadLetter(Exchange exchange) {
        String correlation = exchange.getMessage().getHeader("JMSCorrelationID", String.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("JMSCorrelationID", correlation);
        ChatResult failed = ChatResult.failed(0, 0, "dead-lettered: the broker gave up on the call after its"
                + " deliveries (a worker failed or was killed each time); it is in the queue "
                + broker.deadLetterQueue());
        // no endpoint: no worker answered it
        exchange.getMessage().setBody(CallMessages.json(new CallMessages.Answer(failed, null, "broker", null)));
    }

    /**
     * Logs a warning, at most once a minute, while calls wait and no answer has come for {@code quietMs}: no worker
     * may be running, and a run waits {@code tale.broker.call-timeout-ms} for each call before it fails it. Returns
     * whether it warned.
     */
    public boolean warnIfNoWorkerAnswers(long quietMs) {
        long now = System.nanoTime();
        // since the last answer, or since the oldest call waiting was queued, whichever came later
        long since = Math.max(lastAnswerNanos, out.values().stream().mapToLong(Long::longValue).min().orElse(now));
        long quiet = (now - since) / 1_000_000;
        if (out.isEmpty() || quiet < quietMs || (lastWarningNanos != 0 && now - lastWarningNanos < 60_000_000_000L)) {
            return false;
        }
        lastWarningNanos = now;
        LOG.warn("{} call(s) wait on queue {} of {}, and no worker has answered for {} s: is a worker running"
                + " (java -jar tale-camel.jar --worker, with tale.broker.url set)? Each call fails after {} ms"
                + " (tale.broker.call-timeout-ms).", out.size(), broker.callsQueue(), broker.url(), quiet / 1000,
                broker.callTimeoutMs());
        return true;
    }

    private void ended(Exchange exchange) {
        out.remove(exchange.getExchangeId());
        lastAnswerNanos = System.nanoTime();
        if (exchange.getProperty(STARTED) != null && exchange.getProperty(ENDED) == null) {
            exchange.setProperty(ENDED, true);
            metrics.callEnded();
        }
    }
}
