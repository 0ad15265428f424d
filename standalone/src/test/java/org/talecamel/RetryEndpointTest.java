package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/** Faults from the endpoint: what is retried, how long it waits, and what the audit shows. */
class RetryEndpointTest {

    private static final String PROBLEM = """
            {"id":"apples","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            """;

    /** A fresh OpenAI-compatible stand-in on loopback for each test. */
    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_wait_as_long_as_retry_after_asks_then_succeed(@TempDir Path root) throws Exception {
        // given: a 429 asking for 1 second, then an answer
        script(aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\"}}"), okResponse());

        // when
        long started = System.nanoTime();
        List<CSVRecord> rows = run(root);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        // then
        assertThat(rows).extracting(r -> r.get("outcome") + ":" + r.get("http_status"))
                .containsExactly("retry:429", "ok:200");
        assertThat(rows.get(0).get("error")).isEqualTo("attempt 1 failed (HTTP 429: Rate limit reached); retried after 1000 ms");
        assertThat(rows.get(1).get("correct")).isEqualTo("true");
        assertThat(seconds).isGreaterThanOrEqualTo(1);
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_retry_500_503_and_a_connection_reset(@TempDir Path root) throws Exception {
        script(aResponse().withStatus(500), aResponse().withStatus(503),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okResponse());

        List<CSVRecord> rows = run(root);

        assertThat(rows).extracting(r -> r.get("outcome") + ":" + r.get("http_status"))
                .containsExactly("retry:500", "retry:503", "retry:", "ok:200");
        assertThat(rows.get(2).get("error")).contains("no response from the endpoint");
    }

    @Test
    void should_not_retry_a_bad_request(@TempDir Path root) throws Exception {
        script(aResponse().withStatus(400).withBody("{\"error\":{\"message\":\"model not found\"}}"), okResponse());

        List<CSVRecord> rows = run(root);

        assertThat(rows).extracting(r -> r.get("outcome") + ":" + r.get("http_status")).containsExactly("error:400");
        assertThat(rows.get(0).get("error")).isEqualTo("HTTP 400: model not found");
        server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_give_up_after_the_configured_attempts(@TempDir Path root) throws Exception {
        script(aResponse().withStatus(503), aResponse().withStatus(503), aResponse().withStatus(503),
                aResponse().withStatus(503), aResponse().withStatus(503));

        List<CSVRecord> rows = run(root);

        assertThat(rows).extracting(r -> r.get("outcome")).containsExactly("retry", "retry", "retry", "error");
        server.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_retry_a_response_slower_than_the_read_timeout(@TempDir Path root) throws Exception {
        // given: the first answer takes 6 s, longer than a read timeout of 1.5 s
        script(okResponse().withFixedDelay(6000), okResponse());

        List<CSVRecord> rows = run(root, PROBLEM, Map.of("tale.llm.read-timeout-ms", "1500"));

        assertThat(rows).extracting(r -> r.get("outcome") + ":" + r.get("http_status")).containsExactly("retry:", "ok:200");
        assertThat(rows.get(0).get("error")).contains("no response from the endpoint", "SocketTimeoutException");
        assertThat(Long.parseLong(rows.get(0).get("latency_ms"))).isBetween(1400L, 5900L);
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_record_malformed_json_and_empty_choices_as_such_and_go_on(@TempDir Path root) throws Exception {
        // given: a body that is not JSON, then one with no choices; neither is retried
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("apples"))
                .willReturn(aResponse().withStatus(200).withBody("{\"choices\": [{\"message\": ")));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("pears"))
                .willReturn(aResponse().withStatus(200).withBody("{\"model\":\"m\",\"choices\":[]}")));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("plums"))
                .willReturn(okResponse()));

        List<CSVRecord> rows = run(root, PROBLEM + PROBLEM.replace("apples", "pears") + PROBLEM.replace("apples", "plums"));

        assertThat(rows).extracting(r -> r.get("problem_id") + ":" + r.get("outcome") + ":" + r.get("error"))
                .containsExactlyInAnyOrder(
                        "apples:error:unusable response body (not JSON): {\"choices\": [{\"message\":",
                        "pears:error:response has no choices: {\"model\":\"m\",\"choices\":[]}",
                        "plums:ok:");
        server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    private List<CSVRecord> run(Path root) throws Exception {
        return run(root, PROBLEM);
    }

    private List<CSVRecord> run(Path root, String problems) throws Exception {
        return run(root, problems, Map.of());
    }

    private List<CSVRecord> run(Path root, String problems, Map<String, String> more) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.methods", "cot", "tale.cache.enabled", "false",
                "tale.llm.retry.attempts", "4", "tale.llm.retry.initial-delay-ms", "20"));
        settings.putAll(more);
        try (TaleTestApp app = TaleTestApp.start(root, settings)) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "problems.jsonl");
            RunOutcome run = app.onlyRun(done);
            return InboxToReportTest.audit(run.audit());
        }
    }

    private static ResponseDefinitionBuilder okResponse() {
        return Completions.answering("3 + 4 = 7. Answer: [[7]]");
    }

    private void script(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("faults")
                    .whenScenarioStateIs(i == 0 ? STARTED : "call " + i).willSetStateTo("call " + (i + 1))
                    .willReturn(responses[i]));
        }
    }
}
