package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talecamel.method.Prompts.Family.GSM8K;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.llm.ChatMessage;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Language;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Template;

class SimulatedModelTest {

    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final Pattern DOUBLE_BRACKETS = Pattern.compile("\\[\\[([^\\]]*)]]");

    @TempDir
    Path knowledgeDir;

    @Test
    void answers_the_estimator_prompt_with_a_positive_budget_in_double_brackets() throws IOException {
        // given
        SimulatedModel model = modelKnowingSamples(42);

        // when
        String reply = ask(model, GSM8K.estimator(SampleProblems.HOUSE));

        // then
        assertThat(reply).matches("(?s)(.*\\. )?Budget: \\[\\[\\d+]]");
        assertThat(budgetIn(reply)).isPositive();
    }

    @Test
    void estimates_larger_budgets_for_problems_with_longer_solutions() throws IOException {
        // given twenty one-step and twenty six-step problems
        List<Map<String, String>> shortOnes = SampleProblems.oneStep(20);
        List<Map<String, String>> longOnes = SampleProblems.sixSteps(20);
        List<Map<String, String>> all = new ArrayList<>(shortOnes);
        all.addAll(longOnes);
        SampleProblems.write(knowledgeDir.resolve("mixed.jsonl"), all);
        SimulatedModel model = new SimulatedModel(Knowledge.load(List.of(knowledgeDir)), 42);

        // when
        double shortBudget = meanBudget(model, shortOnes);
        double longBudget = meanBudget(model, longOnes);

        // then
        assertThat(longBudget).isGreaterThan(2 * shortBudget);
    }

    @Test
    void writes_longer_when_the_budget_is_far_too_small_and_longest_without_a_budget() throws IOException {
        // given a known four-step problem whose shortest reasoning is about 70 tokens
        SimulatedModel model = modelKnowingSamples(42);

        // when
        int tenTokens = tokens(ask(model, GSM8K.budgeted(SampleProblems.HOUSE, 10)));
        int fiftyTokens = tokens(ask(model, GSM8K.budgeted(SampleProblems.HOUSE, 50)));
        int noBudget = tokens(ask(model, GSM8K.cot(SampleProblems.HOUSE)));

        // then
        assertThat(tenTokens).isGreaterThan(fiftyTokens);
        assertThat(noBudget).isGreaterThan(fiftyTokens);
        assertThat(noBudget).isGreaterThan(tenTokens);
    }

    @Test
    void gives_identical_replies_for_the_same_seed_whatever_the_order_of_the_calls() throws IOException {
        // given two models with the same seed and the same knowledge
        SimulatedModel first = modelKnowingSamples(7);
        SimulatedModel second = modelKnowingSamples(7);
        List<String> prompts = samplePrompts();

        // when the second model is asked in the opposite order
        List<String> firstReplies = prompts.stream().map(p -> ask(first, p)).toList();
        List<String> reversed = new ArrayList<>(prompts);
        Collections.reverse(reversed);
        List<String> secondReplies = new ArrayList<>(reversed.stream().map(p -> ask(second, p)).toList());
        Collections.reverse(secondReplies);

        // then
        assertThat(secondReplies).isEqualTo(firstReplies);
    }

    @Test
    void gives_different_replies_for_a_different_seed() throws IOException {
        // given
        SimulatedModel seven = modelKnowingSamples(7);
        SimulatedModel eight = modelKnowingSamples(8);

        // when
        List<String> sevenReplies = samplePrompts().stream().map(p -> ask(seven, p)).toList();
        List<String> eightReplies = samplePrompts().stream().map(p -> ask(eight, p)).toList();

        // then
        assertThat(eightReplies).isNotEqualTo(sevenReplies);
    }

    @Test
    void ends_every_reasoning_reply_with_an_answer_to_extract() throws IOException {
        // given
        SimulatedModel model = modelKnowingSamples(42);

        for (String prompt : samplePrompts()) {
            if (prompt.startsWith(Prompts.ESTIMATOR_TASK)) {
                continue;
            }
            // when
            String reply = ask(model, prompt);

            // then
            assertThat(reply).containsPattern("(Answer: \\[\\[-?[\\d.]+]]|The answer is -?[\\d.]+\\.)$");
        }
    }

    @Test
    void guesses_from_the_numbers_in_a_question_it_has_never_seen() throws IOException {
        // given
        SimulatedModel model = modelKnowingSamples(42);
        String unseen = "Tom has 3 boxes of 12 pencils and gives away 5. How many pencils are left?";

        // when
        String reply = ask(model, GSM8K.cot(unseen));

        // then
        assertThat(reply).contains("The problem gives us 3, 12 and 5.").containsPattern("Answer: \\[\\[\\d+]]$");
    }

    @Test
    void re_tells_the_known_solution_without_calculator_notes() throws IOException {
        // given
        SimulatedModel model = modelKnowingSamples(42);

        // when
        String reply = ask(model, GSM8K.cot(SampleProblems.DUCKS));

        // then
        assertThat(reply).contains("16 - 3 - 4").doesNotContain("<<").doesNotContain(">>");
    }

    @Test
    void answers_cloze_chinese_and_gpqa_problems_it_has_learned_mostly_right() {
        // given problems of other template families, learned as tale-camel reads them
        List<Problem> problems = List.of(
                new Problem("cloze.jsonl", 1, "cloze", "Calculate 37 * 12.", "444", List.of(), null, Template.CLOZE, null),
                new Problem("zh.jsonl", 1, "zh-cloze", "小明有5个苹果，又买了3个，现在一共有几个苹果？", "8", List.of(), null,
                        Template.CLOZE, Language.ZH),
                new Problem("zh.jsonl", 2, "zh-choice", "下列哪个数是质数？", "C", List.of("21", "27", "29", "33"), null, null,
                        Language.ZH),
                new Problem("gpqa.jsonl", 1, "gpqa", "Which particle carries the electromagnetic force?", "A",
                        List.of("The photon", "The gluon", "The W boson", "The graviton"), null, Template.GPQA, null));
        Knowledge knowledge = Knowledge.of(List.of());
        problems.forEach(knowledge::learn);

        for (Problem problem : problems) {
            // when asked with twenty seeds
            int right = 0;
            for (long seed = 1; seed <= 20; seed++) {
                SimulatedModel model = new SimulatedModel(knowledge, seed);
                assertThat(budgetIn(ask(model, Prompts.estimator(problem)))).isPositive();
                for (String prompt : List.of(Prompts.cot(problem), Prompts.budgeted(problem, 60), Prompts.direct(problem))) {
                    String reply = ask(model, prompt);
                    assertThat(reply).as("reply to %s", prompt).containsPattern("(\\[\\[[\\w.-]+]]|The answer is [\\w.-]+\\.)$");
                    right += reply.endsWith("[[" + problem.answer() + "]]") || reply.endsWith(" " + problem.answer() + ".") ? 1 : 0;
                }
            }

            // then it knows the answer: a guess would be right one time in four at best
            assertThat(right).as("right replies of 60 to %s", problem.id()).isGreaterThan(30);
        }
    }

    private SimulatedModel modelKnowingSamples(long seed) throws IOException {
        SampleProblems.writeKnown(knowledgeDir);
        return new SimulatedModel(Knowledge.load(List.of(knowledgeDir)), seed);
    }

    private static List<String> samplePrompts() {
        List<String> prompts = new ArrayList<>();
        for (String question : List.of(SampleProblems.HOUSE, SampleProblems.DUCKS, SampleProblems.SPRINTS)) {
            prompts.add(GSM8K.cot(question));
            prompts.add(GSM8K.estimator(question));
            prompts.add(GSM8K.budgeted(question, 10));
            prompts.add(GSM8K.budgeted(question, 80));
        }
        return prompts;
    }

    private static double meanBudget(SimulatedModel model, List<Map<String, String>> problems) {
        return problems.stream().mapToInt(p -> budgetIn(ask(model, GSM8K.estimator(p.get("question"))))).average()
                .orElseThrow();
    }

    static String ask(SimulatedModel model, String prompt) {
        return ask(model, Prompts.SYSTEM, prompt);
    }

    static String ask(SimulatedModel model, String system, String prompt) {
        return model.reply(List.of(ChatMessage.system(system), ChatMessage.user(prompt)));
    }

    static int budgetIn(String reply) {
        Matcher m = DOUBLE_BRACKETS.matcher(reply);
        assertThat(m.find()).as("a budget in double brackets in: %s", reply).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static int tokens(String text) {
        return CL100K.countTokensOrdinary(text);
    }
}
