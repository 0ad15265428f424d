package org.talecamel.llm;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker in front of the LLM endpoint; the chat route's {@code circuitBreaker} EIP runs every call
 * through {@link #breaker()}. It judges whole calls, after their retries: after {@code failures} calls in a row that
 * got no response or a 5xx however often they were tried, it opens, and no call is sent for {@code openMs}; then one
 * trial call decides whether it closes again. An attempt that a retry then saved does not count, so a flaky endpoint
 * does not look dead; nor does a 429 or another 4xx: an endpoint that limits its rate or refuses a request is up.
 * <p>
 * While it is open, calls either wait for the endpoint to answer again (the service) or are not sent at all, and the
 * run stops sending ({@code --once}, which then exits with 2).
 */
public final class EndpointCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointCircuit.class);

    /** What a call does while the circuit is open. */
    public enum WhenOpen {
        /** wait, and resume when a trial call gets an answer again */
        WAIT,
        /** give up: the run stops sending */
        STOP
    }

    private final CircuitBreaker breaker;
    private final int failures;
    private final long openMs;
    private final WhenOpen whenOpen;

    public EndpointCircuit(String endpoint, int failures, long openMs, WhenOpen whenOpen) {
        if (failures < 1 || openMs < 1) {
            throw new IllegalArgumentException("tale.llm.circuit.failures and tale.llm.circuit.open-ms must be at least 1");
        }
        this.failures = failures;
        this.openMs = openMs;
        this.whenOpen = whenOpen;
        this.breaker = CircuitBreaker.of("llm-endpoint", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofMillis(openMs))
                .permittedNumberOfCallsInHalfOpenState(1)
                // a call not sent after all is neither a success nor a failure of the endpoint
                .ignoreExceptions(NotSent.class)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN -> LOG.warn("LLM endpoint {} looks down: the circuit is open, nothing is sent for {} ms{}",
                        endpoint, openMs, whenOpen == WhenOpen.STOP
                                ? "; the run stops sending" : "; calls wait and resume when it answers again");
                case HALF_OPEN -> LOG.info("LLM endpoint {}: one trial call to see whether it answers again", endpoint);
                case CLOSED -> LOG.info("LLM endpoint {} answers again: the circuit is closed, calls resume", endpoint);
                default -> { }
            }
        });
    }

    /** The resilience4j circuit breaker the chat route's EIP uses (registry name {@code llmCircuitBreaker}). */
    public CircuitBreaker breaker() {
        return breaker;
    }

    public WhenOpen whenOpen() {
        return whenOpen;
    }

    /** True while calls are not let through: the endpoint looked down, and no trial call has answered yet. */
    public boolean isOpen() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** True when the failure is the circuit refusing a call, not the endpoint failing one. */
    public static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    /** Why calls are not sent, for the audit, the report and the console. */
    public String openReason() {
        return "endpoint down: " + failures + " calls in a row got no response or a 5xx after their retries, so the"
                + " circuit opened (tale.llm.circuit.failures)";
    }

    /** How long a waiting call sleeps before it asks the circuit again. */
    public long pollMs() {
        return Math.min(openMs, 1000);
    }
}
