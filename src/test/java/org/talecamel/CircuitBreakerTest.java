package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/** An endpoint that goes down: the circuit opens after a short burst of failures instead of trying every problem. */
class CircuitBreakerTest {

    private static final int PROBLEMS = 40;

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_stop_sending_and_not_complete_when_the_endpoint_stays_down_in_a_single_run(@TempDir Path root)
            throws Exception {
        // given: an endpoint that resets every connection, and a run that stops when the circuit opens (--once)
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // when
        RunOutcome run = run(root, "stop", 2);

        // then: a short burst of calls, then nothing; every problem is in the audit, the rest as not attempted
        int sent = server.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/chat/completions")).build()).getCount();
        assertThat(sent).isBetween(3, 3 + 2 * 2);
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows.stream().map(r -> r.get("problem_id")).collect(Collectors.toSet())).hasSize(PROBLEMS);
        assertThat(rows.stream().filter(r -> r.get("outcome").equals("not-attempted")).count())
                .isGreaterThanOrEqualTo(PROBLEMS - 2);
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("not-attempted"))
                .allSatisfy(r -> assertThat(r.get("error")).contains("endpoint down"));
        assertThat(run.summary().stopped()).startsWith("stopped: endpoint down: 3 calls in a row got no response");
        assertThat(run.summary().endpointDown()).isTrue();
        assertThat(run.completed()).isFalse();
        assertThat(Files.readString(run.reports().get(0))).contains("Run stopped: endpoint down");
    }

    @Test
    void should_wait_while_the_endpoint_is_down_and_resume_when_it_answers_again(@TempDir Path root) throws Exception {
        // given: five 503s in a row (the circuit opens after three), then answers
        for (int i = 0; i < 5; i++) {
            server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("outage")
                    .whenScenarioStateIs(i == 0 ? STARTED : "failed " + i).willSetStateTo("failed " + (i + 1))
                    .willReturn(aResponse().withStatus(503)));
        }
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("outage").whenScenarioStateIs("failed 5")
                .willReturn(Completions.answering("The answer is [[7]]")));

        // when: the service waits while the circuit is open
        RunOutcome run = run(root, "wait", 10);

        // then: every problem got its answer; the circuit kept calls from being sent while it was open
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("ok")).hasSize(PROBLEMS);
        assertThat(rows).noneMatch(r -> r.get("outcome").equals("not-attempted") || r.get("outcome").equals("error"));
        assertThat(run.summary().stopped()).isNull();
        assertThat(run.completed()).isTrue();
        // every problem was answered once, and the outage cost its five 503s, or six: two calls that arrive in the
        // same scenario state at once both get its answer (WireMock's scenarios are not atomic)
        Map<Integer, Long> answered = server.getAllServeEvents().stream()
                .collect(Collectors.groupingBy(e -> e.getResponse().getStatus(), Collectors.counting()));
        assertThat(answered.get(200)).isEqualTo(PROBLEMS);
        assertThat(answered.get(503)).isBetween(5L, 6L);
        assertThat(answered.keySet()).containsOnly(200, 503);
    }

    private RunOutcome run(Path root, String whenOpen, int attempts) throws Exception {
        String problems = IntStream.rangeClosed(1, PROBLEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is 3 + 4?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.methods", "cot", "tale.concurrency", "2",
                "tale.cache.enabled", "false", "tale.llm.retry.attempts", String.valueOf(attempts), "tale.llm.retry.initial-delay-ms", "10",
                "tale.llm.circuit.failures", "3", "tale.llm.circuit.open-ms", "300",
                "tale.llm.circuit.when-open", whenOpen))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "many.jsonl");
            return app.onlyRun(done);
        }
    }
}
