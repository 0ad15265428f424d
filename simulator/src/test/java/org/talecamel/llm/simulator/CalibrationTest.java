package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;
import org.talecamel.problems.ProblemFiles;
import org.talecamel.problems.ProblemStream;
import org.talecamel.problems.UnreadableFileException;

/**
 * Checks the simulator against the TALE paper's GPT-4o-mini figures on the GSM8K test split (1,319 problems):
 * vanilla CoT about 318 output tokens at 81% accuracy, TALE-EP about 77 tokens at 84%; answering directly far
 * shorter and less accurate; Chain of Draft about a fifth of CoT's tokens a few points below it (Xu et al.).
 */
class CalibrationTest {

    private static final Path GSM8K_TEST = Path.of("../shared/datasets/gsm8k/test.jsonl");
    private static final Pattern DOUBLE_BRACKETS = Pattern.compile("\\[\\[([^\\]]*)]]");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

    private static final List<Problem> problems = new ArrayList<>();
    private static SimulatedModel model;
    private static Figures cot;

    @BeforeAll
    static void loadGsm8k() throws Exception {
        Assumptions.assumeTrue(Files.exists(GSM8K_TEST), "calibration skipped: ../shared/datasets absent");
        problems.addAll(read(GSM8K_TEST));
        model = new SimulatedModel(Knowledge.load(List.of(GSM8K_TEST)), 42);
        cot = new Figures();
        for (Problem problem : problems) {
            cot.add(SimulatedModelTest.ask(model, Prompts.cot(problem)), problem);
        }
    }

    @Test
    void vanilla_chain_of_thought_matches_the_papers_length_and_accuracy() {
        // given the GSM8K test split, asked with the vanilla CoT prompt (before all tests)

        // then
        System.out.printf("[SIMULATED] vanilla CoT on %d GSM8K problems: %.1f output tokens, %.1f%% accuracy%n",
                cot.count, cot.meanTokens(), cot.accuracy());
        assertThat(cot.count).isEqualTo(1319);
        assertThat(cot.meanTokens()).isCloseTo(318, within(31.8));
        assertThat(cot.accuracy()).isCloseTo(81, within(3.0));
    }

    @Test
    void tale_ep_matches_the_papers_length_and_accuracy() {
        // given the GSM8K test split, when each problem's budget is estimated and then used
        Figures ep = new Figures();
        long budgets = 0;
        for (Problem problem : problems) {
            int budget = SimulatedModelTest.budgetIn(SimulatedModelTest.ask(model, Prompts.estimator(problem)));
            budgets += budget;
            ep.add(SimulatedModelTest.ask(model, Prompts.budgeted(problem, budget)), problem);
        }

        // then
        System.out.printf("[SIMULATED] TALE-EP on %d GSM8K problems: mean budget %.1f, %.1f output tokens, %.1f%% accuracy%n",
                ep.count, budgets / (double) ep.count, ep.meanTokens(), ep.accuracy());
        assertThat(ep.meanTokens()).isCloseTo(77, within(77 * 0.15));
        assertThat(ep.accuracy()).isCloseTo(84, within(3.0));
    }

    @Test
    void answering_directly_is_far_shorter_and_far_less_accurate_than_chain_of_thought() {
        // given the GSM8K test split, when every problem is asked for the answer without reasoning
        Figures direct = new Figures();
        for (Problem problem : problems) {
            direct.add(SimulatedModelTest.ask(model, Prompts.direct(problem)), problem);
        }

        // then
        System.out.printf("[SIMULATED] direct answers on %d GSM8K problems: %.1f output tokens, %.1f%% accuracy%n",
                direct.count, direct.meanTokens(), direct.accuracy());
        assertThat(direct.meanTokens()).isBetween(5.0, 15.0);
        assertThat(direct.accuracy()).isBetween(28.0, 42.0).isLessThan(cot.accuracy() - 30);
    }

    @Test
    void chain_of_draft_takes_about_a_fifth_of_the_tokens_a_few_points_below_chain_of_thought() {
        // given the GSM8K test split, when every problem is asked with Chain of Draft's instruction
        Figures draft = new Figures();
        for (Problem problem : problems) {
            draft.add(SimulatedModelTest.ask(model, Prompts.CHAIN_OF_DRAFT,
                    Prompts.chainOfDraft(problem)), problem);
        }

        // then
        double share = draft.meanTokens() / cot.meanTokens();
        System.out.printf("[SIMULATED] Chain of Draft on %d GSM8K problems: %.1f output tokens (%.0f%% of CoT's),"
                + " %.1f%% accuracy%n", draft.count, draft.meanTokens(), 100 * share, draft.accuracy());
        assertThat(share).isBetween(0.15, 0.30);
        assertThat(draft.accuracy()).isCloseTo(cot.accuracy(), within(8.0)).isLessThan(cot.accuracy());
    }

    @Test
    void halving_the_budget_from_the_cot_length_finds_a_far_smaller_budget_that_stays_right() {
        // given 50 known problems and the length of each one's vanilla CoT answer
        List<Problem> fifty = problems.subList(0, 50);
        long cotTokens = 0;
        long optimalBudgets = 0;
        for (Problem problem : fifty) {
            int tokens = SimulatedModelTest.tokens(SimulatedModelTest.ask(model, Prompts.cot(problem)));
            cotTokens += tokens;

            // when the budget is halved for as long as the answer stays right and gets shorter (the paper's search)
            int budget = tokens;
            int previous = tokens;
            while (budget > 1) {
                String reply = SimulatedModelTest.ask(model, Prompts.budgeted(problem, budget / 2));
                int replyTokens = SimulatedModelTest.tokens(reply);
                if (!isRight(reply, problem) || replyTokens >= previous) {
                    break;
                }
                budget /= 2;
                previous = replyTokens;
            }
            optimalBudgets += budget;
        }

        // then
        double meanCot = cotTokens / 50.0;
        double meanOptimal = optimalBudgets / 50.0;
        System.out.printf("[SIMULATED] budget search on 50 GSM8K problems: mean optimal budget %.1f, CoT %.1f tokens%n",
                meanOptimal, meanCot);
        assertThat(meanOptimal).isGreaterThan(10).isLessThan(meanCot / 2);
    }

    static List<Problem> read(Path file) throws UnreadableFileException {
        List<Problem> read = new ArrayList<>();
        try (ProblemStream stream = ProblemFiles.open(file)) {
            stream.forEachRemaining(input -> {
                if (input instanceof Problem problem) {
                    read.add(problem);
                }
            });
        }
        return read;
    }

    /** Replies counted: how many, their tokens, how many right. */
    static final class Figures {
        int count;
        long tokens;
        int right;

        void add(String reply, Problem problem) {
            count++;
            tokens += SimulatedModelTest.tokens(reply);
            if (isRight(reply, problem)) {
                right++;
            }
        }

        double meanTokens() {
            return tokens / (double) count;
        }

        double accuracy() {
            return 100.0 * right / count;
        }
    }

    /** Against a worked solution's {@code #### N}, or a plain value. */
    static boolean isRight(String reply, Problem problem) {
        String answer = problem.answer();
        int mark = answer.lastIndexOf("####");
        return sameNumber(extract(reply), mark < 0 ? answer : answer.substring(mark + 4));
    }

    /**
     * The last [[...]], else the last number (which is what follows Chain of Draft's ####): enough for these
     * replies (the real scorer lives elsewhere).
     */
    static String extract(String reply) {
        String last = null;
        Matcher brackets = DOUBLE_BRACKETS.matcher(reply);
        while (brackets.find()) {
            last = brackets.group(1);
        }
        if (last == null) {
            Matcher number = NUMBER.matcher(reply);
            while (number.find()) {
                last = number.group();
            }
        }
        return last == null ? "" : last;
    }

    static boolean sameNumber(String a, String b) {
        try {
            return new BigDecimal(clean(a)).compareTo(new BigDecimal(clean(b))) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String clean(String number) {
        return number.replace(",", "").replace("$", "").strip();
    }
}
