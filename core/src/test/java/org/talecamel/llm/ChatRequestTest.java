package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    @Test
    void should_write_the_openai_body_with_max_tokens_only_when_set() {
        // the response cache's key is made of this text: a change in it would make every cached answer a miss
        assertThat(new ChatRequest("m", List.of(ChatMessage.system("s"), ChatMessage.user("q")), 0.5, 7).json())
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                        + "{\"role\":\"user\",\"content\":\"q\"}],\"temperature\":0.5,\"max_tokens\":7}");
        assertThat(new ChatRequest("m", List.of(ChatMessage.user("q")), 0.0, null).json())
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"temperature\":0.0}");
    }
}
