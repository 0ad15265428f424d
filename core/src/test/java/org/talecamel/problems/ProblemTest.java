package org.talecamel.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void should_ask_in_english_with_the_gsm8k_template_or_with_choice_when_there_are_choices() {
        // when
        Problem open = new Problem("f.jsonl", 1, "a", "What is 6 * 8?", "48");
        Problem choice = new Problem("f.jsonl", 2, "b", "Which is prime?", "B", List.of("4", "7"), null);

        // then
        assertThat(open.template()).isEqualTo(Template.GSM8K);
        assertThat(open.language()).isEqualTo(Language.EN);
        assertThat(choice.template()).isEqualTo(Template.CHOICE);
        assertThat(choice.language()).isEqualTo(Language.EN);
    }

    @Test
    void should_refuse_a_template_that_does_not_fit_the_choices_or_the_language() {
        assertThatThrownBy(() -> new Problem("f.jsonl", 1, "a", "Q?", "", List.of(), null, Template.GPQA, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("template 'gpqa' needs field 'choices'");
        assertThatThrownBy(() -> new Problem("f.jsonl", 1, "a", "Q?", "", List.of(), null, null, Language.ZH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'zh' gsm8k template");
    }
}
