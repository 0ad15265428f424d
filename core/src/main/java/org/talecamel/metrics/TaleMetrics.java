package org.talecamel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.talecamel.audit.AuditRow;

/**
 * tale-camel's own meters, on the registry that {@code /observe/metrics} scrapes. Calls, tokens, expense and latency
 * are counted from the audit rows as they are written ({@link #recorded}), so the counters and audit.csv cannot
 * disagree; in-flight calls, cache look-ups and estimated budgets come from the steps that see them.
 *
 * <p>What counts as a call: every audit row except a rejected input and an evaluation not attempted (spend cap).
 * That includes {@code outcome=retry} rows (a failed attempt that was sent, tried again) and {@code outcome=cached}
 * rows (answered from the response cache; their tokens count as in the audit and the report, their expense is 0, and
 * they are left out of the latency histogram because no call was made).
 */
public final class TaleMetrics {

    /** Buckets of the budget histogram: budgets are tokens, from a few to a few thousand. */
    private static final double[] BUDGET_BUCKETS = {8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192};

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter cacheLookups;
    private final Counter cacheHits;

    public TaleMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("tale.llm.calls.in.flight", inFlight, AtomicInteger::get)
                .description("LLM calls sent and not yet answered").register(registry);
        cacheLookups = Counter.builder("tale.cache.lookups")
                .description("requests looked up in the response cache").register(registry);
        cacheHits = Counter.builder("tale.cache.hits")
                .description("requests answered from the response cache, not sent").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts an audit row that is a call (see the class comment); rejections and skipped evaluations are not. */
    public void recorded(AuditRow row) {
        String outcome = row.outcome();
        if (row.method() == null || "rejected".equals(outcome) || "not-attempted".equals(outcome)) {
            return;
        }
        String method = row.method();
        String phase = row.phase();
        Counter.builder("tale.llm.calls").description("LLM calls, one per audit row")
                .tags("method", method, "phase", phase,
                        "status", row.httpStatus() == null ? "none" : row.httpStatus().toString(), "outcome", outcome)
                .register(registry).increment();
        Counter.builder("tale.llm.input.tokens").description("prompt tokens, as in the audit's prompt_tokens")
                .tags("method", method, "phase", phase)
                .register(registry).increment(row.promptTokens() == null ? 0 : row.promptTokens());
        Counter.builder("tale.llm.output.tokens").description("completion tokens, as in the audit's completion_tokens")
                .tags("method", method, "phase", phase)
                .register(registry).increment(row.completionTokens() == null ? 0 : row.completionTokens());
        Counter.builder("tale.llm.expense.usd")
                .description("expense in USD, as in the audit's cost_usd (batched answers at batch prices)")
                .tags("method", method)
                .register(registry).increment(row.costUsd() == null ? 0 : row.costUsd().doubleValue());
        if (!"cached".equals(outcome) && row.latencyMs() != null) {
            Timer.builder("tale.llm.call").description("latency of LLM calls (each attempt)")
                    .tags("method", method, "phase", phase)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry).record(Duration.ofMillis(row.latencyMs()));
        }
    }

    /** A budget the TALE-EP estimator gave (not a fallback). */
    public void budgetEstimated(String method, int budget) {
        DistributionSummary.builder("tale.budget").baseUnit("tokens")
                .description("token budgets given by the TALE-EP estimator")
                .tags("method", method)
                .serviceLevelObjectives(BUDGET_BUCKETS)
                .register(registry).record(budget);
    }

    public void callStarted() {
        inFlight.incrementAndGet();
    }

    public void callEnded() {
        inFlight.decrementAndGet();
    }

    /** A request looked up in the response cache; {@code hit} when it was answered from it. */
    public void cacheLookup(boolean hit) {
        cacheLookups.increment();
        if (hit) {
            cacheHits.increment();
        }
    }
}
