package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkedSolutionTest {

    @Test
    void splits_a_gsm8k_solution_into_steps_without_calculator_notes() {
        // when
        WorkedSolution solution = WorkedSolution.parse(SampleProblems.DUCKS_SOLUTION);

        // then
        assertThat(solution.steps()).extracting(WorkedSolution.Step::text).containsExactly(
                "Janet sells 16 - 3 - 4 = 9 duck eggs a day.",
                "She makes 9 * 2 = $18 every day at the farmer’s market.");
        assertThat(solution.steps()).extracting(WorkedSolution.Step::expression).containsExactly("16-3-4", "9*2");
        assertThat(solution.answer()).isEqualTo("18");
    }

    @Test
    void takes_the_answer_after_the_hashes_without_thousands_separators() {
        assertThat(WorkedSolution.parse("Total: 1,000+450=<<1000+450=1450>>1,450\n#### 1,450").answer())
                .isEqualTo("1450");
    }

    @Test
    void takes_a_bare_value_as_the_answer_of_a_solution_without_steps() {
        WorkedSolution solution = WorkedSolution.parse("48.0");

        assertThat(solution.steps()).isEmpty();
        assertThat(solution.answer()).isEqualTo("48");
    }
}
