package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.talecamel.problems.Problem;

class ScoringTest {

    private static final List<String> OPTIONS = List.of("8", "12", "15", "20");

    @Test
    void is_strict_unless_told() {
        assertThat(Scoring.DEFAULT).isEqualTo(Scoring.STRICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "reference", " Reference ", "STRICT"})
    void is_named_by_its_id_in_any_case(String id) {
        assertThat(Scoring.of(id).id()).isEqualTo(id.strip().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenient", "", "paper"})
    void refuses_an_unknown_name_listing_the_known_ones(String id) {
        assertThatThrownBy(() -> Scoring.of(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scoring '" + id + "' (known: strict, reference)");
    }

    @Test
    void refuses_a_missing_name() {
        assertThatThrownBy(() -> Scoring.of(null)).hasMessage("unknown scoring '' (known: strict, reference)");
    }

    @Test
    void describes_itself_in_one_line_that_starts_with_its_id() {
        for (Scoring scoring : Scoring.values()) {
            assertThat(scoring.describe()).startsWith(scoring.id() + ": ").doesNotContain("\n");
        }
        assertThat(Scoring.REFERENCE.describe()).contains("AccEvaluator.evaluate_sample");
    }

    @Test
    void scores_with_its_own_scorer() {
        // given
        Problem problem = new Problem("gsm8k.jsonl", 1, "g1", "How much?", "#### 18");

        // when / then
        assertThat(Scoring.STRICT.score(problem, "[[18]]")).isEqualTo(Scorer.score(problem, "[[18]]"));
        assertThat(Scoring.REFERENCE.score(problem, "[[18]]")).isEqualTo(ReferenceScorer.score(problem, "[[18]]"));
    }

    /** A problem, an output, and the verdicts of the two scorers, which disagree. */
    record Disagreement(String why, Problem problem, String output, boolean strict, boolean reference) {

        @Override
        public String toString() {
            return why;
        }
    }

    private static Problem open(String answer) {
        return new Problem("x.jsonl", 1, "o", "How many?", answer);
    }

    private static Problem choice(String answer) {
        return new Problem("x.jsonl", 1, "c", "Which?", answer, OPTIONS, null);
    }

    static List<Disagreement> disagreements() {
        return List.of(
                new Disagreement("the gold in brackets anywhere, another answer last", open("#### 18"),
                        "It is [[18]] or [[20]]", false, true),
                new Disagreement("no brackets: 'the answer is' against the last number", open("#### 18"),
                        "The answer is 18. Check: 18 + 2 = 20", true, false),
                new Disagreement("a fraction only rounding to the gold", open("0.333333"), "[[1/3]]", false, true),
                new Disagreement("a percentage against its hundredth", open("0.25"), "[[25%]]", false, true),
                new Disagreement("a gold with a thousands comma", open("Total: 2,125.\n#### 2,125"), "[[2125]]",
                        true, false),
                new Disagreement("the prompt's example echoed", choice("A"), "for example: Choice: [[A]]\nChoice: B",
                        false, true),
                new Disagreement("a lower-case letter in brackets, and the C of 'Choice'", choice("B"), "Choice: [[b]]",
                        true, false),
                new Disagreement("a last line without a letter", choice("B"), "The answer is B.\nI hope this helps!",
                        true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("disagreements")
    void the_two_scorings_disagree_where_the_reference_is_lenient_or_literal(Disagreement d) {
        assertThat(Scoring.STRICT.score(d.problem(), d.output()).correct()).as("strict").isEqualTo(d.strict());
        assertThat(Scoring.REFERENCE.score(d.problem(), d.output()).correct()).as("reference").isEqualTo(d.reference());
    }
}
