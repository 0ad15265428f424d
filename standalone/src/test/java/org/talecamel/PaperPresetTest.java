package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.llm.TokenCounter;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunOutcome;

/**
 * {@code tale.preset=paper} sends the reference's request, and the paper-layout table counts tokens as the paper did:
 * cl100k of the answer text, whatever {@code usage} says.
 */
class PaperPresetTest {

    private static final String PROBLEMS = """
            {"id":"apples","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            {"id":"pears","question":"Ann has 3 pears and buys 4 more. How many pears does she have?","answer":"#### 7"}
            """;
    /** The answer every call gets: billed as 500 tokens, though its text is far shorter in cl100k. */
    private static final String ANSWER = "3 + 4 = 7. Answer: [[7]]";
    private static final int BILLED = 500;

    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_send_the_reference_request_and_lay_out_the_papers_table_in_its_token_measure(@TempDir Path root)
            throws Exception {
        // the estimator's reply has two budgets: the reference's extract_number takes the first
        reply("Task: Analyze the given question", "Budget: [[40]], or perhaps [[60]]", 6);
        reply("step by step", ANSWER, BILLED);

        RunOutcome run = run(root, Map.of("tale.preset", "paper", "tale.methods", "cot,tale-ep"));

        // every call: the reference's system message, max_tokens 1024, seed 1024, n 1 and no temperature
        List<LoggedRequest> calls = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(calls).hasSize(6).allSatisfy(call -> {
            JsonNode body = new ObjectMapper().readTree(call.getBodyAsString());
            assertThat(body.at("/messages/0/content").asText()).isEqualTo("You are a helpful assistant.");
            assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
            assertThat(body.get("seed").asInt()).isEqualTo(1024);
            assertThat(body.get("n").asInt()).isEqualTo(1);
            assertThat(body.has("temperature")).isFalse();
        });
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("use less than 40 tokens")));

        // the audit keeps both counts of every answer; the estimate has no paper_tokens
        int paperTokens = TokenCounter.count(ANSWER);
        List<CSVRecord> audit = InboxToReportTest.audit(run.audit());
        assertThat(audit).filteredOn(r -> r.get("phase").equals("answer"))
                .hasSize(4).allSatisfy(r -> {
                    assertThat(r.get("completion_tokens")).isEqualTo(String.valueOf(BILLED));
                    assertThat(r.get("paper_tokens")).isEqualTo(String.valueOf(paperTokens));
                });
        assertThat(audit).filteredOn(r -> r.get("phase").equals("estimate"))
                .hasSize(2).allSatisfy(r -> assertThat(r.get("paper_tokens")).isEmpty());

        // the paper's table: the answer alone in cl100k; the per-method table: billed tokens, the estimator's included
        MethodSummary tale = run.summary().results().get(1);
        assertThat(tale.meanPaperTokens()).isEqualTo(paperTokens);
        assertThat(tale.meanOutputTokens()).isEqualTo(BILLED + 6);
        String report = Files.readString(run.reports().get(0));
        assertThat(paperRow(report, "tale-ep")).startsWith("| tale-ep | 100.0% | " + paperTokens + ".0 |");
        assertThat(report).contains("cl100k of the answer text (the reference's token_measure, audit column paper_tokens)")
                .containsPattern("\\| tale-ep \\| 2 \\| 100\\.0% \\| [^|]+ \\| 506\\.0 \\| 6\\.0 \\|");
    }

    @Test
    void should_send_our_temperature_and_no_seed_by_default(@TempDir Path root) throws Exception {
        reply("step by step", ANSWER, BILLED);

        run(root, Map.of("tale.methods", "cot"));

        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("\"temperature\":0.0")).withRequestBody(notContaining("\"seed\""))
                .withRequestBody(notContaining("max_tokens")));
    }

    @Test
    void should_score_as_the_reference_when_asked_and_say_so_in_every_report(@TempDir Path root) throws Exception {
        // [[7]] stands in the output, but the answer given last is 8: the reference counts it right, ours wrong
        reply("step by step", "Is it [[7]]? No: Answer: [[8]]", 12);

        RunOutcome strict = run(root.resolve("strict"), Map.of("tale.methods", "cot"));
        RunOutcome reference = run(root.resolve("reference"), Map.of("tale.methods", "cot", "tale.scoring", "reference"));

        assertThat(strict.summary().results().get(0).accuracy()).isZero();
        assertThat(reference.summary().results().get(0).accuracy()).isEqualTo(1.0);
        assertThat(InboxToReportTest.audit(reference.audit())).filteredOn(r -> r.get("phase").equals("answer"))
                .extracting(r -> r.get("expected") + "/" + r.get("extracted") + "/" + r.get("correct"))
                .containsOnly("7/8/true");
        Path run = reference.directory();
        assertThat(Files.readString(run.resolve("report.md")))
                .contains("- Measured with: scoring reference: the TALE reference's AccEvaluator.evaluate_sample")
                .contains("ACC: accuracy, scored reference (tale.scoring)");
        assertThat(Files.readString(run.resolve("report.html"))).contains("Measured with: scoring reference");
        assertThat(Files.readString(run.resolve("junit.xml")))
                .contains("<property name=\"tale.scoring\" value=\"reference\"/>")
                .doesNotContain("<failure");
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.at("/measures/scoring").asText()).isEqualTo("reference");
        assertThat(summary.at("/measures/preset").asText()).isEqualTo("default");
        // scored otherwise, the two runs of the same file do not compare
        assertThat(reference.summary().comparisonKey()).isNotEqualTo(strict.summary().comparisonKey());
        assertThat(Files.readString(strict.directory().resolve("report.md"))).contains("- Measured with: scoring strict");
    }

    private void reply(String asked, String content, int completionTokens) {
        // the estimator's prompt quotes the whole CoT prompt, "step by step" included: its stub goes first
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(asked))
                .atPriority(asked.startsWith("Task:") ? 1 : 5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                + "\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}],\"usage\":{"
                                + "\"prompt_tokens\":80,\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                                + (80 + completionTokens) + "}}")));
    }

    private RunOutcome run(Path root, Map<String, String> settings) throws Exception {
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.concurrency", "1"));
        overrides.putAll(settings);
        return TaleTestApp.runOne(root, overrides, "two.jsonl", PROBLEMS);
    }

    /** The method's row of the paper-layout table in the Markdown report. */
    private static String paperRow(String report, String method) {
        String table = report.substring(report.indexOf("Comparison in the paper's layout"));
        return table.lines().filter(line -> line.startsWith("| " + method + " |")).findFirst().orElseThrow();
    }
}
