package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.talecamel.problems.Problem;
import org.talecamel.scoring.ScorerTest.Case;

class ReferenceScorerTest {

    private static final String TABLE = "/scoring/reference-outputs.tsv";

    static List<Case> referenceOutputs() {
        return ScorerTest.casesIn(TABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceOutputs")
    void scores_a_model_output_as_the_reference_does(Case c) {
        // given a problem and a model output from the table

        // when
        Score score = ReferenceScorer.score(c.problem(), c.output());

        // then
        assertThat(score.extracted()).as("extracted answer").isEqualTo(c.extracted());
        assertThat(score.correct()).as("verdict").isEqualTo(c.correct());
    }

    @Test
    void the_table_holds_both_rules_and_both_verdicts() {
        // given / when
        List<Case> cases = referenceOutputs();

        // then
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases).filteredOn(c -> c.choices().isEmpty()).hasSizeGreaterThanOrEqualTo(40)
                .filteredOn(c -> !c.correct()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(cases).filteredOn(c -> !c.choices().isEmpty()).hasSizeGreaterThanOrEqualTo(15)
                .filteredOn(c -> !c.correct()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(cases).extracting(Case::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "''{0}'' gives ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 eggs.\\n#### 9      | 9
            #### 18                                                  | 18
            #### -3                                                  | -3
            #### 2.5                                                 | 2.5
            Josh buys a house for $80,000.\\n#### 70,000             | 70
            #### 3/4                                                 | 3
            #### 7 then #### 8                                       | 8
            #### twelve                                              | twelve
            48.0                                                     | 48
            '  200.00 '                                              | 200
            -3.0                                                     | -3
            1.5                                                      | 1.5
            0.375                                                    | 0.375
            444                                                      | 444
            1/2                                                      | 1/2
            \\frac{1}{2}                                             | \\frac{1}{2}
            """)
    void reads_the_gold_answer_as_the_reference_loaders_do(String reference, String gold) {
        assertThat(ReferenceScorer.goldAnswer(reference.replace("\\n", "\n"))).isEqualTo(gold);
    }

    @Test
    void reports_the_gold_and_what_the_reference_extracted() {
        // given
        Problem worked = new Problem("gsm8k.jsonl", 1, "g1", "How much?", "She makes $18.\n#### 18");
        Problem zero = new Problem("gsm8k-zero.jsonl", 1, "z1", "How many?", "48.0");
        Problem choice = new Problem("bench.jsonl", 1, "c1", "Which?", "B", List.of("8", "12", "15", "20"), null);

        // when / then
        assertThat(ReferenceScorer.score(worked, "So [[$18.00]]")).isEqualTo(new Score("18", "$18.00", true));
        assertThat(ReferenceScorer.score(zero, "No idea.")).isEqualTo(new Score("48", "", false));
        assertThat(ReferenceScorer.score(choice, "I'd say B")).isEqualTo(new Score("B", "B", true));
        assertThat(ReferenceScorer.score(choice, null)).isEqualTo(new Score("B", "", false));
    }

    @Test
    void scores_nothing_right_without_a_gold_answer() {
        // given: the reference would count "[[]]" right against an empty gold
        Problem open = new Problem("x.jsonl", 1, "o1", "How many?", "");
        Problem choice = new Problem("x.jsonl", 2, "c1", "Which?", "", List.of("1", "2"), null);

        // when / then
        assertThat(ReferenceScorer.score(open, "[[]]")).isEqualTo(new Score("", "", false));
        assertThat(ReferenceScorer.score(choice, "[[]]\nA")).isEqualTo(new Score("", "A", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[", "[[1", "1 ", "1/", "$1,", "-1 ", "1 + ", "\\frac{1}{2} ", "the correct answer is ", "A"})
    void scores_a_model_stuck_repeating_itself_without_hanging(String repeated) {
        // given an output that repeats a fragment for its whole token allowance (cut at 200,000 characters)
        String output = repeated.repeat(200_000 / repeated.length());
        Problem open = new Problem("x.jsonl", 1, "o1", "How many?", "18");
        Problem choice = new Problem("x.jsonl", 2, "c1", "Which?", "B", List.of("1", "2", "3", "4"), null);

        // when / then
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ReferenceScorer.score(open, output);
            ReferenceScorer.score(choice, output);
        });
    }
}
