package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlipsTest {

    @Test
    void a_slip_never_lands_on_the_right_answer() {
        // given
        WorkedSolution right = WorkedSolution.parse(SampleProblems.HOUSE_SOLUTION);

        for (int seed = 0; seed < 500; seed++) {
            // when
            WorkedSolution wrong = Slips.wrong(right, SampleProblems.HOUSE, Dice.of(seed, "q", "slip", 0));

            // then
            assertThat(WorkedSolution.sameNumber(wrong.answer(), right.answer())).as("seed %d", seed).isFalse();
        }
    }

    @Test
    void a_slip_carries_its_wrong_result_into_the_step_that_made_it() {
        // given
        WorkedSolution right = WorkedSolution.parse(SampleProblems.DUCKS_SOLUTION);

        for (int seed = 0; seed < 100; seed++) {
            // when
            WorkedSolution wrong = Slips.wrong(right, SampleProblems.DUCKS, Dice.of(seed, "q", "slip", 0));

            // then
            WorkedSolution.Step last = wrong.steps().get(wrong.steps().size() - 1);
            assertThat(last.result()).as("seed %d", seed).isEqualTo(wrong.answer());
        }
    }
}
