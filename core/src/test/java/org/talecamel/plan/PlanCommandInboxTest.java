package org.talecamel.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --once --plan} without files plans what is in the inbox now, as {@code --once} would run it. */
class PlanCommandInboxTest {

    @TempDir
    Path dir;

    private String plan(Map<String, String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = PlanCommand.run(List.of(), (key, fallback) -> values.getOrDefault(key, fallback),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isEqualTo(PlanCommand.PRINTED);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_say_an_empty_inbox_would_evaluate_nothing() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));

        assertThat(plan(Map.of("tale.inbox", inbox.toString(), "tale.output", dir.toString())))
                .contains("is empty: a run would evaluate nothing");
    }

    @Test
    void should_plan_the_files_in_the_inbox_but_not_the_hidden_ones() throws Exception {
        // given
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Files.copy(Path.of("data-in/samples/gsm8k-zero-style.jsonl"), inbox.resolve("zero.jsonl"));
        Files.writeString(inbox.resolve(".gitkeep"), "");

        // when
        String printed = plan(Map.of("tale.inbox", inbox.toString(), "tale.output", dir.toString(),
                "tale.methods", "cot"));

        // then
        assertThat(printed).contains("Files: 1", "zero.jsonl", "12 problems").doesNotContain(".gitkeep");
    }

    @Test
    void should_refuse_an_unknown_method_naming_the_setting() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> values = Map.of("tale.methods", "cot,bogus");
        int code = PlanCommand.run(List.of(Path.of("data-in/samples/gsm8k-style.jsonl")),
                (key, fallback) -> values.getOrDefault(key, fallback), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(PlanCommand.NOT_PLANNED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tale.methods: unknown method 'bogus'");
    }
}
