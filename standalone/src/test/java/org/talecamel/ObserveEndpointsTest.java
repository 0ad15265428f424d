package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.talecamel.metrics.PrometheusText;
import org.talecamel.run.RunOutcome;

/**
 * The service's /observe/metrics and /observe/health, over real HTTP on a free port: the tale_* meters add up to the
 * audit (every row that is a call, retried attempts included), and the health says whether the LLM endpoint answers.
 */
class ObserveEndpointsTest {

    private static final Path SAMPLE = Path.of("data-in/samples/gsm8k-style.jsonl");
    // HTTP/1.1 and timeouts: a test's app is gone when the next one starts, perhaps on the same port, and an
    // upgraded HTTP/2 connection kept from before could leave a request waiting for ever
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = """
            {"id":"apples","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            """;

    /** An OpenAI-compatible stand-in on loopback, for the test that needs a fault. */
    @RegisterExtension
    final WireMockExtension endpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_count_in_the_metrics_every_call_and_token_of_the_audit(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(SAMPLE, "gsm8k-style.jsonl");
            RunOutcome run = app.onlyRun(done);
            HttpResponse<String> response = get(app.http("/observe/metrics"));

            // then: valid Prometheus text, with Camel's own meters beside tale's
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            PrometheusText metrics = PrometheusText.parse(response.body());
            assertThat(metrics.families().keySet()).anyMatch(name -> name.startsWith("camel_exchanges"));

            // every call row of the audit (retries included, rejected lines not) is counted, with its tokens and cost
            List<CSVRecord> calls = audit(run.audit()).stream()
                    .filter(r -> !r.get("outcome").equals("rejected") && !r.get("outcome").equals("not-attempted"))
                    .toList();
            assertThat(calls).hasSizeGreaterThanOrEqualTo(60);
            assertThat(metrics.family("tale_llm_calls_total").type()).isEqualTo("counter");
            assertThat(metrics.sum("tale_llm_calls_total")).isEqualTo(calls.size());
            assertThat(metrics.sum("tale_llm_calls_total", l -> l.get("method").equals("tale-ep")
                    && l.get("phase").equals("estimate") && l.get("status").equals("200") && l.get("outcome").equals("ok")))
                    .isEqualTo(count(calls, r -> r.get("method").equals("tale-ep") && r.get("phase").equals("estimate")
                            && r.get("outcome").equals("ok")));
            assertThat(metrics.sum("tale_llm_input_tokens_total")).isEqualTo(sum(calls, "prompt_tokens")).isPositive();
            assertThat(metrics.sum("tale_llm_output_tokens_total")).isEqualTo(sum(calls, "completion_tokens")).isPositive();
            for (String method : List.of("cot", "tale-ep")) {
                List<CSVRecord> ofMethod = calls.stream().filter(r -> r.get("method").equals(method)).toList();
                assertThat(metrics.sum("tale_llm_output_tokens_total", l -> l.get("method").equals(method)))
                        .as(method).isEqualTo(sum(ofMethod, "completion_tokens"));
                assertThat(metrics.sum("tale_llm_expense_usd_total", l -> l.get("method").equals(method)))
                        .as(method).isCloseTo(sum(ofMethod, "cost_usd"), org.assertj.core.data.Offset.offset(1e-12));
            }

            // latency of each call made, a budget per estimate, no call left in flight, each request looked up once
            assertThat(metrics.family("tale_llm_call_seconds").type()).isEqualTo("histogram");
            assertThat(metrics.sum("tale_llm_call_seconds_count")).isEqualTo(count(calls, r -> !r.get("outcome").equals("cached")));
            assertThat(metrics.family("tale_budget_tokens").type()).isEqualTo("histogram");
            assertThat(metrics.sum("tale_budget_tokens_count")).isEqualTo(count(calls, r -> r.get("phase").equals("estimate")
                    && (r.get("outcome").equals("ok") || r.get("outcome").equals("cached"))));
            assertThat(metrics.sum("tale_budget_tokens_bucket", l -> l.get("le").equals("+Inf")))
                    .isEqualTo(metrics.sum("tale_budget_tokens_count"));
            assertThat(metrics.sum("tale_llm_calls_in_flight")).isZero();
            assertThat(metrics.sum("tale_cache_lookups_total")).isEqualTo(count(calls, r -> !r.get("outcome").equals("retry")));
            assertThat(metrics.sum("tale_cache_hits_total")).isEqualTo(count(calls, r -> r.get("outcome").equals("cached")));
        }
    }

    @Test
    void should_count_a_repeated_run_answered_from_the_cache_as_cache_hits(@TempDir Path root) throws Exception {
        // runs share the cache's answers only when told to (by default each run asks again)
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.cache.across-runs", "true"))) {
            // given: the sample has been run once
            NotifyBuilder first = app.whenFileDone("first.jsonl");
            app.drop(SAMPLE, "first.jsonl");
            assertThat(first.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            double sentBefore = PrometheusText.parse(get(app.http("/observe/metrics")).body()).sum("tale_llm_call_seconds_count");

            // when: the same problems come again
            NotifyBuilder second = app.whenFileDone("second.jsonl");
            app.drop(SAMPLE, "second.jsonl");
            assertThat(second.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // then: every request of the second run was a cache hit, no call was made and nothing was paid for it
            PrometheusText metrics = PrometheusText.parse(get(app.http("/observe/metrics")).body());
            List<CSVRecord> secondRun = audit(app.runs().get(1).audit());
            assertThat(secondRun).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("cached"));
            assertThat(metrics.sum("tale_cache_hits_total")).isEqualTo(secondRun.size());
            assertThat(metrics.sum("tale_llm_calls_total", l -> l.get("outcome").equals("cached"))).isEqualTo(secondRun.size());
            assertThat(metrics.sum("tale_llm_call_seconds_count")).isEqualTo(sentBefore);
        }
    }

    @Test
    void should_count_a_retried_attempt_as_a_call_made_with_no_tokens(@TempDir Path root) throws Exception {
        // given: the endpoint fails once with 500, then answers
        endpoint.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willSetStateTo("failed once").willReturn(aResponse().withStatus(500)));
        endpoint.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(Completions.answering("3 + 4 = 7. Answer: [[7]]")));
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", endpoint.baseUrl() + "/v1", "tale.methods", "cot",
                "tale.llm.retry.initial-delay-ms", "20"))) {
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(PROBLEM, "one.jsonl");
            app.onlyRun(done);
            PrometheusText metrics = PrometheusText.parse(get(app.http("/observe/metrics")).body());

            // then: two calls were sent, one request was looked up in the cache, the tokens are the answer's
            assertThat(metrics.sum("tale_llm_calls_total", l -> l.get("status").equals("500") && l.get("outcome").equals("retry")))
                    .isEqualTo(1);
            assertThat(metrics.sum("tale_llm_calls_total", l -> l.get("status").equals("200") && l.get("outcome").equals("ok")))
                    .isEqualTo(1);
            assertThat(metrics.sum("tale_llm_call_seconds_count")).isEqualTo(2);
            assertThat(metrics.sum("tale_cache_lookups_total")).isEqualTo(1);
            assertThat(metrics.sum("tale_llm_input_tokens_total")).isEqualTo(60);
            assertThat(metrics.sum("tale_llm_output_tokens_total")).isEqualTo(12);
            assertThat(metrics.sum("tale_llm_calls_in_flight")).isZero();
        }
    }

    @Test
    void should_be_up_with_the_simulator(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // when
            HttpResponse<String> health = get(app.http("/observe/health"));
            HttpResponse<String> full = get(app.http("/observe/health?exposureLevel=full"));

            // then
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(JSON.readTree(full.body()).path("checks")).anySatisfy(check -> {
                assertThat(check.path("name").asText()).isEqualTo("llm-endpoint");
                assertThat(check.path("status").asText()).isEqualTo("UP");
            }).allSatisfy(check -> assertThat(check.path("status").asText()).isEqualTo("UP"));
        }
    }

    @Test
    void should_report_the_llm_endpoint_down_when_nothing_answers_there(@TempDir Path root) throws Exception {
        // given: an OpenAI-compatible endpoint on a port nothing listens on, with a key and a URL with credentials
        int closed = closedPort();
        String key = "sk-tale-health-test-0123456789abcdef";
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", "http://someone:pass-word@127.0.0.1:" + closed + "/v1?api-key=secret-in-query",
                "tale.llm.api-key", key, "tale.health.llm-timeout-ms", "500"))) {
            // when
            HttpResponse<String> health = get(app.http("/observe/health"));
            HttpResponse<String> everything = get(app.http("/observe/health?exposureLevel=full&data=true&stackTrace=true"));
            HttpResponse<String> live = get(app.http("/observe/health/live"));

            // then: DOWN names the server and the URL it asked, never a credential
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode down = JSON.readTree(health.body());
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("checks")).singleElement().satisfies(check -> {
                assertThat(check.path("name").asText()).isEqualTo("llm-endpoint");
                assertThat(check.path("status").asText()).isEqualTo("DOWN");
                assertThat(check.path("message").asText()).startsWith("no answer from 127.0.0.1:" + closed + " within 500 ms");
            });
            assertThat(JSON.readTree(everything.body()).path("checks"))
                    .filteredOn(check -> check.path("name").asText().equals("llm-endpoint")).singleElement()
                    .satisfies(check -> assertThat(check.path("data").path("url").asText())
                            .isEqualTo("http://127.0.0.1:" + closed + "/v1/models"));
            assertThat(everything.body()).doesNotContain(key, "someone", "pass-word", "secret-in-query");
            // an endpoint that is down makes the service not ready, not dead
            assertThat(live.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_report_the_llm_endpoint_down_when_it_answers_but_refuses_the_key(@TempDir Path root) throws Exception {
        // given: an endpoint that answers GET /models with 401 to the key it gets
        String key = "sk-tale-refused-0123456789abcdef";
        endpoint.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/models"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"Incorrect API key\"}}")));
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", endpoint.baseUrl() + "/v1", "tale.llm.api-key", key))) {
            // when
            HttpResponse<String> health = get(app.http("/observe/health"));
            HttpResponse<String> everything = get(app.http("/observe/health?exposureLevel=full&data=true"));

            // then: not up, saying the key was refused and which setting to change; the key itself nowhere
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(health.body()).path("checks")).singleElement().satisfies(check -> {
                assertThat(check.path("name").asText()).isEqualTo("llm-endpoint");
                assertThat(check.path("status").asText()).isEqualTo("DOWN");
                assertThat(check.path("message").asText()).contains("answered, but refused the API key (HTTP 401)",
                        "tale.llm.api-key", "OPENAI_API_KEY");
            });
            assertThat(JSON.readTree(everything.body()).path("checks"))
                    .filteredOn(check -> check.path("name").asText().equals("llm-endpoint")).singleElement()
                    .satisfies(check -> assertThat(check.path("data").path("state").asText()).isEqualTo("refused-key"));
            assertThat(everything.body()).doesNotContain(key);
            endpoint.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/v1/models"))
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + key)));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void should_log_where_the_dashboard_is_once_the_service_has_started(@TempDir Path root) throws Exception {
        // given: the service's log
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ObserveEndpoints.class);
        logger.addAppender(log);
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // when it has started

            // then: the address to open in a browser, on the port it listens on
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).contains("Dashboard at " + app.http + "/");
            assertThat(get(app.http("/")).statusCode()).isEqualTo(200);
        } finally {
            logger.detachAppender(log);
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long count(List<CSVRecord> rows, java.util.function.Predicate<CSVRecord> which) {
        return rows.stream().filter(which).count();
    }

    /** The sum of a numeric column; empty cells (a failed call, a retried attempt) are 0. */
    private static double sum(List<CSVRecord> rows, String column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> !v.isEmpty()).mapToDouble(Double::parseDouble).sum();
    }

    private static List<CSVRecord> audit(Path file) throws IOException {
        try (var reader = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
