package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/** tale.llm.max-requests-per-minute holds calls back, however many are allowed in flight. */
class RateLimitEndpointTest {


    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_send_no_more_requests_a_minute_than_configured(@TempDir Path root) throws Exception {
        // given: 13 problems, 8 in flight, at most 600 requests a minute (one every 100 ms)
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(Completions.answering("The answer is [[7]]")));
        String problems = IntStream.rangeClosed(1, 13)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is 3 + 4?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));

        // when
        List<Long> sent;
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.methods", "cot", "tale.concurrency", "8",
                "tale.cache.enabled", "false", "tale.llm.max-requests-per-minute", "600"))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "thirteen.jsonl");
            RunOutcome run = app.onlyRun(done);
            assertThat(run.summary().results().get(0).answered()).isEqualTo(13);
            sent = InboxToReportTest.audit(run.audit()).stream()
                    .map(r -> Instant.parse(r.get("timestamp")).toEpochMilli() - Long.parseLong(r.get("latency_ms")))
                    .sorted().toList();
        }

        // then: one request per 100 ms window, so 13 requests span at least 11 whole windows. (When each was sent is
        // taken from the audit, good to a few milliseconds: the row's time less the call's latency, each in whole
        // milliseconds and taken a moment apart. WireMock's own arrival times bunch up while its server warms up.)
        List<Long> arrivals = sent;
        long slack = 15;
        assertThat(arrivals).hasSize(13);
        assertThat(arrivals.get(12) - arrivals.get(0)).as("arrivals %s", arrivals).isGreaterThanOrEqualTo(1100 - slack);
        // and no 100 ms window had two: any three requests span more than one window
        for (int i = 2; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 2)).as("requests %d to %d", i - 1, i + 1)
                    .isGreaterThan(100 - slack);
        }
    }
}
