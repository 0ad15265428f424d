package org.talecamel.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.talecamel.problems.TestFiles.problemsIn;
import static org.talecamel.problems.TestFiles.readAll;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The samples shipped in data-in/samples are what a new user runs first: they must read cleanly. */
class SampleFilesTest {

    private static final Path SAMPLES = Path.of("data-in/samples");

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
