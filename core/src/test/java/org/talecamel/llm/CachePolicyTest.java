package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
    private static final String RUN = "20261202-020000-000-aaaa";
    private static final String LAST_NIGHT = "20261201-020000-000-bbbb";

    @Test
    void should_serve_a_run_only_its_own_answers_by_default() {
        CachePolicy policy = CachePolicy.ownRunOnly();

        assertThat(policy.serves(entry(RUN, NOW.minusSeconds(5)), RUN, NOW)).isTrue();
        assertThat(policy.serves(entry(RUN, NOW.minus(Duration.ofDays(30))), RUN, NOW))
                .as("a run resumed a month after it was killed").isTrue();
        assertThat(policy.serves(entry(LAST_NIGHT, NOW.minusSeconds(5)), RUN, NOW)).isFalse();
        assertThat(policy.serves(entry(null, null), RUN, NOW)).as("an entry from before entries named their run").isFalse();
    }

    @Test
    void should_serve_other_runs_answers_when_told_to_only_while_they_are_young_enough() {
        CachePolicy policy = new CachePolicy(true, Duration.ofHours(24));

        assertThat(policy.serves(entry(LAST_NIGHT, NOW.minus(Duration.ofHours(23))), RUN, NOW)).isTrue();
        assertThat(policy.serves(entry(LAST_NIGHT, NOW.minus(Duration.ofHours(25))), RUN, NOW)).isFalse();
        assertThat(policy.serves(entry(null, null), RUN, NOW)).as("an entry of unknown age").isFalse();
    }

    @Test
    void should_refuse_a_maximum_age_that_is_not_positive() {
        assertThatThrownBy(() -> new CachePolicy(true, Duration.ZERO))
                .hasMessageContaining("tale.cache.max-age-hours must be more than 0");
    }

    private static ResponseCache.Entry entry(String runId, Instant storedAt) {
        return new ResponseCache.Entry("{}", runId, storedAt, false);
    }
}
