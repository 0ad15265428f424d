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

/**
 * Checks the simulator against the TALE paper's GPT-4o-mini figures on the GSM8K test split (1,319 problems):
 * vanilla CoT about 318 output tokens at 81% accuracy, TALE-EP about 77 tokens at 84%.
 */
class CalibrationTest {

    private static final Path GSM8K_TEST = Path.of("../shared/datasets/gsm8k/test.jsonl");
    private static final Pattern DOUBLE_BRACKETS = Pattern.compile("\\[\\[([^\\]]*)]]");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

    private static final List<Problem> problems = new ArrayList<>();
    private static SimulatedModel model;

    @BeforeAll
    static void loadGsm8k() throws Exception {
        Assumptions.assumeTrue(Files.exists(GSM8K_TEST), "calibration skipped: ../shared/datasets absent");
        try (ProblemStream stream = ProblemFiles.open(GSM8K_TEST)) {
            stream.forEachRemaining(input -> {
                if (input instanceof Problem problem) {
                    problems.add(problem);
                }
            });
        }
        model = new SimulatedModel(Knowledge.load(List.of(GSM8K_TEST)), 42);
    }

    @Test
    void vanilla_chain_of_thought_matches_the_papers_length_and_accuracy() {
        // given the GSM8K test split, when every problem is asked with the vanilla CoT prompt
        Figures cot = new Figures();
        for (Problem problem : problems) {
            cot.add(SimulatedModelTest.ask(model, Prompts.cot(problem.question())), problem);
        }

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
            int budget = SimulatedModelTest.budgetIn(SimulatedModelTest.ask(model, Prompts.estimator(problem.question())));
            budgets += budget;
            ep.add(SimulatedModelTest.ask(model, Prompts.budgeted(problem.question(), budget)), problem);
        }

        // then
        System.out.printf("[SIMULATED] TALE-EP on %d GSM8K problems: mean budget %.1f, %.1f output tokens, %.1f%% accuracy%n",
                ep.count, budgets / (double) ep.count, ep.meanTokens(), ep.accuracy());
        assertThat(ep.meanTokens()).isCloseTo(77, within(77 * 0.15));
        assertThat(ep.accuracy()).isCloseTo(84, within(3.0));
    }

    private static final class Figures {
        int count;
        long tokens;
        int right;

        void add(String reply, Problem problem) {
            count++;
            tokens += SimulatedModelTest.tokens(reply);
            String gold = problem.answer().substring(problem.answer().lastIndexOf("####") + 4);
            if (sameNumber(extract(reply), gold)) {
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

    /** The last [[...]], else the last number: enough for these replies (the real scorer lives elsewhere). */
    private static String extract(String reply) {
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

    private static boolean sameNumber(String a, String b) {
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
