package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestShapeTest {

    private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.system("You are a helpful assistant."),
            ChatMessage.user("Q: 2+2?"));

    @Test
    void should_send_the_reference_request_under_the_paper_preset_whatever_the_temperature_and_budget() {
        // llm_models/__init__.py call_gpt: messages, "max_tokens": 1024, "seed": 1024, "n": 1, and no temperature
        String body = new RequestShape(Preset.PAPER, 0.7, 0).request("gpt-4o-mini", MESSAGES, 35).json();

        assertThat(body).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"Q: 2+2?\"}],"
                + "\"max_tokens\":1024,\"seed\":1024,\"n\":1}");
    }

    @Test
    void should_send_our_temperature_and_the_hard_cap_only_on_budget_aware_calls_by_default() {
        RequestShape shape = new RequestShape(Preset.DEFAULT, 0, 1.5);

        assertThat(shape.request("m", MESSAGES, 35).json()).endsWith("\"temperature\":0.0,\"max_tokens\":53}");
        assertThat(shape.request("m", MESSAGES, null).json()).endsWith("\"temperature\":0.0}");
        assertThat(new RequestShape(Preset.DEFAULT, 0, 0).request("m", MESSAGES, 35).json())
                .endsWith("\"temperature\":0.0}");
    }

    @Test
    void should_refuse_a_hard_cap_under_the_paper_preset_and_an_unknown_preset() {
        assertThatThrownBy(() -> new RequestShape(Preset.PAPER, 0, 2))
                .hasMessageContaining("tale.preset=paper sends max_tokens 1024")
                .hasMessageContaining("tale.budget.hard-cap-factor=2.0");
        assertThatThrownBy(() -> Preset.of("reference"))
                .hasMessage("tale.preset: unknown preset 'reference' (known: default, paper)");
        assertThat(Preset.of(" Paper ")).isEqualTo(Preset.PAPER);
        assertThat(Preset.of("")).isEqualTo(Preset.DEFAULT);
    }
}
