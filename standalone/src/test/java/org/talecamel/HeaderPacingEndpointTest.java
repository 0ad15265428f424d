package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/** The endpoint's own x-ratelimit headers pace the calls, with no limit configured. */
class HeaderPacingEndpointTest {

    /** 1,200 requests a minute, enforced as OpenAI does: 20 a second at most. */
    private final TokenBucket limit = new TokenBucket(1200);

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(limit)).build();

    @Test
    void should_keep_to_the_limit_the_endpoint_reports_and_get_few_429s(@TempDir Path root) throws Exception {
        // given: 40 problems, 8 in flight, answers in 20 ms: unpaced, that would be about 300 requests a second
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(Completions.answering("The answer is [[7]]").withFixedDelay(20)));
        String problems = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is 3 + 4?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));

        // when: no tale.llm.max-requests-per-minute
        RunOutcome run;
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.methods", "cot", "tale.concurrency", "8",
                "tale.cache.enabled", "false"))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "forty.jsonl");
            run = app.onlyRun(done);
        }

        // then: every problem answered, and at most one request refused on the way
        assertThat(run.summary().results().get(0).answered()).isEqualTo(40);
        assertThat(limit.refused()).as("429s of %d requests", limit.requests()).isLessThanOrEqualTo(1);
        long retried = InboxToReportTest.audit(run.audit()).stream()
                .filter(r -> r.get("http_status").equals("429")).count();
        assertThat(retried).isEqualTo(limit.refused());
    }

    /**
     * OpenAI's rate limit as a WireMock extension: a token bucket of one second's worth, refilled at the limit a
     * minute / 60 a second. Every answer carries the six x-ratelimit headers; an empty bucket answers 429 with them
     * and no Retry-After.
     */
    static final class TokenBucket implements ResponseDefinitionTransformerV2 {
        private final int perMinute;
        private final double capacity;
        private double level;
        private long at = System.nanoTime();
        private int requests;
        private int refused;

        TokenBucket(int perMinute) {
            this.perMinute = perMinute;
            this.capacity = perMinute / 60.0;
            this.level = capacity;
        }

        @Override
        public synchronized ResponseDefinition transform(ServeEvent event) {
            long now = System.nanoTime();
            level = Math.min(capacity, level + (now - at) * capacity / 1e9);
            at = now;
            requests++;
            boolean room = level >= 1;
            if (room) {
                level -= 1;
            } else {
                refused++;
            }
            ResponseDefinitionBuilder answer = room ? ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    : aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\"}}");
            return answer.withHeader("x-ratelimit-limit-requests", String.valueOf(perMinute))
                    .withHeader("x-ratelimit-remaining-requests", String.valueOf((long) level))
                    .withHeader("x-ratelimit-reset-requests", Math.round((capacity - level) * 1000 / capacity) + "ms")
                    .withHeader("x-ratelimit-limit-tokens", "1000000")
                    .withHeader("x-ratelimit-remaining-tokens", "999000")
                    .withHeader("x-ratelimit-reset-tokens", "60ms")
                    .build();
        }

        synchronized int requests() {
            return requests;
        }

        synchronized int refused() {
            return refused;
        }

        @Override
        public String getName() {
            return "openai-token-bucket";
        }
    }
}
