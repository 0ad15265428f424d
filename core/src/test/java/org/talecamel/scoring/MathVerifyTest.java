package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MathVerifyTest {

    private static final String TABLE = "/scoring/math-verify.tsv";

    /** One row of {@value #TABLE}: what math_verify says of a gold answer and an answer text. */
    record Pair(String gold, String answer, boolean equal, String why) {

        @Override
        public String toString() {
            return "'" + gold + "' vs '" + answer + "': " + why;
        }
    }

    static List<Pair> pairs() {
        return Tables.rows(TABLE, 4).stream().map(f -> {
            if (!(f[2].equals("equal") || f[2].equals("different"))) {
                throw new IllegalStateException(TABLE + " '" + f[0] + "' vs '" + f[1] + "': expected equal or different");
            }
            return new Pair(f[0], f[1], f[2].equals("equal"), f[3]);
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void compares_as_math_verify_does(Pair pair) {
        // given a gold answer and an answer text from the table

        // when
        boolean equal = MathVerify.verify(pair.gold(), pair.answer());

        // then
        assertThat(equal).isEqualTo(pair.equal());
    }

    @Test
    void the_table_covers_numbers_fractions_and_percentages_both_ways() {
        // given / when
        List<Pair> pairs = pairs();

        // then
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(80);
        assertThat(pairs).filteredOn(p -> !p.equal()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(pairs).filteredOn(p -> p.answer().contains("/")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(pairs).filteredOn(p -> (p.gold() + p.answer()).contains("%")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(pairs).extracting(p -> p.gold() + "\t" + p.answer()).doesNotHaveDuplicates();
    }

    @Test
    void reads_the_rightmost_number_and_keeps_the_text_of_its_first_try() {
        // given / when
        MathVerify.Reading listed = MathVerify.read("18 or 20");
        MathVerify.Reading percentage = MathVerify.read("50%");
        MathVerify.Reading mixed = MathVerify.read("3 1/2");

        // then
        assertThat(listed.value().exact()).isEqualTo(Rational.of(BigDecimal.valueOf(20)));
        assertThat(percentage.text()).isEqualTo("50");
        assertThat(percentage.value().exact()).isEqualTo(Rational.of(new BigDecimal("0.5")));
        assertThat(mixed.text()).isEqualTo("3 1/2");
        assertThat(mixed.value().exact()).isEqualTo(Rational.of(BigDecimal.ONE));
    }

    @Test
    void reads_nothing_in_a_text_without_a_number() {
        assertThat(MathVerify.read("three")).isEqualTo(new MathVerify.Reading(null, null));
        assertThat(MathVerify.verify("three", "three")).isFalse();
    }

    @Test
    void does_not_read_latex_environments_nor_answer_words_where_math_verify_does() {
        // math_verify 0.8.0 counts each of these equal to 18 (its boxed, LaTeX and "answer" patterns); here they are not
        assertThat(MathVerify.verify("18", "\\boxed{18}")).isFalse();
        assertThat(MathVerify.verify("18", "\\(18\\)")).isFalse();
        assertThat(MathVerify.verify("18", "The answer: 18 dollars and 20 cents")).isFalse();
    }

    @Test
    void does_not_read_a_text_too_long_to_read_in_time() {
        // given a text of a number and then 10,000 characters
        String text = "18" + " and".repeat(2_500);

        // when / then
        assertThat(MathVerify.read(text)).isEqualTo(new MathVerify.Reading(null, null));
        assertThat(MathVerify.verify("18", "18" + " and".repeat(2_000))).isTrue();
    }
}
