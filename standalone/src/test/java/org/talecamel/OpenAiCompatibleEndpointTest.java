package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/** The same flow against another OpenAI-compatible server (WireMock on loopback): only configuration differs. */
class OpenAiCompatibleEndpointTest {

    private static final String KEY = "sk-test-DO-NOT-LEAK-4f9c1e";

    /** A fresh OpenAI-compatible stand-in on loopback for each test. */
    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @BeforeEach
    void stub_the_replies() {
        // the estimator's prompt quotes the whole CoT prompt, as TALE-EP.py's does, so it is told apart first
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("estimate the minimum number of tokens"))
                .willReturn(okJson(completion("Budget: [[40]]", ",\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":7,\"total_tokens\":87}"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2)
                .withRequestBody(containing("Let's think step by step"))
                .willReturn(okJson(completion("3 + 4 = 7. Answer: [[7]]", ""))));
    }

    @Test
    void should_run_unchanged_against_any_openai_compatible_server(@TempDir Path root) throws Exception {
        // given
        String problems = """
                {"id":"p1","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"3 + 4 = <<3+4=7>>7\\n#### 7"}
                {"id":"p2","question":"Sam has 10 pens and loses 2. How many pens are left?","answer":"8"}
                """;
        try (TaleTestApp app = TaleTestApp.start(root, Map.of(
                "tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1",
                "tale.llm.api-key", KEY,
                "tale.llm.model", "llama3.1:8b"))) {
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(problems, "two.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then: every call (2 problems x cot, tale-ep estimate, tale-ep answer) went to the configured server, in the OpenAI format, with the key as a bearer token
            server.verify(6, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                    .withHeader("Authorization", equalTo("Bearer " + KEY))
                    .withHeader("Content-Type", containing("application/json"))
                    .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.1:8b")))
                    .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0")))
                    .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("You are a helpful assistant."))));
            server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                    .withRequestBody(containing("use less than 40 tokens")));

            List<CSVRecord> rows = audit(run.audit());
            assertThat(rows).hasSize(6); // p1 and p2 each: cot answer, tale-ep estimate, tale-ep answer
            assertThat(rows).filteredOn(r -> r.get("phase").equals("answer"))
                    .extracting(r -> r.get("problem_id") + ":" + r.get("method") + ":" + r.get("correct"))
                    .containsExactlyInAnyOrder("p1:cot:true", "p1:tale-ep:true", "p2:cot:false", "p2:tale-ep:false");
            assertThat(rows).filteredOn(r -> r.get("phase").equals("answer"))
                    .allSatisfy(r -> assertThat(r.get("token_source")).isEqualTo("jtokkit-cl100k"));
            assertThat(rows).filteredOn(r -> r.get("phase").equals("estimate"))
                    .allSatisfy(r -> assertThat(r.get("token_source")).isEqualTo("usage"));
            assertThat(Files.readString(run.reports().get(0))).doesNotContain("SIMULATED").contains("llama3.1:8b");

            // and the key appears in no output file
            try (Stream<Path> files = Files.walk(app.output)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
                }
            }
        }
    }

    private static List<CSVRecord> audit(Path csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(csv)).getRecords();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String completion(String content, String usage) {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"llama3.1:8b\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]"
                + usage + "}";
    }
}
