package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.talecamel.run.Run;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunOutcome;

/** An endpoint that refuses the key (401, 403): the run stops after the first few calls and says which setting. */
class RefusedKeyTest {

    private static final int PROBLEMS = 30;
    private static final int CONCURRENCY = 2;
    private static final String KEY = "sk-test-wrong-key-0123456789";

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_stop_after_a_few_refused_calls_when_no_key_is_set(@TempDir Path root) throws Exception {
        // given: an endpoint that answers every call without a key as OpenAI does
        refuseWith(401, "You didn't provide an API key.");

        // when
        RunOutcome run = run(root, "");

        // then: a few calls, then nothing; the run stopped naming the status and the key's settings
        assertThat(sent()).isBetween(Run.REFUSALS_TO_STOP, Run.REFUSALS_TO_STOP + CONCURRENCY - 1);
        assertThat(run.summary().ending().kind()).isEqualTo(RunEnding.Kind.KEY_REFUSED);
        assertThat(run.summary().ending().reason()).contains("HTTP 401", "No API key was sent",
                "tale.llm.api-key", "OPENAI_API_KEY");
        assertThat(run.exitCode()).isEqualTo(4);
        List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
        assertThat(rows.stream().map(r -> r.get("problem_id")).collect(Collectors.toSet())).hasSize(PROBLEMS);
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("not-attempted")).hasSizeGreaterThanOrEqualTo(
                PROBLEMS - Run.REFUSALS_TO_STOP - CONCURRENCY + 1);
        assertThat(Files.readString(run.reports().get(0))).contains("Run stopped: key refused");
    }

    @Test
    void should_say_the_key_sent_was_refused_and_never_write_it(@TempDir Path root) throws Exception {
        // given
        refuseWith(403, "Project does not have access to model gpt-4o-mini");

        // when
        RunOutcome run = run(root, KEY);

        // then
        assertThat(run.summary().ending().reason()).contains("HTTP 403", "The API key sent is wrong, or not allowed");
        assertThat(run.exitCode()).isEqualTo(4);
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + KEY)));
        for (Path file : List.of(run.audit(), run.reports().get(0), run.directory().resolve("summary.json"),
                run.directory().resolve("junit.xml"))) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
        }
    }

    @Test
    void should_go_on_when_an_answer_comes_between_refusals(@TempDir Path root) throws Exception {
        // given: only the first problem's call is refused
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(Completions.answering("The answer is [[7]]")));
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("What is 1 + 6?"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"message\":\"no\"}}")));

        // when
        RunOutcome run = run(root, KEY);

        // then: one refusal is not a refused key
        assertThat(run.summary().ending()).isEqualTo(RunEnding.COMPLETED);
        assertThat(sent()).isEqualTo(PROBLEMS);
    }

    @Test
    void should_warn_at_start_when_openai_is_asked_with_no_key_at_all(@TempDir Path root) throws Exception {
        // given: the start's log
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TaleConfiguration.class);
        logger.addAppender(log);
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.llm.api-key", ""))) {
            // when it has started

            // then: one warning, naming both settings, and that a local server may need no key
            assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage).filteredOn(line -> line.contains("API key"))
                    .singleElement().satisfies(line -> assertThat(line).contains("tale.llm.api-key", "TALE_LLM_API_KEY",
                            "OPENAI_API_KEY", "vLLM", "Ollama", "llama.cpp"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void should_not_warn_of_a_missing_key_when_one_is_set(@TempDir Path root) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TaleConfiguration.class);
        logger.addAppender(log);
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.llm.api-key", KEY))) {
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(line -> line.contains("No API key"));
        } finally {
            logger.detachAppender(log);
        }
    }

    private void refuseWith(int status, String message) {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\"}}")));
    }

    private int sent() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/chat/completions")).build()).getCount();
    }

    private RunOutcome run(Path root, String key) throws Exception {
        String problems = IntStream.rangeClosed(1, PROBLEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is " + i + " + 6?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));
        Map<String, String> settings = new HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.methods", "cot", "tale.cache.enabled", "false",
                "tale.concurrency", String.valueOf(CONCURRENCY), "tale.llm.circuit.when-open", "stop"));
        settings.put("tale.llm.api-key", key);
        try (TaleTestApp app = TaleTestApp.start(root, settings)) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "keyed.jsonl");
            return app.onlyRun(done);
        }
    }
}
