package org.talecamel.batchapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchSettingsTest {

    @Test
    void should_default_to_openais_limits_and_send_the_unanswered_in_the_next_batch() {
        BatchSettings settings = BatchSettings.from(key -> Optional.empty());

        assertThat(settings).isEqualTo(new BatchSettings(30_000, 2_000, 50_000, 200_000_000,
                BatchSettings.Unanswered.BATCH, 2));
    }

    @Test
    void should_read_each_setting() {
        Map<String, String> set = Map.of("tale.batch.poll-ms", "500", "tale.batch.gather-ms", "0",
                "tale.batch.max-requests", "100", "tale.batch.max-bytes", "4096", "tale.batch.unanswered", " Sync ",
                "tale.batch.resends", "0");

        BatchSettings settings = BatchSettings.from(key -> Optional.ofNullable(set.get(key)));

        assertThat(settings).isEqualTo(new BatchSettings(500, 0, 100, 4096, BatchSettings.Unanswered.SYNC, 0));
    }

    @Test
    void should_refuse_an_unknown_policy_or_a_poll_that_would_hammer_the_provider_naming_the_setting() {
        assertThatThrownBy(() -> BatchSettings.from(key -> Optional.ofNullable(
                Map.of("tale.batch.unanswered", "retry").get(key))))
                .hasMessage("tale.batch.unanswered must be batch (into the next batch), sync (sent on its own) or"
                        + " report (a failed call), was retry");
        assertThatThrownBy(() -> BatchSettings.from(key -> Optional.ofNullable(
                Map.of("tale.batch.poll-ms", "10").get(key))))
                .hasMessageStartingWith("tale.batch.*: poll-ms must be at least 100");
        assertThatThrownBy(() -> BatchSettings.from(key -> Optional.ofNullable(
                Map.of("tale.batch.max-requests", "lots").get(key))))
                .hasMessage("tale.batch.max-requests must be a whole number, was lots");
    }
}
