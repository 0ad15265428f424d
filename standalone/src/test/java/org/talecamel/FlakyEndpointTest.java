package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/**
 * A flaky endpoint is not a dead one: calls that a retry saved never open the circuit breaker, which judges calls
 * after their retries. Both runs here use the default retry and circuit settings, and stop when the circuit opens, as
 * {@code --once} does.
 */
class FlakyEndpointTest {

    private static final int PROBLEMS = 20;

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(new ThirdTimeLucky())).build();

    @Test
    void should_complete_with_every_answer_when_each_call_succeeds_on_its_third_attempt(@TempDir Path root)
            throws Exception {
        // given: every call gets a 429 (Retry-After: 1), then a 500, then its answer
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(Completions.answering("The answer is [[7]]")
                .withTransformers(ThirdTimeLucky.NAME)));

        // when
        RunOutcome run = run(root, server.baseUrl() + "/v1");

        // then: every problem got its answer, after two retried attempts, and the run completed (exit code 0)
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).filteredOn(r -> !r.get("outcome").equals("retry"))
                .allSatisfy(r -> assertThat(r.get("outcome")).as(r.toString()).isEqualTo("ok"))
                .extracting(r -> r.get("problem_id")).hasSize(PROBLEMS).doesNotHaveDuplicates();
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("retry")).hasSize(2 * PROBLEMS);
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        assertThat(run.exitCode()).isZero();
        Map<Integer, Long> statuses = server.getAllServeEvents().stream()
                .collect(Collectors.groupingBy(e -> e.getResponse().getStatus(), Collectors.counting()));
        assertThat(statuses).containsOnly(entry(429, (long) PROBLEMS), entry(500, (long) PROBLEMS),
                entry(200, (long) PROBLEMS));
    }

    @Test
    void should_still_stop_a_run_within_about_30_seconds_when_the_endpoint_is_really_down(@TempDir Path root)
            throws Exception {
        // given: nothing listens on the endpoint's port
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        // when
        RunOutcome run = run(root, "http://127.0.0.1:" + closedPort + "/v1");

        // then: the run stopped, saying so, well within 30 s (the default retries wait about 7 s per call)
        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.ENDPOINT_DOWN);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(Duration.between(run.summary().startedAt(), run.summary().finishedAt()))
                .isLessThan(Duration.ofSeconds(30));
        assertThat(run.summary().notAttemptedCount()).isPositive();
    }

    private static RunOutcome run(Path root, String baseUrl) throws Exception {
        String problems = IntStream.rangeClosed(1, PROBLEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is " + i + " + 7?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", baseUrl, "tale.methods", "cot", "tale.cache.enabled", "false",
                "tale.llm.circuit.when-open", "stop"))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "flaky.jsonl");
            return app.onlyRun(done, Duration.ofSeconds(90));
        }
    }

    /** Each distinct request gets a 429 with Retry-After: 1 the first time, a 500 the second, its answer after that. */
    private static final class ThirdTimeLucky implements ResponseDefinitionTransformerV2 {
        static final String NAME = "third-time-lucky";
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            int attempt = attempts.computeIfAbsent(serveEvent.getRequest().getBodyAsString(), b -> new AtomicInteger())
                    .incrementAndGet();
            return switch (attempt) {
                case 1 -> ResponseDefinitionBuilder.responseDefinition().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\"}}").build();
                case 2 -> ResponseDefinitionBuilder.responseDefinition().withStatus(500)
                        .withBody("{\"error\":{\"message\":\"The server had an error\"}}").build();
                default -> serveEvent.getResponseDefinition();
            };
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
