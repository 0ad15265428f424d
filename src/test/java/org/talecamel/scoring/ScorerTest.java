package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScorerTest {

    private static final String TABLE = "/scoring/model-outputs.tsv";
    private static final String LINE_BREAK = "\u23ce";

    /** One row of {@value #TABLE}: a model output and the verdict a careful human grader gives it. */
    record Case(String name, String reference, String extracted, boolean correct, String output) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> modelOutputs() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(ScorerTest.class.getResourceAsStream(TABLE), TABLE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.replace(LINE_BREAK, "\n").split("\t", -1);
                if (f.length != 5 || !(f[3].equals("right") || f[3].equals("wrong"))) {
                    throw new IllegalStateException(TABLE + " line " + lineNumber
                            + ": expected 5 tab-separated fields with 'right' or 'wrong' in the fourth");
                }
                cases.add(new Case(f[0], f[1], f[2], f[3].equals("right"), f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelOutputs")
    void scores_a_model_output_as_a_careful_grader_would(Case c) {
        // given a reference and a model output from the table

        // when
        Score score = Scorer.score(c.reference(), c.output());

        // then
        assertThat(score.expected()).isEqualTo(GoldAnswer.fromReference(c.reference()));
        assertThat(score.extracted()).as("extracted answer").isEqualTo(c.extracted());
        assertThat(score.correct()).as("verdict").isEqualTo(c.correct());
    }

    @Test
    void the_table_holds_enough_right_and_wrong_answers_to_mean_something() {
        // given / when
        List<Case> cases = modelOutputs();

        // then
        assertThat(cases).hasSizeGreaterThanOrEqualTo(70);
        assertThat(cases).filteredOn(c -> !c.correct()).hasSizeGreaterThanOrEqualTo(20);
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
