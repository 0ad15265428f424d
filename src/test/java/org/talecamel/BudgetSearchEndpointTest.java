package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.SearchPoint;

/** The paper's optimal-budget search against a scripted endpoint (WireMock scenarios). */
class BudgetSearchEndpointTest {

    private static final String PROBLEM = """
            {"id":"apples","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            """;

    /** A fresh OpenAI-compatible stand-in on loopback for each test. */
    @RegisterExtension
    final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_stop_at_the_budget_that_gave_the_fewest_tokens(@TempDir Path root) throws Exception {
        // given: CoT uses 200 tokens, then budgets 100, 50 and 25 give 120, 90 and 95 tokens, all correct
        script(step("cot", 200, "7"), step("100", 120, "7"), step("50", 90, "7"), step("25", 95, "7"));

        // when
        RunOutcome run = runSearch(root);

        // then: 90 < 120 was accepted, 95 >= 90 was not: the optimal budget is 50
        assertThat(run.summary().search()).singleElement().isEqualTo(new SearchPoint("one", "apples", 200, 50, 90, 3));
        List<CSVRecord> steps = searchRows(run);
        assertThat(steps).extracting(r -> r.get("budget") + "→" + r.get("completion_tokens") + ":" + r.get("correct"))
                .containsExactly("100→120:true", "50→90:true", "25→95:true");
        server.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("less than 12 tokens")));

        // the training data pairs the plain CoT prompt with the answer found under the optimal budget
        JsonNode sft = new ObjectMapper().readTree(Files.readAllLines(run.directory().resolve("sft.jsonl")).get(0));
        assertThat(sft.at("/messages/1/content").asText()).endsWith("Let's think step by step:\n");
        assertThat(sft.at("/messages/2/content").asText()).isEqualTo(answer(50, 90, "7"));
        JsonNode dpo = new ObjectMapper().readTree(Files.readAllLines(run.directory().resolve("dpo.jsonl")).get(0));
        assertThat(dpo.get("chosen").asText()).isEqualTo(answer(50, 90, "7"));
        assertThat(dpo.get("rejected").asText()).isEqualTo(answer(0, 200, "7"));
        assertThat(Files.readString(run.reports().get(0))).contains("Optimal-budget search");
    }

    @Test
    void should_stop_before_a_budget_whose_answer_turns_wrong(@TempDir Path root) throws Exception {
        // given: budget 100 gives 120 tokens and stays right; budget 50 gives 90 tokens but a wrong answer
        script(step("cot", 200, "7"), step("100", 120, "7"), step("50", 90, "8"));

        // when
        RunOutcome run = runSearch(root);

        // then
        assertThat(run.summary().search()).singleElement().isEqualTo(new SearchPoint("one", "apples", 200, 100, 120, 2));
        assertThat(searchRows(run)).extracting(r -> r.get("budget") + ":" + r.get("correct"))
                .containsExactly("100:true", "50:false");
        server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("less than 25 tokens")));
    }

    private RunOutcome runSearch(Path root) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.methods", "cot,search", "tale.concurrency", "1"))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(PROBLEM, "one.jsonl");
            return app.onlyRun(done);
        }
    }

    private static List<CSVRecord> searchRows(RunOutcome run) throws Exception {
        return InboxToReportTest.audit(run.audit()).stream().filter(r -> r.get("phase").equals("search")).toList();
    }

    /** One scripted reply: to the CoT prompt ("cot") or to the prompt with "use less than {budget} tokens". */
    private record Step(String budget, int tokens, String answer) {
    }

    private static Step step(String budget, int tokens, String answer) {
        return new Step(budget, tokens, answer);
    }

    /** The replies in order, each answering only the request the script expects next. */
    private void script(Step... steps) {
        for (int i = 0; i < steps.length; i++) {
            Step step = steps[i];
            String expected = step.budget().equals("cot") ? "Let's think step by step:\\n"
                    : "use less than " + step.budget() + " tokens";
            int budget = step.budget().equals("cot") ? 0 : Integer.parseInt(step.budget());
            server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                    .inScenario("search").whenScenarioStateIs(i == 0 ? STARTED : "step " + i)
                    .withRequestBody(containing(expected))
                    .willSetStateTo("step " + (i + 1))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"model\":\"scripted\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                    + "\"content\":\"" + answer(budget, step.tokens(), step.answer()) + "\"},"
                                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":60,"
                                    + "\"completion_tokens\":" + step.tokens() + ",\"total_tokens\":" + (60 + step.tokens())
                                    + "}}")));
        }
    }

    private static String answer(int budget, int tokens, String value) {
        return "Reasoning at budget " + budget + " in " + tokens + " tokens. Answer: [[" + value + "]]";
    }
}
