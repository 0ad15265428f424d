package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talecamel.llm.simulator.CalibrationTest.Figures;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;

/**
 * Checks the simulator on GSM8K-Zero (2,978 questions that state their own answer, published with the TALE paper):
 * chain of thought restates the answer, far shorter than on GSM8K and nearly always right; TALE-EP shorter still.
 */
class Gsm8kZeroCalibrationTest {

    private static final Path GSM8K_ZERO = Path.of("../shared/datasets/gsm8k-zero/GSM8K-Zero.jsonl");
    /** The TALE paper's vanilla CoT length on GSM8K with GPT-4o-mini. */
    private static final double GSM8K_COT_TOKENS = 318;

    private static final List<Problem> problems = new ArrayList<>();
    private static SimulatedModel model;

    @BeforeAll
    static void loadGsm8kZero() throws Exception {
        Assumptions.assumeTrue(Files.exists(GSM8K_ZERO), "GSM8K-Zero calibration skipped: ../shared/datasets absent");
        problems.addAll(CalibrationTest.read(GSM8K_ZERO));
        model = new SimulatedModel(Knowledge.load(List.of(GSM8K_ZERO)), 42);
    }

    @Test
    void chain_of_thought_restates_the_answer_far_shorter_than_on_gsm8k_and_nearly_always_right() {
        // when every question is asked with the vanilla CoT prompt
        Figures cot = figures(problem -> SimulatedModelTest.ask(model, Prompts.cot(problem)));

        // then
        System.out.printf("[SIMULATED] vanilla CoT on %d GSM8K-Zero problems: %.1f output tokens, %.1f%% accuracy%n",
                cot.count, cot.meanTokens(), cot.accuracy());
        assertThat(cot.meanTokens()).isBetween(30.0, GSM8K_COT_TOKENS / 2);
        assertThat(cot.accuracy()).isGreaterThanOrEqualTo(85);
    }

    @Test
    void tale_ep_is_shorter_still_and_direct_answers_are_mostly_right() {
        // when every question is asked with its estimated budget, and for the answer directly
        Figures cot = figures(problem -> SimulatedModelTest.ask(model, Prompts.cot(problem)));
        Figures ep = figures(problem -> {
            int budget = SimulatedModelTest.budgetIn(SimulatedModelTest.ask(model, Prompts.estimator(problem)));
            return SimulatedModelTest.ask(model, Prompts.budgeted(problem, budget));
        });
        Figures direct = figures(problem -> SimulatedModelTest.ask(model, Prompts.direct(problem)));
        Figures draft = figures(problem -> SimulatedModelTest.ask(model, Prompts.CHAIN_OF_DRAFT,
                Prompts.chainOfDraft(problem)));

        // then
        System.out.printf("[SIMULATED] TALE-EP on GSM8K-Zero: %.1f output tokens, %.1f%% accuracy%n",
                ep.meanTokens(), ep.accuracy());
        System.out.printf("[SIMULATED] direct answers on GSM8K-Zero: %.1f output tokens, %.1f%% accuracy%n",
                direct.meanTokens(), direct.accuracy());
        System.out.printf("[SIMULATED] Chain of Draft on GSM8K-Zero: %.1f output tokens, %.1f%% accuracy%n",
                draft.meanTokens(), draft.accuracy());
        assertThat(ep.meanTokens()).isLessThan(cot.meanTokens() / 2);
        assertThat(ep.accuracy()).isGreaterThanOrEqualTo(85);
        assertThat(direct.accuracy()).isBetween(78.0, 92.0);
        assertThat(draft.meanTokens()).isLessThan(cot.meanTokens() / 2);
        assertThat(draft.accuracy()).isCloseTo(cot.accuracy(), within(8.0));
    }

    private static Figures figures(Function<Problem, String> ask) {
        Figures figures = new Figures();
        for (Problem problem : problems) {
            figures.add(ask.apply(problem), problem);
        }
        return figures;
    }
}
