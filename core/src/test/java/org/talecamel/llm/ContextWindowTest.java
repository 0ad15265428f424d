package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContextWindowTest {

    @Test
    void should_let_a_question_through_that_leaves_room_for_instructions_and_an_answer() {
        assertThat(new ContextWindow(2048).tooLong(" word".repeat(1000))).isNull();
    }

    @Test
    void should_refuse_a_question_that_leaves_too_little_room_saying_how_long_it_is() {
        assertThat(new ContextWindow(2048).tooLong(" word".repeat(1100)))
                .isEqualTo("question is 1100 tokens, too long for the model's context of 2048 tokens "
                        + "(tale.llm.context-tokens) with room for instructions and an answer");
    }

    @Test
    void should_count_tokens_not_characters() {
        // 700 characters, but over 1,024 tokens: each of these CJK characters is at least one token
        String question = "鼹鼠獾猬".repeat(350);
        assertThat(question).hasSize(1400);
        assertThat(new ContextWindow(2048).tooLong(question)).startsWith("question is ");
    }

    @Test
    void should_check_nothing_when_off() {
        assertThat(new ContextWindow(0).tooLong(" word".repeat(200_000))).isNull();
    }

    @Test
    void should_refuse_a_window_smaller_than_the_room_it_keeps() {
        assertThatThrownBy(() -> new ContextWindow(1000)).hasMessageContaining("tale.llm.context-tokens");
    }
}
