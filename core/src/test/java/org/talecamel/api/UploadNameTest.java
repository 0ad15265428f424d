package org.talecamel.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "->", value = {
            "../evil.jsonl                -> evil.jsonl",
            "../../../etc/cron.d/x.csv    -> x.csv",
            "..\\..\\windows\\evil.json   -> evil.json",
            "/etc/passwd.jsonl            -> passwd.jsonl",
            "C:\\Users\\me\\problems.jsonl -> problems.jsonl",
            "..                           -> ''",
            ".hidden.jsonl                -> hidden.jsonl",
            "...jsonl                     -> jsonl",
            "my problems 2.jsonl          -> my problems 2.jsonl",
            "задачи по математике.jsonl   -> задачи по математике.jsonl",
            "算数.csv                      -> 算数.csv",
            "a:b|c?.json                  -> a_b_c_.json",
    })
    void should_keep_only_a_plain_name(String requested, String kept) {
        assertThat(UploadName.sanitise(requested)).isEqualTo(kept);
    }

    @Test
    void should_drop_control_and_direction_characters() {
        assertThat(UploadName.sanitise("evil\u0000\n\r\t.json\u202El")).isEqualTo("evil.jsonl");
    }

    @Test
    void should_never_name_a_path_outside_the_folder_it_is_resolved_in() {
        Path folder = Path.of("/srv/uploads");
        for (String requested : new String[] {"../x.jsonl", "..", ".", "/", "a/../../b.csv", "\u0000../..\u0000/c.json"}) {
            Path resolved = folder.resolve("20260101-120000-000-ab12-" + UploadName.sanitise(requested)).normalize();
            assertThat(resolved.getParent()).as(requested).isEqualTo(folder);
        }
    }

    @Test
    void should_shorten_a_long_name_keeping_its_extension() {
        String kept = UploadName.sanitise("ä".repeat(300) + ".jsonl");
        assertThat(kept).endsWith(".jsonl").startsWith("ää");
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(UploadName.MAX_BYTES);
    }
}
