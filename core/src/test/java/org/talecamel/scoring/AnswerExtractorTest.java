package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerExtractorTest {

    @Test
    void takes_the_answer_in_double_brackets() {
        // given
        String output = "She sells 9 eggs at $2 each, so she makes 9 * 2 = 18 dollars.\nAnswer: [[18]]";

        // when / then
        assertThat(AnswerExtractor.extract(output)).contains("18");
    }

    @Test
    void takes_the_last_double_brackets_when_the_model_corrects_itself() {
        String output = "First guess: [[16]]. Wait, she also bakes with 4 eggs, so 16 - 3 - 4 = 9 and 9 * 2 = 18.\n"
                + "Answer: [[18]]";

        assertThat(AnswerExtractor.extract(output)).contains("18");
    }

    @Test
    void keeps_the_text_inside_the_brackets_as_written() {
        assertThat(AnswerExtractor.extract("Answer: [[ $1,080.00 ]]")).contains("$1,080.00");
    }

    @Test
    void prefers_double_brackets_to_every_other_marker() {
        String output = "#### 12\nThe answer is 13.\n\\boxed{14}\nAnswer: [[15]] and then 16";

        assertThat(AnswerExtractor.extract(output)).contains("15");
    }

    @Test
    void skips_empty_double_brackets() {
        assertThat(AnswerExtractor.extract("The answer is 18. Answer: [[ ]]")).contains("18");
    }

    @Test
    void takes_the_number_after_the_gsm8k_hashes() {
        assertThat(AnswerExtractor.extract("16 - 3 - 4 = 9\n9 * 2 = 18\n#### 18")).contains("18");
    }

    @Test
    void does_not_take_a_markdown_heading_for_the_gsm8k_hashes() {
        // given a model that formats its reasoning with level-4 headings
        String output = "#### Step 1: Eggs left\n16 - 3 - 4 = 9\n#### 2. Money\n9 * 2 = 18\nThe answer is 18.";

        // when / then
        assertThat(AnswerExtractor.extract(output)).contains("18");
    }

    @Test
    void prefers_the_gsm8k_hashes_to_a_sentence() {
        assertThat(AnswerExtractor.extract("The answer is 17.\n#### 18")).contains("18");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "So she makes 18 dollars. The answer is 18.",
        "The final answer is 18.",
        "the answer is: 18",
        "Answer: 18",
        "**Answer:** 18",
        "**Final Answer:**\n\n18",
        "Therefore, the answer would be 18."
    })
    void takes_the_answer_stated_in_a_sentence(String output) {
        assertThat(AnswerExtractor.extract(output)).contains("18");
    }

    @Test
    void does_not_take_an_answer_colon_in_the_middle_of_the_reasoning_for_the_answer() {
        // given
        String output = "To find the answer: 16 - 3 - 4 = 9 eggs are sold. She makes 9 × 2 = 18 dollars.";

        // when / then
        assertThat(AnswerExtractor.extract(output)).contains("18");
    }

    @Test
    void ends_a_stated_answer_at_the_end_of_its_sentence_not_at_a_decimal_point() {
        assertThat(AnswerExtractor.extract("The answer is 7.5. I double-checked 3 times.")).contains("7.5");
        assertThat(AnswerExtractor.extract("The answer is $18 per day.\nHope this helps!")).contains("$18 per day");
    }

    @Test
    void takes_the_last_stated_answer() {
        assertThat(AnswerExtractor.extract("The answer is 16? No: the answer is 18.")).contains("18");
    }

    @Test
    void prefers_a_stated_answer_to_a_box() {
        assertThat(AnswerExtractor.extract("\\boxed{17}\nThe answer is 18.")).contains("18");
    }

    @Test
    void takes_the_content_of_the_last_box_with_nested_braces() {
        String output = "First \\boxed{2}, then simplifying: $\\boxed{\\frac{1}{2}}$";

        assertThat(AnswerExtractor.extract(output)).contains("\\frac{1}{2}");
    }

    @Test
    void skips_a_box_cut_off_before_it_closes() {
        assertThat(AnswerExtractor.extract("\\boxed{12} and finally \\boxed{\\frac{1}{")).contains("12");
    }

    @Test
    void falls_back_to_the_last_number() {
        String output = "She has 16 - 3 - 4 = 9 eggs left and sells them for $2 each, making $18 a day.";

        assertThat(AnswerExtractor.extract(output)).contains("18");
    }

    @Test
    void falls_back_to_the_last_number_with_its_sign_separators_and_fraction() {
        assertThat(AnswerExtractor.extract("The temperature dropped to -3 degrees")).contains("-3");
        assertThat(AnswerExtractor.extract("Her balance is now −5")).contains("−5");
        assertThat(AnswerExtractor.extract("He made -$5 on the deal")).contains("-$5");
        assertThat(AnswerExtractor.extract("In total that is 1,080 pages")).contains("1,080");
        assertThat(AnswerExtractor.extract("Each child gets 3 1/2 cookies")).contains("3 1/2");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n\t", "I'm sorry, but I can't help with that.", "Answer: [[ ]]"})
    void finds_nothing_when_the_output_gives_no_answer(String output) {
        assertThat(AnswerExtractor.extract(output)).isEmpty();
    }
}
