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



    @Test
    void should_build_the_reference_direct_prompt_byte_for_byte() {
        assertThat(Prompts.direct(QUESTION)).isEqualTo(
                "Please answer the following question and give the answer directly without any reasoning process. "
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer: [[50]]."
                + "\nQ: Janet has 3 apples. How many?");
    }

    @Test
    void should_build_the_reference_single_choice_prompts_byte_for_byte() {
        java.util.List<String> choices = java.util.List.of("2", "3", "4", "5");
        String withOptions = "Janet has 3 apples. How many?\nA. 2\nB. 3\nC. 4\nD. 5";

        assertThat(Prompts.choiceCot(QUESTION, choices)).isEqualTo(withOptions
                + "\nPlease Give the response by strictly following this format: [[choice]],for example: Choice: [[A]]."
                + "\nLet's think step by step:\n");
        assertThat(Prompts.choiceBudgeted(QUESTION, choices, 40)).isEqualTo(withOptions
                + "\nPlease Give the response by strictly following this format: [[choice]],for example: Choice: [[A]]."
                + "\nLet's think step by step and use less than 40 tokens:\n");
        assertThat(Prompts.choiceDirect(QUESTION, choices)).isEqualTo(
                "Please answer the following question directly and give the answer directly without any reasoning "
                + "process. Please strictLy follow the format: [[choice]],for example: Choice: [[A]].\n" + withOptions);
    }

    @Test
    void should_use_chain_of_drafts_own_instruction_byte_for_byte() {
        assertThat(Prompts.CHAIN_OF_DRAFT).isEqualTo("Think step by step, but only keep a minimum draft for each "
                + "thinking step, with 5 words at most. Return the answer at the end of the response after a separator ####.");
        assertThat(Method.COD.systemPrompt()).isEqualTo(Prompts.CHAIN_OF_DRAFT);
        assertThat(Method.COD.userPrompt(new org.talecamel.problems.Problem("f.jsonl", 1, "p", QUESTION, "3"), null))
                .isEqualTo(QUESTION);
    }

    @Test
    void should_give_each_method_its_prompt_for_a_numeric_problem() {
        org.talecamel.problems.Problem problem = new org.talecamel.problems.Problem("f.jsonl", 1, "p", QUESTION, "3");

        assertThat(Method.DIRECT.userPrompt(problem, null)).isEqualTo(Prompts.direct(QUESTION));
        assertThat(Method.COT.userPrompt(problem, null)).isEqualTo(Prompts.cot(QUESTION));
        assertThat(Method.TALE_EP.userPrompt(problem, 77)).isEqualTo(Prompts.budgeted(QUESTION, 77));
        assertThat(Method.fixed(50).userPrompt(problem, 50)).isEqualTo(Prompts.budgeted(QUESTION, 50));
        assertThat(Method.SEARCH.userPrompt(problem, null)).isEqualTo(Prompts.cot(QUESTION));
        assertThat(Method.SEARCH.userPrompt(problem, 25)).isEqualTo(Prompts.budgeted(QUESTION, 25));
        assertThat(Method.COT.systemPrompt()).isEqualTo(Prompts.SYSTEM);
    }
}
