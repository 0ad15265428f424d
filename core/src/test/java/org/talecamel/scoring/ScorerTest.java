package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.talecamel.problems.Problem;

class ScorerTest {

    private static final String TABLE = "/scoring/model-outputs.tsv";

    /**
     * One row of a table of model outputs and their verdicts: in {@value #TABLE} the verdict a careful human grader
     * gives, in {@code reference-outputs.tsv} the one the TALE reference gives.
     */
    record Case(String name, String reference, List<String> choices, String extracted, boolean correct, String output) {

        /** The problem the row is about: single-choice when the row names options. */
        Problem problem() {
            return new Problem("model-outputs.tsv", 1, name, "the question", reference, choices, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> modelOutputs() {
        return casesIn(TABLE);
    }

    /** The rows of a table laid out as {@value #TABLE}. */
    static List<Case> casesIn(String table) {
        List<Case> cases = new ArrayList<>();
        for (String[] f : Tables.rows(table, 6)) {
            if (!(f[4].equals("right") || f[4].equals("wrong"))) {
                throw new IllegalStateException(table + " case " + f[0] + ": expected 'right' or 'wrong' in the fifth field");
            }
            List<String> choices = f[2].isEmpty() ? List.of() : List.of(f[2].split(" \\| "));
            cases.add(new Case(f[0], f[1], choices, f[3], f[4].equals("right"), f[5]));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelOutputs")
    void scores_a_model_output_as_a_careful_grader_would(Case c) {
        // given a problem and a model output from the table

        // when
        Score score = Scorer.score(c.problem(), c.output());

        // then
        assertThat(score.expected()).isEqualTo(c.choices().isEmpty() ? GoldAnswer.fromReference(c.reference()) : c.reference());
        assertThat(score.extracted()).as("extracted answer").isEqualTo(c.extracted());
        assertThat(score.correct()).as("verdict").isEqualTo(c.correct());
    }

    static List<Case> openProblemOutputs() {
        return modelOutputs().stream().filter(c -> c.choices().isEmpty()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openProblemOutputs")
    void scores_an_open_problem_the_same_from_its_reference_alone(Case c) {
        // given a row about an open problem

        // when / then
        assertThat(Scorer.score(c.reference(), c.output())).isEqualTo(Scorer.score(c.problem(), c.output()));
    }

    @Test
    void the_table_holds_enough_right_and_wrong_answers_to_mean_something() {
        // given / when
        List<Case> cases = modelOutputs();

        // then
        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
        assertThat(cases).filteredOn(c -> !c.correct()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases).filteredOn(c -> !c.choices().isEmpty()).hasSizeGreaterThanOrEqualTo(30)
                .filteredOn(c -> !c.correct()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(cases).extracting(Case::name).doesNotHaveDuplicates();
    }

    @Test
    void reports_the_gold_from_a_worked_solution_and_the_raw_extracted_text() {
        // given
        String reference = "She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18";
        String output = "9 eggs at $2 each.\nAnswer: [[$18.00]]";

        // when
        Score score = Scorer.score(reference, output);

        // then
        assertThat(score).isEqualTo(new Score("18", "$18.00", true));
    }

    @Test
    void reports_an_empty_extracted_answer_when_the_model_gave_none() {
        assertThat(Scorer.score("18", "I'm sorry, I can't help with that.")).isEqualTo(new Score("18", "", false));
        assertThat(Scorer.score("18", null)).isEqualTo(new Score("18", "", false));
    }

    @Test
    void scores_nothing_right_without_a_reference() {
        assertThat(Scorer.score("", "Answer: [[18]]")).isEqualTo(new Score("", "18", false));
    }

    @Test
    void scores_a_single_choice_problem_on_its_option_letter() {
        // given
        Problem problem = new Problem("bench.jsonl", 3, "m1", "What is 15% of 80?", "B", List.of("8", "12", "15", "20"), null);

        // when
        Score right = Scorer.score(problem, "0.15 × 80 = 12\nChoice: [[b]]");
        Score wrong = Scorer.score(problem, "0.15 × 80 = 12, which is option C.\nChoice: [[C]]");

        // then
        assertThat(right).isEqualTo(new Score("B", "B", true));
        assertThat(wrong).isEqualTo(new Score("B", "C", false));
    }

    @Test
    void does_not_score_a_choice_by_the_option_value() {
        // given
        Problem problem = new Problem("bench.jsonl", 3, "m1", "What is 15% of 80?", "B", List.of("8", "12", "15", "20"), null);

        // when
        Score score = Scorer.score(problem, "0.15 × 80 = 12\nAnswer: [[12]]");

        // then
        assertThat(score).isEqualTo(new Score("B", "", false));
    }

    @Test
    void scores_nothing_right_for_a_single_choice_problem_without_an_answer() {
        // given
        Problem problem = new Problem("bench.jsonl", 4, "m2", "Which is prime?", "", List.of("21", "29"), null);

        // when / then
        assertThat(Scorer.score(problem, "Choice: [[B]]")).isEqualTo(new Score("", "B", false));
    }

    @Test
    void scores_an_open_problem_on_its_reference_answer() {
        // given
        Problem problem = new Problem("gsm8k-zero-style.jsonl", 1, "z1", "What is 6 * 8?", "48.0");

        // when / then
        assertThat(Scorer.score(problem, "6 × 8 = 48\nAnswer: [[48]]")).isEqualTo(new Score("48.0", "48", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[", "Choice: [[", "#### ", "#### (", "The answer is ", "Answer: ", "(", "(B", "**", "option ",
        "B is ", "\\boxed{", "A train ", " \n"})
    void scores_a_choice_problem_stuck_repeating_itself_without_hanging(String repeated) {
        // given an output that repeats a fragment for its whole token allowance (cut at 200,000 characters)
        String output = repeated.repeat(200_000 / repeated.length());
        Problem problem = new Problem("bench.jsonl", 1, "m1", "Which one?", "Z", List.of("1", "2", "3", "4", "5", "6", "7", "8",
                "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26"), null);

        // when / then: every search is linear in the output
        Score score = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Scorer.score(problem, output));
        assertThat(score.correct()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[", "\\boxed{", "The answer is ", "#### ", "Answer: [[", "( ", "1 "})
    void scores_a_model_stuck_repeating_itself_without_hanging(String repeated) {
        // given an output that repeats a fragment for its whole token allowance (cut at 200,000 characters)
        String output = repeated.repeat(200_000 / repeated.length());

        // when / then: scoring stays linear (these took minutes with backtracking regular expressions)
        Score score = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Scorer.score("18", output));
        assertThat(score.correct()).isFalse();
    }
}
