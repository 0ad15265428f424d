package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.talecamel.llm.simulator.TalePrompt.Estimate;
import org.talecamel.llm.simulator.TalePrompt.Reason;
import org.talecamel.method.Prompts;

class TalePromptTest {

    private static final String QUESTION = "Ann has 3 \"red\" apples.\nHow many apples does she have?";

    @Test
    void recognises_the_vanilla_chain_of_thought_prompt() {
        assertThat(TalePrompt.of(Prompts.cot(QUESTION))).isEqualTo(new Reason(QUESTION, 0));
    }

    @Test
    void recognises_the_budgeted_prompt_and_its_budget() {
        assertThat(TalePrompt.of(Prompts.budgeted(QUESTION, 57))).isEqualTo(new Reason(QUESTION, 57));
    }

    @Test
    void recognises_the_estimator_prompt_and_the_quoted_question() {
        assertThat(TalePrompt.of(Prompts.estimator(QUESTION))).isEqualTo(new Estimate(QUESTION));
    }

    @Test
    void takes_any_other_text_for_a_question_asked_without_a_budget() {
        assertThat(TalePrompt.of("What is 2 + 2?")).isEqualTo(new Reason("What is 2 + 2?", 0));
    }
}
