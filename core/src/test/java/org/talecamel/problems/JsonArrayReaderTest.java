package org.talecamel.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talecamel.problems.TestFiles.BOM;
import static org.talecamel.problems.TestFiles.concat;
import static org.talecamel.problems.TestFiles.problemsIn;
import static org.talecamel.problems.TestFiles.readAll;
import static org.talecamel.problems.TestFiles.rejectionsIn;
import static org.talecamel.problems.TestFiles.utf8;
import static org.talecamel.problems.TestFiles.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArrayReaderTest {

    @TempDir
    Path dir;

    @Test
    void should_read_each_element_as_a_problem_at_the_line_where_it_starts() throws Exception {
        // given
        Path file = write(dir, "set.json", """
                [
                  {
                    "id": "a",
                    "question": "What is 2 + 3?",
                    "answer": "#### 5"
                  },
                  {"question": "What is 4 * 6?", "answer": 24.0}
                ]
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("set.json", 2, "a", "What is 2 + 3?", "#### 5"),
                new Problem("set.json", 7, "set-L7", "What is 4 * 6?", "24.0"));
    }

    @Test
    void should_read_choices_and_data_set_of_an_element() throws Exception {
        // given
        Path file = write(dir, "bench.json", """
                [
                  {"id": "m1", "question": "What is 15% of 80?", "choices": ["8", "12", "15", "20"], "answer": "B",
                   "dataset": "mathbench-style-choice"},
                  {"id": "m2", "question": "Which is even?", "choices": ["7", "9"], "answer": "E"}
                ]
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("bench.json", 2, "m1", "What is 15% of 80?", "B", List.of("8", "12", "15", "20"), "mathbench-style-choice"),
                new Rejection("bench.json", 4, "answer 'E' is not one of the choices A-B"));
    }

    @Test
    void should_read_the_template_and_language_of_an_element() throws Exception {
        // given
        Path file = write(dir, "families.json", """
                [
                  {"id": "z1", "question": "计算 37 * 12。", "answer": 444, "template": "cloze", "language": "zh"},
                  {"id": "z2", "question": "What is 6 * 8?", "language": "zh"}
                ]
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("families.json", 2, "z1", "计算 37 * 12。", "444", List.of(), null, Template.CLOZE, Language.ZH),
                new Rejection("families.json", 3, "field 'language' must be en with template 'gsm8k', found 'zh':"
                        + " the reference implementation has no 'zh' gsm8k template"));
    }

    @Test
    void should_read_an_empty_array_as_no_problems() throws Exception {
        // given
        Path file = write(dir, "none.json", "[ ]\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).isEmpty();
    }

    @Test
    void should_reject_an_element_that_is_not_a_usable_object_and_go_on() throws Exception {
        // given
        Path file = write(dir, "mixed.json", """
                [
                  "What is 1 + 1?",
                  {"id": "no-question", "answer": "#### 2"},
                  {"question": "What is 2 + 2?"}
                ]
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Rejection("mixed.json", 2, "expected a JSON object, found a string"),
                new Rejection("mixed.json", 3, "missing field 'question'"),
                new Problem("mixed.json", 4, "mixed-L4", "What is 2 + 2?", ""));
    }

    @Test
    void should_end_with_one_rejection_at_a_syntax_error() throws Exception {
        // given
        Path file = write(dir, "cut.json", """
                [
                  {"question": "What is 1 + 1?"},
                  {"question": "What is 2 + 2?",, "answer": "4"},
                  {"question": "What is 3 + 3?"}
                ]
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::line).containsExactly(2L);
        assertThat(rejectionsIn(items)).singleElement().satisfies(rejection -> {
            assertThat(rejection.line()).isEqualTo(3);
            assertThat(rejection.reason()).startsWith("JSON syntax error: Unexpected character (',' (code 44))")
                    .endsWith("; the rest of the file could not be read")
                    .doesNotContain("Source");
        });
    }

    @Test
    void should_reject_content_after_the_closing_bracket() throws Exception {
        // given
        Path file = write(dir, "trailing.json", "[{\"question\": \"What is 1 + 1?\"}]\n{\"question\": \"What is 2 + 2?\"}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("trailing.json", 1, "trailing-L1", "What is 1 + 1?", ""),
                new Rejection("trailing.json", 2, "unexpected content after the closing ']'"));
    }

    @Test
    void should_keep_default_ids_apart_when_elements_share_a_line() throws Exception {
        // given
        Path file = write(dir, "compact.json", "[{\"question\": \"A?\"}, {\"question\": \"B?\"}, {\"question\": \"C?\"}]");

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).extracting(Problem::id).containsExactly("compact-L1", "compact-L1-2", "compact-L1-3");
    }

    @Test
    void should_ignore_a_byte_order_mark_at_the_start() throws Exception {
        // given
        Path file = write(dir, "bom.json", concat(BOM, utf8("[{\"id\": 3, \"question\": \"What is 1 + 1?\"}]")));

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Problem("bom.json", 1, "3", "What is 1 + 1?", ""));
    }

    @Test
    void should_reject_an_element_with_invalid_utf8_and_go_on() throws Exception {
        // given
        Path file = write(dir, "latin1.json", concat(
                utf8("[\n{\"question\": \"Caf"), new byte[] {(byte) 0xE9}, utf8(" costs 3. Two?\"},\n{\"question\": \"What is 2 + 2?\"}\n]")));

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Rejection("latin1.json", 2, "invalid UTF-8"),
                new Problem("latin1.json", 3, "latin1-L3", "What is 2 + 2?", ""));
    }
}
