package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void should_show_done_out_of_total_rate_eta_tokens_and_expense() {
        Progress progress = new Progress("r1", 1000, 600, 400, Duration.ofSeconds(10), 123_456, new BigDecimal("0.0421"));

        assertThat(progress.describe())
                .isEqualTo("Run r1: 400/1000 problems (40.0%), 40.0/s, ETA 15 s, 123,456 output tokens, $0.0421 so far");
    }

    @Test
    void should_say_price_unknown_and_leave_out_eta_without_a_rate() {
        Progress progress = new Progress("r1", 0, 0, 0, Duration.ZERO, 0, null);

        assertThat(progress.describe()).isEqualTo("Run r1: 0 problems, 0.0/s, 0 output tokens, price unknown so far");
    }

    @Test
    void should_show_the_pending_batch_and_its_counts_instead_of_a_rate() {
        Instant submitted = Instant.parse("2026-12-03T01:00:00Z");
        BatchStatus collected = new BatchStatus(1, "gpt-4o-mini", "batch_a", "completed", 40, 40, 0, submitted,
                submitted.plusSeconds(600));
        BatchStatus pending = new BatchStatus(2, "gpt-4o-mini", "batch_b", "in_progress", 40, 12, 1, submitted, null);
        Progress progress = new Progress("r1", 40, 40, 0, Duration.ofSeconds(900), 5_000, new BigDecimal("0.0012"),
                List.of(collected, pending));

        assertThat(progress.describe()).isEqualTo("Run r1: 0/40 problems (0.0%), waiting on batch 2 (batch_b)"
                + " in_progress: 12 of 40 answered, 1 failed, 5,000 output tokens, $0.0012 so far");
    }
}
