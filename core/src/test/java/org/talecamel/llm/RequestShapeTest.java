package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestShapeTest {

    private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.system("You are a helpful assistant."),
            ChatMessage.user("Q: 2+2?"));
    private static final ModelTable MODELS = ModelTable.load(Path.of("config/models.csv"));

    @Test
    void should_send_the_reference_request_under_the_paper_preset_whatever_the_temperature_and_budget() {
        // llm_models/__init__.py call_gpt: messages, "max_tokens": 1024, "seed": 1024, "n": 1, and no temperature
        String body = new RequestShape(Preset.PAPER, 0.7, 0).request("gpt-4o-mini", null, MESSAGES, 35).json();

        assertThat(body).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"Q: 2+2?\"}],"
                + "\"max_tokens\":1024,\"seed\":1024,\"n\":1}");
    }

    @Test
    void should_send_our_temperature_and_the_hard_cap_only_on_budget_aware_calls_by_default() {
        RequestShape shape = new RequestShape(Preset.DEFAULT, 0, 1.5);

        assertThat(shape.request("m", null, MESSAGES, 35).json()).endsWith("\"temperature\":0.0,\"max_tokens\":53}");
        assertThat(shape.request("m", null, MESSAGES, null).json()).endsWith("\"temperature\":0.0}");
        assertThat(new RequestShape(Preset.DEFAULT, 0, 0).request("m", null, MESSAGES, 35).json())
                .endsWith("\"temperature\":0.0}");
    }

    @Test
    void should_send_a_reasoning_model_no_temperature_max_completion_tokens_and_the_effort() {
        RequestShape shape = new RequestShape(Preset.DEFAULT, 0, 1.5, MODELS);

        // gpt-5-mini: no temperature, the hard cap as max_completion_tokens, reasoning_effort
        assertThat(shape.request("gpt-5-mini", ReasoningEffort.LOW, MESSAGES, 35).json())
                .endsWith("\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
                        + "{\"role\":\"user\",\"content\":\"Q: 2+2?\"}],\"max_completion_tokens\":53,"
                        + "\"reasoning_effort\":\"low\"}");
        // a classic model in the same run: its temperature, max_tokens, and no reasoning_effort
        assertThat(shape.request("gpt-4o-mini", ReasoningEffort.LOW, MESSAGES, 35).json())
                .endsWith("\"temperature\":0.0,\"max_tokens\":53}");
        // the paper's 1024 goes to a reasoning model as max_completion_tokens
        assertThat(new RequestShape(Preset.PAPER, 0, 0, MODELS).request("o4-mini", null, MESSAGES, null).json())
                .endsWith("\"max_completion_tokens\":1024,\"seed\":1024,\"n\":1}");
        assertThat(shape.describe("gpt-5-mini", ReasoningEffort.HIGH)).isEqualTo("model gpt-5-mini: no temperature"
                + " (the model takes none), max_completion_tokens = ceil(budget × 1.5) on budget-aware calls,"
                + " reasoning_effort high; config/models.csv line 36 (gpt-5*)");
        assertThat(shape.describe("gpt-4o-mini", ReasoningEffort.HIGH)).contains("temperature 0.0", "max_tokens = ceil(budget × 1.5)",
                "no reasoning_effort (not a reasoning model");
    }

    @Test
    void should_give_the_native_budget_in_the_parameter_the_model_takes() {
        RequestShape shape = new RequestShape(Preset.DEFAULT, 0, 0, MODELS);

        assertThat(shape.nativeRequest("gpt-5-mini", null, MESSAGES, 80).json()).endsWith("\"max_completion_tokens\":80}");
        assertThat(shape.nativeRequest("gpt-4o-mini", null, MESSAGES, 80).json())
                .endsWith("\"temperature\":0.0,\"max_tokens\":80}");
        assertThat(shape.nativeRequest("Qwen/Qwen3-8B", null, MESSAGES, 80).json())
                .endsWith("\"temperature\":0.0,\"thinking_token_budget\":80}");
        assertThat(shape.noNativeBudgetOrNull("gpt-5-mini")).isNull();
    }

    @Test
    void should_refuse_a_hard_cap_under_the_paper_preset_an_unknown_preset_and_an_unknown_effort() {
        assertThatThrownBy(() -> new RequestShape(Preset.PAPER, 0, 2))
                .hasMessageContaining("tale.preset=paper sends max_tokens 1024")
                .hasMessageContaining("tale.budget.hard-cap-factor=2.0");
        assertThatThrownBy(() -> Preset.of("reference"))
                .hasMessage("tale.preset: unknown preset 'reference' (known: default, paper)");
        assertThat(Preset.of(" Paper ")).isEqualTo(Preset.PAPER);
        assertThat(Preset.of("")).isEqualTo(Preset.DEFAULT);
        assertThatThrownBy(() -> ReasoningEffort.of("max")).hasMessage("tale.llm.reasoning-effort: unknown effort 'max'"
                + " (use none, minimal, low, medium, high, or leave it empty to send none)");
        assertThat(ReasoningEffort.of(" Minimal ")).isEqualTo(ReasoningEffort.MINIMAL);
        assertThat(ReasoningEffort.of("")).isNull();
    }
}
