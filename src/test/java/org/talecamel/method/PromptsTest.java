package org.talecamel.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The prompt texts are the TALE reference implementation's, byte for byte. */
class PromptsTest {

    private static final String QUESTION = "Janet has 3 apples. How many?";

    @Test
    void should_build_the_reference_cot_prompt_byte_for_byte() {
        assertThat(Prompts.cot(QUESTION)).isEqualTo(
                "Q: Janet has 3 apples. How many?\nPlease Give the response by strictly following this format: "
                + "[[answer]], for example: Answer: [[50]].Let's think step by step:\n");
    }

    @Test
    void should_splice_the_budget_into_the_cot_prompt_byte_for_byte() {
        assertThat(Prompts.budgeted(QUESTION, 77)).isEqualTo(
                "Q: Janet has 3 apples. How many?\nPlease Give the response by strictly following this format: "
                + "[[answer]], for example: Answer: [[50]].Let's think step by step and use less than 77 tokens:\n");
    }

    @Test
    void should_build_the_zero_shot_estimator_prompt_byte_for_byte() {
        assertThat(Prompts.estimator(QUESTION)).isEqualTo(
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a "
                + "complete and accurate response. Please Give the response by strictly following this format: "
                + "[[budget]],for example: Budget: [[12]].\n\nBelow is the question:\n\n"
                + "Question: \"Janet has 3 apples. How many?\"");
    }

    @Test
    void should_use_the_reference_system_message() {
        assertThat(Prompts.SYSTEM).isEqualTo("You are a helpful assistant.");
    }

    @Test
    void should_refuse_a_budget_that_is_not_positive() {
        // the reference implementation once asked for "less than -1 tokens"; that must never reach a model
        assertThatThrownBy(() -> Prompts.budgeted(QUESTION, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prompts.budgeted(QUESTION, 0)).isInstanceOf(IllegalArgumentException.class);
    }


}
