package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
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
}
