package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArithmeticTest {

    @Test
    void works_out_a_calculation_one_operation_at_a_time_in_the_usual_order() {
        // when
        WorkedSolution solution = Arithmetic.solve("What is (12 + 4) * 3 - 10 / 4?").orElseThrow();

        // then
        assertThat(solution.steps()).extracting(WorkedSolution.Step::expression).containsExactly("12+4", "16*3", "10/4", "48-2.5");
        assertThat(solution.answer()).isEqualTo("45.5");
    }

    @Test
    void takes_a_bare_calculation_for_a_task_but_not_a_word_problem_that_contains_one() {
        assertThat(Arithmetic.task("Calculate 1,250 × 4.")).map(WorkedSolution::answer).contains("5000");
        assertThat(Arithmetic.task("Tom works 5-6 hours a day for 12 days at $9 an hour. How much does he earn?")).isEmpty();
        assertThat(Arithmetic.task("Julie is reading a 120-page book.")).isEmpty();
    }

    @Test
    void ends_on_the_reference_value_when_the_calculation_comes_to_it_to_two_decimals() {
        assertThat(Arithmetic.solving("Calculate 10 / 3.", "3.33")).map(WorkedSolution::answer).contains("3.33");
        assertThat(Arithmetic.solving("Calculate 10 / 3.", "3")).isEmpty();
    }
}
