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

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void should_read_each_record_as_a_problem_at_the_line_where_it_starts() throws Exception {
        // given
        Path file = write(dir, "set.csv", """
                id,question,answer
                a,"What is 2 + 3?","2 + 3 = <<2+3=5>>5
                #### 5"
                b,"Tom has 4 bags of 6 apples, how many apples?",#### 24
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("set.csv", 2, "a", "What is 2 + 3?", "2 + 3 = <<2+3=5>>5\n#### 5"),
                new Problem("set.csv", 4, "b", "Tom has 4 bags of 6 apples, how many apples?", "#### 24"));
    }

    @Test
    void should_find_columns_whatever_their_case_order_and_surrounding_spaces() throws Exception {
        // given
        Path file = write(dir, "columns.csv", " Answer , QUESTION ,Id,source\n48.0,Half of 96?,h1,book\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Problem("columns.csv", 2, "h1", "Half of 96?", "48.0"));
    }

    @Test
    void should_give_default_ids_when_there_is_no_id_column() throws Exception {
        // given
        Path file = write(dir, "plain.csv", "question\nWhat is 1 + 1?\nWhat is 2 + 2?\n");

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).extracting(Problem::id, Problem::answer)
                .containsExactly(tuple("plain-L2", ""), tuple("plain-L3", ""));
    }

    @Test
    void should_read_choices_as_a_json_array_or_as_options_separated_by_a_bar() throws Exception {
        // given
        Path file = write(dir, "choices.csv", """
                id,question,choices,answer,dataset
                c1,Which number is prime?,"[""21"",""27"",""29"",""33""]",c,mathbench-arithmetic
                c2,What is 3/4 as a decimal?,0.34 | 0.43 | 0.75 | 0.8,C,
                n1,What is 6 * 8?,,48.0,gsm8k-zero
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("choices.csv", 2, "c1", "Which number is prime?", "C", List.of("21", "27", "29", "33"), "mathbench-arithmetic"),
                new Problem("choices.csv", 3, "c2", "What is 3/4 as a decimal?", "C", List.of("0.34", "0.43", "0.75", "0.8"), "choices"),
                new Problem("choices.csv", 4, "n1", "What is 6 * 8?", "48.0", List.of(), "gsm8k-zero"));
    }

    @Test
    void should_read_options_that_only_look_like_a_json_array_as_separated_options() throws Exception {
        // given interval options, the first of which starts with a bracket
        Path file = write(dir, "intervals.csv", """
                question,choices,answer
                Where does x lie if 0 < x <= 1?,"[0, 1] | (0, 1) | (0, 1] | [0, 1)",C
                """);

        // when
        List<Problem> problems = problemsIn(readAll(file));

        // then
        assertThat(problems).singleElement().satisfies(problem ->
                assertThat(problem.choices()).containsExactly("[0, 1]", "(0, 1)", "(0, 1]", "[0, 1)"));
    }

    @Test
    void should_reject_records_whose_choices_or_answer_cannot_be_used() throws Exception {
        // given
        Path file = write(dir, "bad-choices.csv", """
                question,choices,answer
                Pick one.,12|15|18,A
                Pick one.,12 | 15 | 18,D
                Pick one.,"[""12"", {""x"": 1}]",A
                Pick one.,"[12, 15",A
                Pick one.,12 |  | 18,A
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Rejection("bad-choices.csv", 2, "a single-choice problem needs at least 2 choices"),
                new Rejection("bad-choices.csv", 3, "answer 'D' is not one of the choices A-C"),
                new Rejection("bad-choices.csv", 4, "field 'choices' must be a list of option texts"),
                new Rejection("bad-choices.csv", 5,
                        "column 'choices' must hold a JSON array of option texts or options separated by ' | '"),
                new Rejection("bad-choices.csv", 6, "option B of field 'choices' is empty"));
    }

    @Test
    void should_read_the_template_and_language_columns_and_reject_values_that_cannot_be_used() throws Exception {
        // given
        Path file = write(dir, "families.csv", """
                question,choices,answer,Template,LANGUAGE
                计算 37 * 12。,,444,CLOZE, zh
                下列哪个数是质数？,4 | 7,B,,zh
                Which particle carries light?,photon | gluon,A,gpqa,
                What is 6 * 8?,,48,,
                What is 6 * 9?,,54,essay,
                What is 6 * 7?,,42,,de
                Pick one.,1 | 2,A,cloze,
                What is 2 * 7?,,14,gpqa,
                What is 3 * 7?,,21,,zh
                """);

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::line, Problem::template, Problem::language).containsExactly(
                tuple(2L, Template.CLOZE, Language.ZH),
                tuple(3L, Template.CHOICE, Language.ZH),
                tuple(4L, Template.GPQA, Language.EN),
                tuple(5L, Template.GSM8K, Language.EN));
        assertThat(rejectionsIn(items)).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(6L, "field 'template' must be one of gsm8k, cloze, choice, gpqa, found 'essay'"),
                tuple(7L, "field 'language' must be one of en, zh, found 'de'"),
                tuple(8L, "template 'cloze' takes no field 'choices'; with choices use template choice or gpqa"),
                tuple(9L, "template 'gpqa' needs field 'choices'; without choices use template gsm8k or cloze"),
                tuple(10L, "field 'language' must be en with template 'gsm8k', found 'zh': the reference implementation"
                        + " has no 'zh' gsm8k template"));
    }

    @Test
    void should_reject_a_record_with_the_wrong_number_of_columns() throws Exception {
        // given
        Path file = write(dir, "short.csv", "id,question,answer\nq1,What is 1 + 1?\nq2,What is 2 + 2?,4\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Rejection("short.csv", 2, "expected 3 columns, found 2"),
                new Problem("short.csv", 3, "q2", "What is 2 + 2?", "4"));
    }

    @Test
    void should_reject_a_record_with_a_blank_question() throws Exception {
        // given
        Path file = write(dir, "blank.csv", "id,question,answer\nq1,  ,4\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(new Rejection("blank.csv", 2, "missing field 'question'"));
    }

    @Test
    void should_skip_blank_lines_and_still_count_them() throws Exception {
        // given
        Path file = write(dir, "gaps.csv", "question,answer\n\nWhat is 1 + 1?,2\n,\n\nWhat is 2 + 2?,4\n\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).hasSize(2);
        assertThat(problemsIn(items)).extracting(Problem::line).containsExactly(3L, 6L);
    }

    @Test
    void should_read_a_byte_order_mark_and_windows_line_endings() throws Exception {
        // given
        Path file = write(dir, "excel.csv", concat(BOM, utf8("id,question,answer\r\nq1,What is 1 + 1?,\"1 + 1 = 2\r\n#### 2\"\r\nq2,What is 2 + 2?,4\r\n")));

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Problem("excel.csv", 2, "q1", "What is 1 + 1?", "1 + 1 = 2\r\n#### 2"),
                new Problem("excel.csv", 4, "q2", "What is 2 + 2?", "4"));
    }

    @Test
    void should_end_with_one_rejection_at_an_unclosed_quote() throws Exception {
        // given
        Path file = write(dir, "open-quote.csv", "id,question\nq1,What is 1 + 1?\nq2,\"What is 2 + 2?\nq3,What is 3 + 3?\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(problemsIn(items)).extracting(Problem::id).containsExactly("q1");
        assertThat(rejectionsIn(items)).containsExactly(new Rejection("open-quote.csv", 3,
                "CSV syntax error: EOF reached before encapsulated token finished; the rest of the file could not be read"));
    }

    @Test
    void should_reject_a_record_with_invalid_utf8_and_go_on() throws Exception {
        // given
        Path file = write(dir, "latin1.csv", concat(
                utf8("id,question\nq1,Caf"), new byte[] {(byte) 0xE9}, utf8(" costs 3. Two?\nq2,What is 2 + 2?\n")));

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).containsExactly(
                new Rejection("latin1.csv", 2, "invalid UTF-8"),
                new Problem("latin1.csv", 3, "q2", "What is 2 + 2?", ""));
    }
}
