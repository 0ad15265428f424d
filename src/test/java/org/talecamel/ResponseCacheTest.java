package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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

/** Never pay twice: a repeated run is answered from the durable response cache. */
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
    void should_answer_a_repeated_run_from_the_cache_at_no_cost(@TempDir Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, settings("true"))) {
            // given a first run: 2 problems x (cot + tale-ep estimate + tale-ep answer) = 6 calls
            RunOutcome first = run(app, "first.jsonl");
            server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions")));

            // when the same problems come again
            RunOutcome second = run(app, "second.jsonl");

            // then no request is sent again, every row says cached, and the run cost nothing
            server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            List<CSVRecord> rows = InboxToReportTest.audit(second.audit());
            assertThat(rows).hasSize(6).allSatisfy(r -> {
                assertThat(r.get("outcome")).isEqualTo("cached");
                assertThat(r.get("cost_usd")).isEqualTo("0");
            });
            assertThat(second.summary().results()).allSatisfy(m -> assertThat(m.totalExpenseUsd()).isZero());
            assertThat(first.summary().results().get(0).totalExpenseUsd()).isPositive();
            assertThat(second.summary().results().get(0).accuracy()).isEqualTo(1.0);
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
        NotifyBuilder done = app.whenFileDone(name);
        int before = app.runs().size();
        app.drop(PROBLEMS, name);
        if (!done.matches(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError(name + " was not processed within 60 s");
        }
        return app.runs().get(before);
    }
}
