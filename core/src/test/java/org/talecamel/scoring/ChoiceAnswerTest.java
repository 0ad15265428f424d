package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceAnswerTest {

    @Test
    void takes_the_letter_in_double_brackets() {
        // given
        String output = "15% of 80 is 0.15 × 80 = 12, which is the second option.\nChoice: [[B]]";

        // when / then
        assertThat(ChoiceAnswer.extract(output)).contains("B");
    }

    @Test
    void takes_the_last_double_brackets_when_the_model_corrects_itself() {
        assertThat(ChoiceAnswer.extract("Choice: [[A]]\nNo, 21 = 3 × 7 is not prime; 29 is.\nChoice: [[C]]")).contains("C");
    }

    @Test
    void skips_double_brackets_that_hold_no_letter() {
        // given a model that echoes the format after answering
        String output = "Choice: [[D]]\nI answered in the format [[choice]], as you asked.";

        // when / then
        assertThat(ChoiceAnswer.extract(output)).contains("D");
    }

    @Test
    void does_not_take_the_prompts_format_example_for_an_answer() {
        // given a model that echoes its instructions, whose example letter is the gold of one problem in four
        String output = "A. 29 B. 21 C. 27 D. 33 Please Give the response by strictly following this format: [[choice]],"
                + "for example: Choice: [[A]].\nLet's think step by step:\n29 × 21 = 609\nAnswer: [[609]]";

        // when / then
        assertThat(ChoiceAnswer.extract(output)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[b]]", "[[(B)]]", "[[B. 12]]", "[[B) 12]]", "[[Option B]]", "[[Choice: B]]", "[[**B**]]"})
    void reads_the_letter_however_the_brackets_wrap_it(String output) {
        assertThat(ChoiceAnswer.extract(output)).contains("B");
    }

    @Test
    void prefers_double_brackets_to_every_other_marker() {
        String output = "#### A\nThe answer is (B).\n$\\boxed{C}$\nChoice: [[D]] and then\nA";

        assertThat(ChoiceAnswer.extract(output)).contains("D");
    }

    @Test
    void takes_the_letter_after_the_chain_of_draft_hashes() {
        assertThat(ChoiceAnswer.extract("rise 6, run 2\nslope 3\n#### B")).contains("B");
        assertThat(ChoiceAnswer.extract("180/2.5 = 72\n#### C. 72 km/h")).contains("C");
    }

    @Test
    void does_not_take_a_markdown_heading_for_the_chain_of_draft_hashes() {
        // given level-4 headings whose first word is a single letter
        String output = "#### A quick check\n29 is prime.\n#### I think so\nThe answer is (C).";

        // when / then
        assertThat(ChoiceAnswer.extract(output)).contains("C");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0.15 × 80 = 12. Therefore, the correct answer is option B.",
        "The answer is (B).",
        "the answer is b",
        "Answer: B",
        "**Answer:** (B)",
        "**Final Answer:**\n\nB",
        "The answer is: **B**",
        "Choice: B",
        "Correct answer: B) 12",
        "The correct option is B, 12, since 0.15 × 80 = 12.",
        "The answer is B because 0.15 × 80 = 12.",
        "0.15 × 80 = 12, which is option B.",
        "The final answer is: $\\boxed{B}$"
    })
    void takes_the_letter_stated_in_a_sentence(String output) {
        assertThat(ChoiceAnswer.extract(output)).contains("B");
    }

    @Test
    void takes_the_last_stated_letter() {
        assertThat(ChoiceAnswer.extract("The answer is (A)? No: the answer is (C).")).contains("C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Option C is correct.", "So C is the correct answer.", "(C) is the right choice."})
    void takes_the_option_said_to_be_correct(String output) {
        assertThat(ChoiceAnswer.extract("21 = 3 × 7 and 27 = 3 × 9, while 29 is prime.\n" + output)).contains("C");
    }

    @Test
    void does_not_take_an_option_said_to_be_incorrect() {
        assertThat(ChoiceAnswer.extract("Option A is incorrect. Option B is not correct either.")).isEmpty();
    }

    @Test
    void takes_the_letter_in_a_box() {
        assertThat(ChoiceAnswer.extract("Only 29 is prime.\n$\\boxed{\\text{C}}$")).contains("C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B", "b", "(B)", "**B**", "B.", "B)", "[B]", "**B.**", "Option B", "  B  "})
    void takes_a_letter_alone_on_the_last_line(String lastLine) {
        // given
        String output = "Area = πr² = π × 3² = 9π\n\n" + lastLine + "\n\n";

        // when / then
        assertThat(ChoiceAnswer.extract(output)).contains("B");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "A train leaves at 3 pm and travels 180 km in 2.5 hours.",
        "The area is A = πr² = 9π",
        "The answer is a multiple of 4.",
        "Answer: A train travelling at 72 km/h",
        "I think it is 72 km/h.",
        "The answer is B or C, depending on x.",
        "Option A is wrong; let me check B",
        "The answer is 72 km/h.",
        "#### A quick estimate"
    })
    void does_not_take_a_letter_out_of_ordinary_words(String output) {
        assertThat(ChoiceAnswer.extract(output)).isEmpty();
    }

    @Test
    void gives_the_letter_in_upper_case() {
        assertThat(ChoiceAnswer.extract("Choice: [[c]]")).contains("C");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n\t", "I'm sorry, but I can't help with that.", "Choice: [[ ]]", "Choice: [[choice]]"})
    void finds_nothing_when_the_output_names_no_option(String output) {
        assertThat(ChoiceAnswer.extract(output)).isEmpty();
    }
}
