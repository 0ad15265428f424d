package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoldAnswerTest {

    @Test
    void takes_the_text_after_the_hashes_of_a_gsm8k_worked_solution() {
        // given
        String reference = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n"
                + "She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer's market.\n#### 18";

        // when
        String gold = GoldAnswer.fromReference(reference);

        // then
        assertThat(gold).isEqualTo("18");
    }

    @Test
    void takes_the_text_after_the_last_hashes_when_there_are_several() {
        // given
        String reference = "#### is how GSM8K marks the answer.\nSo 3 + 4 = 7\n####   7  \n";

        // when / then
        assertThat(GoldAnswer.fromReference(reference)).isEqualTo("7");
    }

    @Test
    void keeps_a_plain_reference_whole_and_trimmed() {
        assertThat(GoldAnswer.fromReference("  48.0\n")).isEqualTo("48.0");
    }

    @Test
    void keeps_a_non_numeric_reference_as_it_is() {
        assertThat(GoldAnswer.fromReference("\\frac{1}{3}")).isEqualTo("\\frac{1}{3}");
    }

    @Test
    void gives_an_empty_gold_for_an_empty_or_missing_reference() {
        assertThat(GoldAnswer.fromReference("")).isEmpty();
        assertThat(GoldAnswer.fromReference("   ")).isEmpty();
        assertThat(GoldAnswer.fromReference(null)).isEmpty();
    }

    @Test
    void gives_an_empty_gold_when_the_hashes_are_followed_by_nothing() {
        assertThat(GoldAnswer.fromReference("She makes 18 dollars.\n####")).isEmpty();
    }
}
