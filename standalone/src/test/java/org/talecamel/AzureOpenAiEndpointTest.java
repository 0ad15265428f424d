package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/**
 * Azure OpenAI (WireMock on loopback in its place): the deployment's path, the api-version in the query and the key
 * in the {@code api-key} header are what arrive; its v1 API too; a refused key names Azure's key setting; and the key
 * is written nowhere.
 */
class AzureOpenAiEndpointTest {

    private static final String KEY = "azure-FAKE-key-recognisable-9d41c0e7";
    private static final String DEPLOYMENT_PATH = "/openai/deployments/prod-4o-mini/chat/completions?api-version=2024-10-21";
    private static final String PROBLEMS = """
            {"id":"p1","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"7"}
            {"id":"p2","question":"Sam has 10 pens and loses 2. How many pens are left?","answer":"8"}
            """;

    @RegisterExtension
    final WireMockExtension azure = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_call_the_deployment_with_its_api_version_and_the_key_in_the_api_key_header(@TempDir Path root)
            throws Exception {
        // given: only the deployment's exact URL answers
        azure.stubFor(post(urlEqualTo(DEPLOYMENT_PATH)).willReturn(Completions.answering("3 + 4 = 7. Answer: [[7]]")));
        ListAppender<ILoggingEvent> log = logged();

        // when
        RunOutcome run;
        try {
            run = TaleTestApp.runOne(root, settings(Map.of("tale.llm.azure.api-version", "2024-10-21")), "two.jsonl",
                    PROBLEMS);
        } finally {
            root().detachAppender(log);
        }

        // then: both calls went there, the query as given, the key in api-key and no bearer token, the body naming
        // the configured model
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        azure.verify(2, postRequestedFor(urlEqualTo(DEPLOYMENT_PATH))
                .withQueryParam("api-version", equalTo("2024-10-21"))
                .withHeader("api-key", equalTo(KEY))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
        assertThat(azure.findAll(anyRequestedFor(anyUrl()))).allSatisfy(request -> assertThat(request.getUrl())
                .isEqualTo(DEPLOYMENT_PATH));
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("ok"));

        // and the reports say which provider and deployment, the model for prices, and no key
        JsonNode endpoint = new ObjectMapper().readTree(run.directory().resolve("summary.json").toFile()).path("endpoint");
        assertThat(endpoint.path("provider").asText()).isEqualTo("azure");
        assertThat(endpoint.path("deployment").asText()).isEqualTo("prod-4o-mini");
        assertThat(endpoint.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(endpoint.path("baseUrl").asText()).isEqualTo(azure.baseUrl());
        assertThat(Files.readString(run.reports().get(0)))
                .contains("gpt-4o-mini at " + azure.baseUrl() + " (azure, deployment prod-4o-mini)");
        assertKeyNowhere(root, log);
    }

    @Test
    void should_call_azures_v1_api_with_the_deployment_as_the_model_and_no_api_version(@TempDir Path root)
            throws Exception {
        // given
        azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions"))
                .willReturn(Completions.answering("3 + 4 = 7. Answer: [[7]]")));

        // when: the v1 API named by its base URL, as Azure's examples give it
        RunOutcome run = TaleTestApp.runOne(root, settings(Map.of("tale.llm.base-url", azure.baseUrl() + "/openai/v1/")),
                "two.jsonl", PROBLEMS);

        // then
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        azure.verify(2, postRequestedFor(urlEqualTo("/openai/v1/chat/completions"))
                .withHeader("api-key", equalTo(KEY))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("prod-4o-mini"))));
        // prices and reports keep the model the deployment runs
        JsonNode endpoint = new ObjectMapper().readTree(run.directory().resolve("summary.json").toFile()).path("endpoint");
        assertThat(endpoint.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(endpoint.path("deployment").asText()).isEqualTo("prod-4o-mini");
        assertThat(endpoint.path("baseUrl").asText()).isEqualTo(azure.baseUrl());
    }

    @Test
    void should_refuse_to_start_without_a_deployment_naming_the_setting(@TempDir Path root) {
        Map<String, String> settings = settings(Map.of("tale.llm.azure.api-version", "2024-10-21"));
        settings.put("tale.llm.azure.deployment", "");

        assertThatThrownBy(() -> TaleTestApp.start(root, settings))
                .hasStackTraceContaining("tale.llm.azure.deployment (TALE_LLM_AZURE_DEPLOYMENT) is not set");
        assertThat(azure.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void should_stop_the_run_when_azure_refuses_the_key_naming_azures_key_setting(@TempDir Path root) throws Exception {
        // given: Azure's answer to a wrong key
        azure.stubFor(post(urlEqualTo(DEPLOYMENT_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or "
                        + "wrong API endpoint. Make sure to provide a valid key for an active subscription and use a "
                        + "correct regional API endpoint for your resource.\"}}")));
        String problems = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is " + i + " + 6?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));
        ListAppender<ILoggingEvent> log = logged();

        // when
        RunOutcome run;
        try {
            run = TaleTestApp.runOne(root, settings(Map.of("tale.llm.azure.api-version", "2024-10-21",
                    "tale.concurrency", "2", "tale.llm.circuit.when-open", "stop")), "keyed.jsonl", problems);
        } finally {
            root().detachAppender(log);
        }

        // then: stopped early, with Azure's message and Azure's key setting, not OpenAI's
        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.KEY_REFUSED);
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.summary().ending().reason()).contains("HTTP 401", "Access denied due to invalid subscription key",
                "The API key sent is wrong", "tale.llm.api-key (TALE_LLM_API_KEY) or AZURE_OPENAI_API_KEY")
                .doesNotContain("or OPENAI_API_KEY");
        assertThat(azure.findAll(anyRequestedFor(anyUrl())).size()).isLessThan(12);
        assertKeyNowhere(root, log);
    }

    /** Azure at the WireMock server, with the key; {@code more} adds or replaces settings. */
    private Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("tale.llm.provider", "azure",
                "tale.llm.base-url", azure.baseUrl(), "tale.llm.azure.deployment", "prod-4o-mini",
                "tale.llm.api-key", KEY, "tale.llm.model", "gpt-4o-mini", "tale.methods", "cot",
                "tale.cache.enabled", "false"));
        settings.putAll(more);
        return settings;
    }

    /** Every log line from now on, at every level the configuration lets through. */
    private static ListAppender<ILoggingEvent> logged() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root().addAppender(log);
        return log;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** The key is in no file the run wrote (audit, summary.json, reports, junit.xml, history) and in no log line. */
    private static void assertKeyNowhere(Path root, ListAppender<ILoggingEvent> log) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(file -> file.getFileName().toString())
                .contains("audit.csv", "summary.json", "report.md", "report.html");
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8)).as(file.toString())
                    .doesNotContain(KEY);
        }
        assertThat(log.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(KEY);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(KEY);
            }
        });
    }
}
