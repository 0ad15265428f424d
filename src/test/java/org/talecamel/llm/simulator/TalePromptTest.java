package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.talecamel.llm.simulator.TalePrompt.Direct;
import org.talecamel.llm.simulator.TalePrompt.Draft;
import org.talecamel.llm.simulator.TalePrompt.Estimate;
import org.talecamel.llm.simulator.TalePrompt.Question;
import org.talecamel.llm.simulator.TalePrompt.Reason;
import org.talecamel.method.Prompts;

class TalePromptTest {

    private static final String QUESTION = "Ann has 3 \"red\" apples.\nHow many apples does she have?";
    private static final String CHOICE_QUESTION = "Which number is prime?";
    private static final List<String> CHOICES = List.of("4", "6", "7", "9");
    private static final Question CHOICE = new Question(CHOICE_QUESTION, CHOICES);

    @Test
    void recognises_the_vanilla_chain_of_thought_prompt() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.cot(QUESTION))).isEqualTo(new Reason(plain(QUESTION), 0));
    }

    @Test
    void recognises_the_budgeted_prompt_and_its_budget() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.budgeted(QUESTION, 57))).isEqualTo(new Reason(plain(QUESTION), 57));
    }

    @Test
    void recognises_the_estimator_prompt_and_the_quoted_question() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.estimator(QUESTION))).isEqualTo(new Estimate(plain(QUESTION)));
    }

    @Test
    void takes_any_other_text_for_a_question_asked_without_a_budget() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, "What is 2 + 2?")).isEqualTo(new Reason(plain("What is 2 + 2?"), 0));
    }

    @Test
    void recognises_the_direct_prompts() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.direct(QUESTION))).isEqualTo(new Direct(plain(QUESTION)));
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.choiceDirect(CHOICE_QUESTION, CHOICES)))
                .isEqualTo(new Direct(CHOICE));
    }

    @Test
    void recognises_chain_of_draft_by_its_system_message() {
        assertThat(TalePrompt.of(Prompts.CHAIN_OF_DRAFT, Prompts.chainOfDraft(QUESTION, List.of())))
                .isEqualTo(new Draft(plain(QUESTION)));
        assertThat(TalePrompt.of(Prompts.CHAIN_OF_DRAFT, Prompts.chainOfDraft(CHOICE_QUESTION, CHOICES)))
                .isEqualTo(new Draft(CHOICE));
    }

    @Test
    void recognises_single_choice_prompts_with_their_options_and_budget() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.choiceCot(CHOICE_QUESTION, CHOICES)))
                .isEqualTo(new Reason(CHOICE, 0));
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.choiceBudgeted(CHOICE_QUESTION, CHOICES, 40)))
                .isEqualTo(new Reason(CHOICE, 40));
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.estimator(Prompts.withChoices(CHOICE_QUESTION, CHOICES))))
                .isEqualTo(new Estimate(CHOICE));
    }

    @Test
    void keeps_lines_that_only_look_like_options_in_the_question() {
        String notOptions = "Plan:\nB. buy bread\nC. cook\nWhat comes first?";
        String lettersOutOfOrder = "Pick one.\nA. red\nC. blue";

        assertThat(Question.of(notOptions)).isEqualTo(plain(notOptions));
        assertThat(Question.of(lettersOutOfOrder)).isEqualTo(plain(lettersOutOfOrder));
    }

    private static Question plain(String question) {
        return new Question(question, List.of());
    }
}
