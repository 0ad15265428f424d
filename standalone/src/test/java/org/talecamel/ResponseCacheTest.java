package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunSummary;

/**
 * The response cache serves a run its own answers (its resume after a kill, its repeated requests), never another
 * run's unless asked to: a repeated nightly run must ask the model again, or it could not notice that it changed.
 */
class ResponseCacheTest {

    private static final String PROBLEMS = """
            {"id":"a","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            {"id":"b","question":"Ann has 2 pens and buys 5 more. How many pens does she have?","answer":"#### 7"}
            """;

    /** A fresh OpenAI-compatible stand-in on loopback for each test. */
    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @BeforeEach
    void stub_the_replies() {
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"Budget: [[40]] ... Answer: [[7]]\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":12,\"total_tokens\":72}}")));
    }

    @Test
    void should_ask_the_model_again_when_the_same_problems_come_in_another_run(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, settings("true"))) {
            // given a first run: 2 problems x (cot + tale-ep estimate + tale-ep answer) = 6 calls
            RunOutcome first = run(app, "first.jsonl");
            server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions")));

            // when the same problems come again, as a nightly run's do
            RunOutcome second = run(app, "second.jsonl");

            // then every request is sent again and paid for; nothing came from the cache
            server.verify(12, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            assertThat(InboxToReportTest.audit(second.audit())).hasSize(6)
                    .allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("ok"));
            assertThat(second.summary().cachedAnswers()).isZero();
            assertThat(second.summary().spentUsd()).isEqualByComparingTo(first.summary().spentUsd()).isPositive();
        }
    }

    @Test
    void should_answer_a_request_repeated_inside_one_run_from_the_cache(@TempDir Path root) throws Exception {
        // given methods that make the same request: fixed:50, and the elasticity sweep at 50 tokens (a problem's methods
        // are asked one after another)
        Map<String, String> twice = new java.util.HashMap<>(settings("true"));
        twice.put("tale.methods", "cot,fixed:50,elasticity");
        twice.put("tale.elasticity.budgets", "50");
        try (TaleTestApp app = TaleTestApp.start(root, twice)) {
            // when
            RunOutcome run = run(app, "twice.jsonl");

            // then each distinct request is sent once (cot and fixed:50 for each problem), and the repeats say where
            // their answers came from
            server.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            List<CSVRecord> cached = InboxToReportTest.audit(run.audit()).stream()
                    .filter(r -> r.get("outcome").equals("cached")).toList();
            assertThat(cached).extracting(r -> r.get("problem_id") + " " + r.get("method") + " " + r.get("phase"))
                    .containsExactlyInAnyOrder("a elasticity sweep", "b elasticity sweep");
            assertThat(cached).allSatisfy(r -> {
                assertThat(r.get("cost_usd")).isEqualTo("0");
                assertThat(new BigDecimal(r.get("first_cost_usd"))).isPositive();
                assertThat(r.get("error")).startsWith("answered from the response cache, first asked by run "
                        + run.summary().runId() + " at ");
            });
            assertThat(run.summary().cachedAnswers()).isEqualTo(2);
        }
    }

    @Test
    void should_reuse_another_run_s_answers_only_when_told_to(@TempDir Path root) throws Exception {
        Map<String, String> reuse = new java.util.HashMap<>(settings("true"));
        reuse.put("tale.cache.across-runs", "true");
        try (TaleTestApp app = TaleTestApp.start(root, reuse)) {
            // given
            RunOutcome first = run(app, "first.jsonl");

            // when
            RunOutcome second = run(app, "second.jsonl");

            // then nothing is sent again; the run spent nothing, and says what its answers first cost
            server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            List<CSVRecord> rows = InboxToReportTest.audit(second.audit());
            assertThat(rows).hasSize(6).allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("cached");
                assertThat(r.get("cost_usd")).isEqualTo("0");
                assertThat(r.get("error")).contains("first asked by run " + first.summary().runId());
            });
            RunSummary summary = second.summary();
            assertThat(summary.spentUsd()).isZero();
            assertThat(summary.cachedAnswers()).isEqualTo(6);
            assertThat(summary.cachedAnswersFirstCostUsd()).isEqualByComparingTo(first.summary().spentUsd());
            // the methods' figures are the answers' cost, whoever paid: the same as the first run's
            assertThat(summary.answersCostUsd()).isEqualByComparingTo(first.summary().answersCostUsd());
            assertThat(Files.readString(second.reports().get(0))).contains("6 answers came from the response cache");
        }
    }

    @Test
    void should_ask_again_when_the_cache_is_off(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, settings("false"))) {
            run(app, "first.jsonl");
            run(app, "second.jsonl");

            server.verify(12, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        }
    }

    private Map<String, String> settings(String cache) {
        return Map.of("tale.llm.provider", "openai", "tale.llm.base-url", server.baseUrl() + "/v1",
                "tale.cache.enabled", cache);
    }

    private static RunOutcome run(TaleTestApp app, String name) throws Exception {
        return run(app, name, PROBLEMS);
    }

    private static RunOutcome run(TaleTestApp app, String name, String problems) throws Exception {
        NotifyBuilder done = app.whenFileDone(name);
        int before = app.runs().size();
        app.drop(problems, name);
        if (!done.matches(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError(name + " was not processed within 60 s");
        }
        return app.runs().get(before);
    }
}
