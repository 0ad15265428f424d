package org.talecamel.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.talecamel.problems.TestFiles.BOM;
import static org.talecamel.problems.TestFiles.concat;
import static org.talecamel.problems.TestFiles.problemsIn;
import static org.talecamel.problems.TestFiles.readAll;
import static org.talecamel.problems.TestFiles.rejectionsIn;
import static org.talecamel.problems.TestFiles.utf8;
import static org.talecamel.problems.TestFiles.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesReaderTest {

    @TempDir
    Path dir;

    @Test
    void should_read_each_line_as_a_problem_with_its_line_number() throws Exception {
        // given
        Path file = write(dir, "week1.jsonl", """
                {"id": "a", "question": "What is 2 + 3?", "answer": "2 + 3 = <<2+3=5>>5\\n#### 5"}
                {"id": "b", "question": "What is 4 * 6?", "answer": "#### 24"}
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("week1.jsonl", 1, "a", "What is 2 + 3?", "2 + 3 = <<2+3=5>>5\n#### 5"),
                new Problem("week1.jsonl", 2, "b", "What is 4 * 6?", "#### 24"));
    }

    @Test
    void should_reject_a_repeated_id_naming_the_line_that_has_it_first() throws Exception {
        // given: "a" twice, and a default id taken by an explicit one
        Path file = write(dir, "repeats.jsonl", """
                {"id": "a", "question": "What is 2 + 3?"}
                {"id": "b", "question": "What is 4 * 6?"}
                {"id": " a ", "question": "What is 5 + 5?"}
                {"id": "repeats-L5", "question": "What is 6 + 6?"}
                {"question": "What is 7 + 7?"}
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::id).containsExactly("a", "b", "repeats-L5");
        assertThat(rejectionsIn(items)).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "duplicate id 'a': line 1 has it already"),
                tuple(5L, "duplicate id 'repeats-L5': line 4 has it already"));
    }

    @Test
    void should_give_a_problem_without_id_the_file_name_and_line_as_id() throws Exception {
        // given
        Path file = write(dir, "gsm8k-style.jsonl", """
                {"id": "first", "question": "What is 1 + 1?"}
                {"question": "What is 2 + 2?"}
                {"id": "  ", "question": "What is 3 + 3?"}
                """);

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).extracting(Problem::id).containsExactly("first", "gsm8k-style-L2", "gsm8k-style-L3");
    }

    @Test
    void should_keep_numeric_answers_and_ids_as_their_json_text() throws Exception {
        // given
        Path file = write(dir, "numbers.jsonl", """
                {"id": 7, "question": "Half of 96?", "answer": 48.0}
                {"id": 8, "question": "Twice 21?", "answer": 42}
                """);

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).extracting(Problem::id, Problem::answer)
                .containsExactly(tuple("7", "48.0"), tuple("8", "42"));
    }

    @Test
    void should_leave_the_answer_empty_when_the_line_has_none() throws Exception {
        // given
        Path file = write(dir, "no-answers.jsonl", """
                {"id": "x", "question": "What is 9 - 4?"}
                {"id": "y", "question": "What is 9 - 5?", "answer": null}
                """);

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).extracting(Problem::answer).containsExactly("", "");
    }

    @Test
    void should_trim_the_question() throws Exception {
        // given
        Path file = write(dir, "spaces.jsonl", "{\"question\": \"  \\n What is 5 + 5?\\t \"}\n");

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).extracting(Problem::question).containsExactly("What is 5 + 5?");
    }

    @Test
    void should_reject_a_line_of_invalid_json_with_a_short_message_and_go_on() throws Exception {
        // given
        Path file = write(dir, "broken.jsonl", """
                {"question": "What is 1 + 2?"}
                {"question": "What is 2 + 2?"
                {"question": "What is 3 + 2?"}
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::line).containsExactly(1L, 3L);
        assertThat(rejectionsIn(items)).singleElement().satisfies(rejection -> {
            assertThat(rejection.line()).isEqualTo(2);
            assertThat(rejection.reason()).startsWith("invalid JSON: Unexpected end-of-input").doesNotContain("Source", "column");
        });
    }

    @Test
    void should_reject_a_line_holding_two_json_values() throws Exception {
        // given
        Path file = write(dir, "joined.jsonl", "{\"question\": \"What is 1 + 2?\"} {\"question\": \"What is 2 + 2?\"}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Rejection("joined.jsonl", 1, "invalid JSON: more than one JSON value on the line"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1, 2]           | expected a JSON object, found an array",
            "\"What is 2+2?\" | expected a JSON object, found a string",
            "42               | expected a JSON object, found a number",
            "true             | expected a JSON object, found a boolean",
            "null             | expected a JSON object, found null"})
    void should_reject_a_line_that_is_not_a_json_object(String line, String reason) throws Exception {
        // given
        Path file = write(dir, "values.jsonl", "{\"question\": \"What is 1 + 1?\"}\n" + line + "\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(rejectionsIn(items)).containsExactly(new Rejection("values.jsonl", 2, reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\": \"q1\"}                 | missing field 'question'",
            "{\"question\": \"   \"}          | missing field 'question'",
            "{\"question\": null}             | missing field 'question'",
            "{\"question\": 12}               | field 'question' must be a string, found a number",
            "{\"question\": \"Why?\", \"answer\": [1]}  | field 'answer' must be a string or a number, found an array",
            "{\"question\": \"Why?\", \"id\": {}}       | field 'id' must be a string or a number, found an object"})
    void should_reject_a_line_whose_fields_are_missing_or_of_the_wrong_type(String line, String reason) throws Exception {
        // given
        Path file = write(dir, "fields.jsonl", "\n" + line + "\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Rejection("fields.jsonl", 2, reason));
    }

    @Test
    void should_read_a_single_choice_problem_with_its_options_and_data_set() throws Exception {
        // given
        Path file = write(dir, "mixed.jsonl", """
                {"id": "c1", "question": "Which number is prime?", "choices": ["21", "27", "29", "33"], "answer": "c", "dataset": "mathbench-arithmetic"}
                {"id": "c2", "question": "What is 0.5 as a fraction?", "choices": [0.25, "1/2", 2], "answer": " B "}
                {"id": "n1", "question": "What is 6 * 8?", "answer": 48.0, "dataset": 2024}
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("mixed.jsonl", 1, "c1", "Which number is prime?", "C", List.of("21", "27", "29", "33"), "mathbench-arithmetic"),
                new Problem("mixed.jsonl", 2, "c2", "What is 0.5 as a fraction?", "B", List.of("0.25", "1/2", "2"), "mixed"),
                new Problem("mixed.jsonl", 3, "n1", "What is 6 * 8?", "48.0", List.of(), "2024"));
        assertThat(problemsIn(items)).extracting(Problem::isChoice).containsExactly(true, true, false);
    }

    @Test
    void should_accept_a_single_choice_problem_without_an_answer() throws Exception {
        // given
        Path file = write(dir, "unanswered.jsonl", """
                {"question": "Which is largest?", "choices": ["0.3", "0.25", "0.33"]}
                {"question": "Which is smallest?", "choices": ["0.3", "0.25", "0.33"], "answer": null}
                """);

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).hasSize(2).allSatisfy(problem -> {
            assertThat(problem.isChoice()).isTrue();
            assertThat(problem.answer()).isEmpty();
        });
    }

    @Test
    void should_read_an_empty_list_of_choices_as_an_open_problem() throws Exception {
        // given a converter that writes "choices": [] for every problem that has none
        Path file = write(dir, "open.jsonl", "{\"question\": \"What is 6 * 8?\", \"choices\": [], \"answer\": \"48\"}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Problem("open.jsonl", 1, "open-L1", "What is 6 * 8?", "48"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"choices\": \"12, 15, 18\"              | field 'choices' must be a list of option texts",
            "\"choices\": {\"A\": \"12\"}              | field 'choices' must be a list of option texts",
            "\"choices\": [\"12\", null]              | field 'choices' must be a list of option texts",
            "\"choices\": [\"12\", [15]]              | field 'choices' must be a list of option texts",
            "\"choices\": [\"12\", \"  \"]              | option B of field 'choices' is empty",
            "\"choices\": [\"12\"], \"answer\": \"A\"     | a single-choice problem needs at least 2 choices",
            "\"choices\": [\"1\",\"2\",\"3\",\"4\"], \"answer\": \"E\"  | answer 'E' is not one of the choices A-D",
            "\"choices\": [\"1\",\"2\"], \"answer\": \"AB\"       | answer 'AB' is not one of the choices A-B",
            "\"choices\": [\"1\",\"2\"], \"answer\": 1            | answer '1' is not one of the choices A-B",
            "\"choices\": [\"1\",\"2\"], \"answer\": \"(A)\"      | answer '(A)' is not one of the choices A-B",
            "\"dataset\": [\"gsm8k\"]                    | field 'dataset' must be a string or a number, found an array",
            "\"template\": \"mcq\"                     | field 'template' must be one of gsm8k, cloze, choice, gpqa, found 'mcq'",
            "\"language\": \"fr\"                      | field 'language' must be one of en, zh, found 'fr'",
            "\"template\": 3                           | field 'template' must be a string, found a number",
            "\"language\": [\"zh\"]                    | field 'language' must be a string, found an array",
            "\"template\": \"choice\"                  | template 'choice' needs field 'choices'; without choices use template gsm8k or cloze",
            "\"template\": \"gpqa\", \"choices\": []   | template 'gpqa' needs field 'choices'; without choices use template gsm8k or cloze",
            "\"template\": \"gsm8k\", \"choices\": [\"1\", \"2\"] | template 'gsm8k' takes no field 'choices'; with choices use template choice or gpqa",
            "\"template\": \"cloze\", \"choices\": [\"1\", \"2\"] | template 'cloze' takes no field 'choices'; with choices use template choice or gpqa",
            "\"language\": \"zh\"                      | field 'language' must be en with template 'gsm8k', found 'zh': the reference implementation has no 'zh' gsm8k template",
            "\"template\": \"gpqa\", \"choices\": [\"1\", \"2\"], \"language\": \"zh\" | field 'language' must be en with template 'gpqa', found 'zh': the reference implementation has no 'zh' gpqa template"})
    void should_reject_a_line_whose_choices_answer_data_set_template_or_language_cannot_be_used(String fields, String reason)
            throws Exception {
        // given
        Path file = write(dir, "choices.jsonl", "{\"question\": \"Which one?\", " + fields + "}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Rejection("choices.jsonl", 1, reason));
    }

    @Test
    void should_read_the_template_family_and_language_whatever_their_case_and_spaces() throws Exception {
        // given
        Path file = write(dir, "families.jsonl", """
                {"question": "What is 6 * 8?"}
                {"question": "Which is prime?", "choices": ["4", "7"]}
                {"question": "Calculate 37 * 12.", "template": " Cloze "}
                {"question": "计算 37 * 12。", "template": "cloze", "language": "ZH"}
                {"question": "下列哪个数是质数？", "choices": ["4", "7"], "language": " zh "}
                {"question": "Which particle carries light?", "choices": ["photon", "gluon"], "template": "GPQA", "language": "en"}
                {"question": "What is 2 + 2?", "template": "gsm8k", "language": null}
                {"question": "Which is even?", "choices": ["3", "4"], "template": "", "language": ""}
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).allSatisfy(item -> assertThat(item).isInstanceOf(Problem.class));
        assertThat(problemsIn(items)).extracting(Problem::template, Problem::language).containsExactly(
                tuple(Template.GSM8K, Language.EN),
                tuple(Template.CHOICE, Language.EN),
                tuple(Template.CLOZE, Language.EN),
                tuple(Template.CLOZE, Language.ZH),
                tuple(Template.CHOICE, Language.ZH),
                tuple(Template.GPQA, Language.EN),
                tuple(Template.GSM8K, Language.EN),
                tuple(Template.CHOICE, Language.EN));
    }

    @Test
    void should_reject_more_than_twenty_six_choices() throws Exception {
        // given
        String options = IntStream.rangeClosed(1, 27).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(", "));
        Path file = write(dir, "long.jsonl", "{\"question\": \"Pick one.\", \"choices\": [" + options + "], \"answer\": \"A\"}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Rejection("long.jsonl", 1, "a single-choice problem has at most 26 choices (A-Z), found 27"));
    }

    @Test
    void should_reject_a_line_of_invalid_utf8_and_go_on() throws Exception {
        // given
        byte[] badLine = {'{', '"', 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Path file = write(dir, "latin1.jsonl", concat(
                utf8("{\"question\": \"Combien font 2 + 2 ? Réponds.\"}\n"), badLine, utf8("{\"question\": \"What is 3 + 3?\"}\n")));

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::question).containsExactly("Combien font 2 + 2 ? Réponds.", "What is 3 + 3?");
        assertThat(rejectionsIn(items)).containsExactly(new Rejection("latin1.jsonl", 2, "invalid UTF-8"));
    }

    @Test
    void should_skip_blank_lines_and_still_count_them() throws Exception {
        // given
        Path file = write(dir, "gaps.jsonl", "\n{\"question\": \"What is 1 + 1?\"}\n   \n\t\n{\"question\": \"What is 2 + 2?\"}\n\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).hasSize(2);
        assertThat(problemsIn(items)).extracting(Problem::line).containsExactly(2L, 5L);
    }

    @Test
    void should_ignore_a_byte_order_mark_at_the_start() throws Exception {
        // given
        Path file = write(dir, "bom.jsonl", concat(BOM, utf8("{\"id\": \"one\", \"question\": \"What is 1 + 1?\"}\n")));

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Problem("bom.jsonl", 1, "one", "What is 1 + 1?", ""));
    }

    @Test
    void should_read_windows_line_endings() throws Exception {
        // given
        Path file = write(dir, "windows.jsonl", "{\"question\": \"What is 1 + 1?\", \"answer\": \"2\"}\r\n\r\n{\"question\": \"What is 2 + 2?\"}\r\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("windows.jsonl", 1, "windows-L1", "What is 1 + 1?", "2"),
                new Problem("windows.jsonl", 3, "windows-L3", "What is 2 + 2?", ""));
    }

    @Test
    void should_read_the_last_line_without_a_newline() throws Exception {
        // given
        Path file = write(dir, "no-final-newline.jsonl", "{\"question\": \"What is 1 + 1?\"}\n{\"question\": \"What is 2 + 2?\"}");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::line).containsExactly(1L, 2L);
    }

    @Test
    void should_read_a_line_of_ten_megabytes() throws Exception {
        // given
        String longQuestion = "What is 1 + 1? " + "x".repeat(10 * 1024 * 1024);
        Path file = write(dir, "huge-line.jsonl", "{\"question\": \"" + longQuestion + "\"}\n{\"question\": \"What is 2 + 2?\"}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(problem -> problem.question().length()).containsExactly(longQuestion.length(), 14);
    }

    @Test
    void should_read_the_fixture_as_five_problems_and_three_rejections() throws Exception {
        // given
        Path file = Path.of(Objects.requireNonNull(getClass().getResource("/problems/five-good-three-bad.jsonl")).toURI());

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::id).containsExactly("fix-1", "fix-2", "fix-3", "fix-4", "fix-5");
        assertThat(problemsIn(items)).allSatisfy(problem -> assertThat(problem.answer()).containsPattern("\n#### \\d+$"));
        assertThat(rejectionsIn(items)).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "invalid JSON: Unexpected end-of-input: expected close marker for Object"),
                tuple(5L, "missing field 'question'"),
                tuple(7L, "expected a JSON object, found an array"));
    }

    @Test
    void should_stream_a_file_of_two_hundred_thousand_lines() throws IOException, UnreadableFileException {
        // given
        Path file = dir.resolve("large.jsonl");
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (int i = 1; i <= 200_000; i++) {
                writer.write("{\"id\": \"p" + i + "\", \"question\": \"What is " + i + " + 1?\", \"answer\": \"#### " + (i + 1) + "\"}\n");
            }
        }

        // when
        long problems = 0;
        long rejections = 0;
        try (ProblemStream stream = ProblemFiles.open(file)) {
            while (stream.hasNext()) {
                if (stream.next() instanceof Problem) {
                    problems++;
                } else {
                    rejections++;
                }
            }
        }

        // then
        assertThat(problems).isEqualTo(200_000);
        assertThat(rejections).isZero();
    }
}
