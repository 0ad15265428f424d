package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/** The nightly schedule feeds suites through the same flow as the inbox, one run per suite. */
class NightlyScheduleTest {

    @Test
    void should_run_each_suite_when_the_cron_fires_and_index_the_run(@TempDir Path root) throws Exception {
        // given a schedule that fires every 3 seconds, for the shipped samples suite
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.nightly.cron", "0/3 * * * * ?",
                "tale.nightly.suites", "samples"))) {
            NotifyBuilder fired = new NotifyBuilder(app.context()).fromRoute("nightly")
                    .filter(exchange -> exchange.getProperty(Exchange.SPLIT_INDEX) == null).whenDone(1).create();

            // when
            assertThat(fired.matches(60, TimeUnit.SECONDS)).as("the nightly route ran").isTrue();

            // then: one run of the suite, with the suite's own methods and gates, in the run index
            RunOutcome run = app.runs().get(0);
            assertThat(run.suite()).isEqualTo("samples");
            assertThat(run.summary().methods()).containsExactly("cot", "tale-ep", "cod");
            assertThat(run.summary().files()).extracting(f -> f.name())
                    .containsExactly("gsm8k-style.jsonl", "gsm8k-zero-style.jsonl");
            assertThat(run.gates()).extracting(g -> g.name()).contains("min-accuracy.tale-ep");
            JsonNode index = new ObjectMapper().readTree(app.output.resolve("runs/index.json").toFile());
            assertThat(index.get(0).get("suite").asText()).isEqualTo("samples");
            assertThat(index.get(0).get("runId").asText()).isEqualTo(run.summary().runId());
            // the suite's files are read where they are, never moved
            assertThat(Path.of("data-in/samples/gsm8k-style.jsonl")).exists();
        }
    }
}
