package org.talecamel.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talecamel.problems.TestFiles.problemsIn;
import static org.talecamel.problems.TestFiles.readAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples shipped in data-in/samples are what a new user runs first: they must read cleanly. */
class SampleFilesTest {

    private static final Path SAMPLES = Path.of("data-in/samples");

    static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(file -> file.getFileName().toString().matches(".*\\.(jsonl|json|csv)")).sorted().toList();
        }
    }

    @Test
    void should_ship_every_sample_the_readme_describes() throws Exception {
        // given
        String readme = Files.readString(SAMPLES.resolve("README.md"));

        // when
        List<Path> files = sampleFiles();

        // then
        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactlyInAnyOrder(
                "arithmetic-cloze.jsonl", "gpqa-style.jsonl", "gsm8k-style.csv", "gsm8k-style.json", "gsm8k-style.jsonl",
                "gsm8k-zero-style.jsonl", "mathbench-style-choice.jsonl", "mathbench-style-zh.jsonl");
        assertThat(files).allSatisfy(file -> assertThat(readme).contains("`" + file.getFileName() + "`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleFiles")
    void should_read_every_sample_file_without_rejections(Path file) throws Exception {
        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(item).isInstanceOf(Problem.class));
        assertThat(problemsIn(items)).extracting(Problem::id).doesNotHaveDuplicates();
        assertThat(problemsIn(items)).allSatisfy(problem -> assertThat(problem.answer()).isNotBlank());
    }

    @Test
    void should_read_the_gsm8k_zero_sample_as_questions_that_state_their_own_numeric_answer() throws Exception {
        // when
        List<Problem> problems = problemsIn(readAll(SAMPLES.resolve("gsm8k-zero-style.jsonl")));

        // then
        assertThat(problems).hasSize(12).allSatisfy(problem -> {
            assertThat(problem.dataset()).isEqualTo("gsm8k-zero-style");
            assertThat(problem.isChoice()).isFalse();
            assertThat(problem.answer()).matches("\\d+\\.0");
            String stated = problem.answer().substring(0, problem.answer().length() - 2);
            assertThat(problem.question()).containsPattern("(?<![\\d.])" + stated + "(?![\\d])");
        });
    }

    @Test
    void should_read_the_choice_sample_as_four_option_problems_answered_by_a_letter() throws Exception {
        // when
        List<Problem> problems = problemsIn(readAll(SAMPLES.resolve("mathbench-style-choice.jsonl")));

        // then
        assertThat(problems).hasSize(12).allSatisfy(problem -> {
            assertThat(problem.dataset()).isEqualTo("mathbench-style-choice");
            assertThat(problem.choices()).hasSize(4).doesNotHaveDuplicates();
            assertThat(problem.answer()).matches("[A-D]");
        });
        assertThat(problems).extracting(Problem::answer).contains("A", "B", "C", "D");
    }

    @Test
    void should_read_the_cloze_sample_as_arithmetic_with_numeric_answers() throws Exception {
        // when
        List<Problem> problems = problemsIn(readAll(SAMPLES.resolve("arithmetic-cloze.jsonl")));

        // then
        assertThat(problems).hasSize(12).allSatisfy(problem -> {
            assertThat(problem.dataset()).isEqualTo("arithmetic-cloze");
            assertThat(problem.template()).isEqualTo(Template.CLOZE);
            assertThat(problem.isChoice()).isFalse();
            assertThat(problem.answer()).matches("-?\\d+(\\.\\d+)?");
        });
    }

    @Test
    void should_read_the_chinese_sample_as_three_single_choice_and_three_cloze_problems() throws Exception {
        // when
        List<Problem> problems = problemsIn(readAll(SAMPLES.resolve("mathbench-style-zh.jsonl")));

        // then
        assertThat(problems).hasSize(6).allSatisfy(problem -> {
            assertThat(problem.dataset()).isEqualTo("mathbench-style-zh");
            assertThat(problem.language()).isEqualTo(Language.ZH);
        });
        assertThat(problems).filteredOn(problem -> problem.template() == Template.CHOICE).hasSize(3)
                .allSatisfy(problem -> assertThat(problem.answer()).matches("[A-D]"));
        assertThat(problems).filteredOn(problem -> problem.template() == Template.CLOZE).hasSize(3)
                .allSatisfy(problem -> assertThat(problem.answer()).matches("\\d+"));
    }

    @Test
    void should_read_the_gpqa_sample_as_four_option_problems_each_answered_by_another_letter() throws Exception {
        // when
        List<Problem> problems = problemsIn(readAll(SAMPLES.resolve("gpqa-style.jsonl")));

        // then
        assertThat(problems).hasSize(4).allSatisfy(problem -> {
            assertThat(problem.dataset()).isEqualTo("gpqa-style");
            assertThat(problem.template()).isEqualTo(Template.GPQA);
            assertThat(problem.choices()).hasSize(4).doesNotHaveDuplicates();
        });
        assertThat(problems).extracting(Problem::answer).containsExactlyInAnyOrder("A", "B", "C", "D");
    }

    @Test
    void should_read_the_jsonl_sample_as_at_least_24_worked_problems_without_rejections() throws Exception {
        // given
        Path file = SAMPLES.resolve("gsm8k-style.jsonl");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).hasSizeGreaterThanOrEqualTo(24).allSatisfy(item -> assertThat(item).isInstanceOf(Problem.class));
        assertThat(problemsIn(items)).extracting(Problem::id).doesNotHaveDuplicates().allMatch(id -> id.matches("sample-\\d{2}"));
        assertThat(problemsIn(items)).allSatisfy(problem -> assertThat(problem.answer()).contains("<<").containsPattern("\n#### \\d+$"));
    }

    @Test
    void should_read_the_same_problems_from_the_json_and_csv_samples() throws Exception {
        // given
        Map<String, Problem> fromJsonLines = problemsIn(readAll(SAMPLES.resolve("gsm8k-style.jsonl"))).stream()
                .collect(Collectors.toMap(Problem::id, Function.identity()));

        // when
        List<ProblemInput> fromJson = readAll(SAMPLES.resolve("gsm8k-style.json"));
        List<ProblemInput> fromCsv = readAll(SAMPLES.resolve("gsm8k-style.csv"));

        // then
        for (List<ProblemInput> items : List.of(fromJson, fromCsv)) {
            assertThat(items).hasSize(5).allSatisfy(item -> {
                Problem problem = (Problem) item;
                assertThat(fromJsonLines.get(problem.id())).isNotNull().satisfies(same -> {
                    assertThat(problem.question()).isEqualTo(same.question());
                    assertThat(problem.answer()).isEqualTo(same.answer());
                });
            });
        }
    }
}
