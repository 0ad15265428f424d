package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.talecamel.llm.simulator.TalePrompt.Direct;
import org.talecamel.llm.simulator.TalePrompt.Draft;
import org.talecamel.llm.simulator.TalePrompt.Estimate;
import org.talecamel.llm.simulator.TalePrompt.Question;
import org.talecamel.llm.simulator.TalePrompt.Reason;
import org.talecamel.method.Prompts;
import org.talecamel.method.Prompts.Family;
import org.talecamel.problems.Language;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Template;

class TalePromptTest {

    private static final String QUESTION = "Ann has 3 \"red\" apples.\nHow many apples does she have?";
    private static final List<String> CHOICES = List.of("4", "6", "7", "9");

    /** A question of each family as a user would write it: several lines, quotes, Chinese, options. */
    private static Question askedIn(Family family) {
        return switch (family) {
            case GSM8K -> plain(QUESTION);
            case CLOZE_EN -> plain("What is 1/4 + 1/8?\nAnswer as a decimal.");
            case CLOZE_ZH -> plain("小明有5个苹果，又买了3个，现在一共有几个苹果？");
            case CHOICE_EN -> new Question("Which number is prime?", CHOICES);
            case CHOICE_ZH -> new Question("下列哪个数是质数？", CHOICES);
            case GPQA -> new Question("Which particle carries the\nelectromagnetic force?",
                    List.of("The photon", "The gluon", "The W boson", "The graviton", "The Higgs boson"));
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void recognises_every_prompt_of_every_family_with_its_question_options_and_budget(Family family) {
        // given
        Question asked = askedIn(family);
        String question = family.question(asked.text(), asked.choices());

        // when, then
        assertThat(TalePrompt.of(Prompts.SYSTEM, family.cot(question))).isEqualTo(new Reason(asked, 0));
        assertThat(TalePrompt.of(Prompts.SYSTEM, family.budgeted(question, 57))).isEqualTo(new Reason(asked, 57));
        assertThat(TalePrompt.of(Prompts.SYSTEM, family.direct(question))).isEqualTo(new Direct(asked));
        assertThat(TalePrompt.of(Prompts.SYSTEM, family.estimator(question))).isEqualTo(new Estimate(asked));
    }

    @Test
    void recognises_the_prompts_tale_camel_sends_for_a_problem_of_a_file() {
        // given
        Problem problem = new Problem("zh.jsonl", 1, "z-1", "下列哪个数是质数？", "C", CHOICES, null, null, Language.ZH);
        Question asked = new Question("下列哪个数是质数？", CHOICES);

        // when, then
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.cot(problem))).isEqualTo(new Reason(asked, 0));
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.budgeted(problem, 1))).isEqualTo(new Reason(asked, 1));
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.estimator(problem))).isEqualTo(new Estimate(asked));
    }

    @Test
    void takes_any_other_text_for_a_question_asked_without_a_budget() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, "What is 2 + 2?")).isEqualTo(new Reason(plain("What is 2 + 2?"), 0));
    }

    @Test
    void takes_all_that_follows_the_estimator_task_for_the_question_when_it_is_framed_another_way() {
        assertThat(TalePrompt.of(Prompts.SYSTEM, Prompts.ESTIMATOR_TASK + "\n\nWhat is 2 + 2?"))
                .isEqualTo(new Estimate(plain("What is 2 + 2?")));
    }

    @Test
    void recognises_chain_of_draft_by_its_system_message() {
        Problem open = new Problem("f.jsonl", 1, "p", QUESTION, "3");
        Problem choice = new Problem("f.jsonl", 2, "q", "Which number is prime?", "C", CHOICES, null, Template.GPQA, null);

        assertThat(TalePrompt.of(Prompts.CHAIN_OF_DRAFT, Prompts.chainOfDraft(open))).isEqualTo(new Draft(plain(QUESTION)));
        assertThat(TalePrompt.of(Prompts.CHAIN_OF_DRAFT, Prompts.chainOfDraft(choice)))
                .isEqualTo(new Draft(new Question("Which number is prime?", CHOICES)));
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
