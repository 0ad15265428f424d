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
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.llm.TokenCounter;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.SearchPoint;

/** The paper's optimal-budget search and the reference's elasticity walk against a scripted endpoint (WireMock scenarios). */
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
        assertThat(run.summary().search()).singleElement().isEqualTo(new SearchPoint("one", "gpt-4o-mini", "apples", 200, 50, 90, 3));
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
        assertThat(run.summary().search()).singleElement().isEqualTo(new SearchPoint("one", "gpt-4o-mini", "apples", 200, 100, 120, 2));
        assertThat(searchRows(run)).extracting(r -> r.get("budget") + ":" + r.get("correct"))
                .containsExactly("100:true", "50:false");
        server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("less than 25 tokens")));
    }

    @Test
    void should_walk_on_while_answers_stay_right_however_long_they_get(@TempDir Path root) throws Exception {
        // given: CoT 40 tokens; budgets 20, 10 and 5 stay right with 30, 45 and 60 tokens; budget 2 turns wrong
        script(step("cot", 40, "7"), step("20", 30, "7"), step("10", 45, "7"), step("5", 60, "7"), step("2", 70, "8"));

        // when
        RunOutcome run = run(root, Map.of("tale.methods", "cot,elasticity-walk"));

        // then: search would have stopped at 10 (45 > 30 tokens); the walk goes on, as token_elasticity.py does
        assertThat(run.summary().walk()).extracting(p -> p.level() + ":" + p.meanBudget() + "→" + p.meanOutputTokens())
                .containsExactly("CoT:40.0→40.0", "CoT/2:20.0→30.0", "CoT/4:10.0→45.0", "CoT/8:5.0→60.0");
        assertThat(rows(run, "walk")).extracting(r -> r.get("budget") + ":" + r.get("budget_source") + ":" + r.get("correct"))
                .containsExactly("20:walk:true", "10:walk:true", "5:walk:true", "2:walk:false");
        server.verify(5, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        // the walk has figures per step, not an answer of its own to score
        assertThat(run.summary().results()).extracting(m -> m.method()).containsExactly("cot");
        assertThat(Files.readString(run.reports().get(0))).contains("Elasticity walk (the paper's Figure 2)")
                .contains("| one | CoT/8 | 1 | 5.0 | 60.0 |");
    }

    @Test
    void should_search_by_the_answer_text_as_the_reference_does_under_the_paper_preset(@TempDir Path root)
            throws Exception {
        // given: answers whose billed tokens (usage) and cl100k length of their text disagree
        String cot = "Let me work through it. ".repeat(12) + "Answer: [[7]]";
        String shorter = "Quickly: 3 + 4 = 7. Answer: [[7]]";
        String longer = "Quickly: 3 apples, plus 4 apples, make 7 apples. Answer: [[7]]";
        int cotLength = TokenCounter.count(cot);
        int half = cotLength / 2;
        // billed 300 > 200 tokens, so search by usage would stop here; as text it is shorter, so the reference goes on
        script(step("cot", 200, cot), step(String.valueOf(half), 300, shorter),
                step(String.valueOf(half / 2), 100, longer));

        // when
        RunOutcome run = run(root, Map.of("tale.methods", "cot,search", "tale.preset", "paper"));

        // then
        assertThat(run.summary().search()).singleElement().isEqualTo(
                new SearchPoint("one", "gpt-4o-mini", "apples", cotLength, half, TokenCounter.count(shorter), 2));
        assertThat(rows(run, "search")).extracting(r -> r.get("paper_tokens"))
                .containsExactly(String.valueOf(TokenCounter.count(shorter)), String.valueOf(TokenCounter.count(longer)));
        // the training example as search_budget.py writes it, for TALE-PT.py
        JsonNode example = new ObjectMapper().readTree(
                Files.readAllLines(run.directory().resolve("sft-tale-pt.jsonl")).get(0));
        assertThat(example.get("question").asText()).endsWith("Let's think step by step:\n");
        assertThat(example.get("ground truth").asText()).isEqualTo("7");
        assertThat(example.get("prediction").asText()).isEqualTo(cot);
        assertThat(example.get("question_budget").asText()).contains("use less than " + half + " tokens:\n");
        assertThat(example.get("prediction_budget").asText()).isEqualTo(shorter);
        assertThat(example.get("budget").asInt()).isEqualTo(half);
        assertThat(example.get("budget_list").toString()).isEqualTo("[" + cotLength + "," + half + "]");
        assertThat(example.get("token_list").toString())
                .isEqualTo("[" + TokenCounter.count(shorter) + "," + TokenCounter.count(longer) + "]");
    }

    private RunOutcome runSearch(Path root) throws Exception {
        return run(root, Map.of("tale.methods", "cot,search"));
    }

    private RunOutcome run(Path root, Map<String, String> settings) throws Exception {
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", server.baseUrl() + "/v1", "tale.concurrency", "1"));
        overrides.putAll(settings);
        return TaleTestApp.runOne(root, overrides, "one.jsonl", PROBLEM);
    }

    private static List<CSVRecord> searchRows(RunOutcome run) throws Exception {
        return rows(run, "search");
    }

    private static List<CSVRecord> rows(RunOutcome run, String phase) throws Exception {
        return InboxToReportTest.audit(run.audit()).stream().filter(r -> r.get("phase").equals(phase)).toList();
    }

    /**
     * One scripted reply: to the CoT prompt ("cot") or to the prompt with "use less than {budget} tokens"; its
     * content, and the completion tokens its usage gives.
     */
    private record Step(String budget, int tokens, String content) {
    }

    /** A reply of {@code tokens} billed tokens whose content gives {@code answer} as its [[answer]]. */
    private static Step step(String budget, int tokens, String answer) {
        int asked = budget.equals("cot") ? 0 : Integer.parseInt(budget);
        return new Step(budget, tokens, answer.contains("[[") ? answer : answer(asked, tokens, answer));
    }

    /** The replies in order, each answering only the request the script expects next. */
    private void script(Step... steps) {
        for (int i = 0; i < steps.length; i++) {
            Step step = steps[i];
            String expected = step.budget().equals("cot") ? "Let's think step by step:\\n"
                    : "use less than " + step.budget() + " tokens";
            server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                    .inScenario("search").whenScenarioStateIs(i == 0 ? STARTED : "step " + i)
                    .withRequestBody(containing(expected))
                    .willSetStateTo("step " + (i + 1))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"model\":\"scripted\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                    + "\"content\":\"" + step.content() + "\"},"
                                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":60,"
                                    + "\"completion_tokens\":" + step.tokens() + ",\"total_tokens\":" + (60 + step.tokens())
                                    + "}}")));
        }
    }

    private static String answer(int budget, int tokens, String value) {
        return "Reasoning at budget " + budget + " in " + tokens + " tokens. Answer: [[" + value + "]]";
    }
}
