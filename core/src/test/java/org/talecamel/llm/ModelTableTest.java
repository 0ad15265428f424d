package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which row of {@code config/models.csv} a model name finds, and what a bad table says. */
class ModelTableTest {

    private static final ModelTable SHIPPED = ModelTable.load(Path.of("config/models.csv"));

    @ParameterizedTest(name = "{0} takes {1}, temperature {2}, reasoning {3}, native {4}")
    @CsvSource({
            "gpt-4o-mini, max_tokens, true, false, max_tokens",
            "gpt-4o-mini-2024-07-18, max_tokens, true, false, max_tokens",
            "GPT-4.1-nano, max_tokens, true, false, max_tokens",
            "gpt-3.5-turbo-0125, max_tokens, true, false, max_tokens",
            "o1, max_completion_tokens, false, true, max_completion_tokens",
            "o1-mini-2024-09-12, max_completion_tokens, false, false, max_completion_tokens",
            "o3-mini-2025-01-31, max_completion_tokens, false, true, max_completion_tokens",
            "o4-mini, max_completion_tokens, false, true, max_completion_tokens",
            "gpt-5, max_completion_tokens, false, true, max_completion_tokens",
            "gpt-5-mini, max_completion_tokens, false, true, max_completion_tokens",
            "gpt-5-nano-2025-08-07, max_completion_tokens, false, true, max_completion_tokens",
            "gpt-5-chat-latest, max_completion_tokens, true, false, max_completion_tokens",
            "simulated-gpt-5-mini, max_completion_tokens, false, true, max_completion_tokens",
            "Qwen/Qwen3-8B, max_tokens, true, false, thinking_token_budget",
            "llama3.1:8b, max_tokens, true, false, max_tokens",
    })
    void should_find_the_shipped_row_of_a_model_its_snapshots_and_the_default(String model, String limit,
                                                                             boolean temperature, boolean reasoning,
                                                                             String nativeBudget) {
        ModelParameters takes = SHIPPED.of(model);

        assertThat(takes.tokenLimit().field()).isEqualTo(limit);
        assertThat(takes.temperature()).isEqualTo(temperature);
        assertThat(takes.reasoning()).isEqualTo(reasoning);
        assertThat(takes.nativeBudget().field()).isEqualTo(nativeBudget);
    }

    @Test
    void should_prefer_a_named_row_to_a_glob_and_the_first_glob_to_a_later_one(@TempDir Path dir) throws Exception {
        // given: a glob above the name, and two globs that both match gpt-5-mini
        Path csv = Files.writeString(dir.resolve("models.csv"), String.join(",", ModelTable.COLUMNS) + "\n"
                + "gpt-5*,max_completion_tokens,no,yes,max_completion_tokens,a\n"
                + "gpt-*,max_tokens,yes,no,max_tokens,b\n"
                + "gpt-5-mini,max_completion_tokens,yes,yes,none,c\n");
        ModelTable table = ModelTable.load(csv);

        // then
        assertThat(table.of("gpt-5-mini").temperature()).isTrue();
        assertThat(table.of("gpt-5-mini-2025-08-07").where()).endsWith("line 4");
        assertThat(table.of("gpt-5-mini-fast").pattern()).isEqualTo("gpt-5*");
        assertThat(table.of("gpt-4o").pattern()).isEqualTo("gpt-*");
        // not a snapshot and no glob: the classic default
        assertThat(table.of("o3")).isEqualTo(ModelParameters.CLASSIC);
        assertThat(ModelTable.classic().of("gpt-5")).isEqualTo(ModelParameters.CLASSIC);
    }

    @Test
    void should_name_the_file_line_and_column_of_a_bad_row(@TempDir Path dir) throws Exception {
        String header = String.join(",", ModelTable.COLUMNS) + "\n";
        Path badLimit = Files.writeString(dir.resolve("a.csv"), "# comment\n" + header
                + "gpt-5,max_output_tokens,no,yes,none,x\n");
        Path badYes = Files.writeString(dir.resolve("b.csv"), header + "gpt-5,max_tokens,maybe,yes,none,x\n");
        Path twice = Files.writeString(dir.resolve("c.csv"), header + "gpt-5,max_tokens,no,yes,none,x\n"
                + "GPT-5,max_tokens,no,yes,none,x\n");
        Path noColumn = Files.writeString(dir.resolve("d.csv"), "model,token_limit\n");

        assertThatThrownBy(() -> ModelTable.load(badLimit)).hasMessageContaining("a.csv line 3 (gpt-5): token_limit"
                + " 'max_output_tokens' is not one of max_tokens, max_completion_tokens");
        assertThatThrownBy(() -> ModelTable.load(badYes)).hasMessageContaining("b.csv line 2 (gpt-5): temperature is"
                + " yes or no, not 'maybe'");
        assertThatThrownBy(() -> ModelTable.load(twice)).hasMessageContaining("c.csv line 3: model 'GPT-5' has a row"
                + " already, on line 2");
        assertThatThrownBy(() -> ModelTable.load(noColumn)).hasMessageContaining("d.csv line 1: the header has no"
                + " column temperature, reasoning, native_budget, source");
    }
}
