package org.talecamel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.talecamel.audit.AuditRow;

/** The tale_* meters follow the audit rows: what is a call, what has tokens, what took time. */
class TaleMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TaleMetrics metrics = new TaleMetrics(registry);

    @Test
    void should_count_a_call_with_its_tokens_expense_and_latency() {
        metrics.recorded(call("cot", "answer", 200, 120L, 50, 200, "0.00012", "ok"));

        assertThat(registry.get("tale.llm.calls").tags("method", "cot", "phase", "answer", "status", "200", "outcome", "ok")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("tale.llm.input.tokens").tags("method", "cot", "phase", "answer").counter().count()).isEqualTo(50);
        assertThat(registry.get("tale.llm.output.tokens").tags("method", "cot", "phase", "answer").counter().count()).isEqualTo(200);
        assertThat(registry.get("tale.llm.expense.usd").tags("method", "cot").counter().count()).isEqualTo(0.00012);
        assertThat(registry.get("tale.llm.call").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(120);
    }

    @Test
    void should_count_a_retried_attempt_as_a_call_without_tokens_and_a_failed_one_without_status_as_none() {
        metrics.recorded(call("tale-ep", "estimate", 429, 30L, null, null, null, "retry"));
        metrics.recorded(call("tale-ep", "estimate", null, 5000L, null, null, null, "error"));

        assertThat(registry.get("tale.llm.calls").tags("status", "429", "outcome", "retry").counter().count()).isEqualTo(1);
        assertThat(registry.get("tale.llm.calls").tags("status", "none", "outcome", "error").counter().count()).isEqualTo(1);
        assertThat(registry.get("tale.llm.output.tokens").counter().count()).isZero();
        assertThat(registry.get("tale.llm.call").timer().count()).isEqualTo(2);
    }

    @Test
    void should_leave_a_cached_answer_out_of_the_latencies_but_count_it_and_its_tokens() {
        metrics.recorded(call("cot", "answer", 200, 0L, 50, 200, "0", "cached"));

        assertThat(registry.get("tale.llm.calls").tags("outcome", "cached").counter().count()).isEqualTo(1);
        assertThat(registry.get("tale.llm.output.tokens").counter().count()).isEqualTo(200);
        assertThat(registry.find("tale.llm.call").timer()).isNull();
    }

    @Test
    void should_not_count_rejected_input_or_an_evaluation_not_attempted_as_calls() {
        metrics.recorded(AuditRow.rejected("r", Instant.EPOCH, "f.jsonl", 2, "invalid JSON"));
        metrics.recorded(call("cot", "skipped", null, null, null, null, null, "not-attempted"));

        assertThat(registry.find("tale.llm.calls").counters()).isEmpty();
    }

    @Test
    void should_track_calls_in_flight_cache_lookups_and_estimated_budgets() {
        metrics.callStarted();
        metrics.callStarted();
        metrics.callEnded();
        metrics.cacheLookup(true);
        metrics.cacheLookup(false);
        metrics.budgetEstimated("tale-ep", 42);

        assertThat(registry.get("tale.llm.calls.in.flight").gauge().value()).isEqualTo(1);
        assertThat(registry.get("tale.cache.lookups").counter().count()).isEqualTo(2);
        assertThat(registry.get("tale.cache.hits").counter().count()).isEqualTo(1);
        assertThat(registry.get("tale.budget").summary().totalAmount()).isEqualTo(42);
    }

    private static AuditRow call(String method, String phase, Integer status, Long latencyMs, Integer promptTokens,
                                 Integer completionTokens, String cost, String outcome) {
        return new AuditRow("r", Instant.EPOCH, "f.jsonl", 1, "p1", "f", "gpt-4o-mini", method, phase, null, null, "m", status,
                latencyMs, promptTokens, completionTokens, "usage", "stop", cost == null ? null : new BigDecimal(cost),
                null, null, null, outcome, null, null);
    }
}
