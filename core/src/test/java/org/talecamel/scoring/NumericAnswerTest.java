package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NumericAnswerTest {

    private static void assertParsesTo(String text, String expected) {
        assertThat(NumericAnswer.parse(text))
                .as("value of <%s>", text)
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
    }

    @Test
    void reads_a_plain_integer() {
        assertParsesTo("18", "18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$18", "$ 18", "18$", "€18", "£18", "\\$18", "18 €"})
    void ignores_a_currency_sign(String text) {
        assertParsesTo(text, "18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,234,567", "$1,234,567.00", "1{,}234{,}567", "1\\,234\\,567", "1\u202F234\u202F567"})
    void drops_thousands_separators(String text) {
        assertParsesTo(text, "1234567");
    }

    @Test
    void does_not_read_a_comma_outside_groups_of_three_as_a_thousands_separator() {
        // given a European decimal comma, or digits run together
        // when / then: neither 125 nor 12.5 is safe to assume
        assertThat(NumericAnswer.parse("12,5")).isEmpty();
        assertThat(NumericAnswer.parse("1,2345")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"18.", "18!", "18,", " 18 ", "**18**", "\"18\"", "'18'", "(18)", "18.0", "18.00", "__18__"})
    void ignores_punctuation_quotes_bold_and_trailing_zero_decimals(String text) {
        assertParsesTo(text, "18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"18 dollars", "18 apples per day", "18 cm", "18 cm^2", "18 m²", "18km/h", "18th"})
    void ignores_units_and_words_after_the_number(String text) {
        assertParsesTo(text, "18");
    }

    @Test
    void reads_a_number_in_a_short_phrase() {
        assertParsesTo("Janet makes $18 every day", "18");
        assertParsesTo("approximately 18", "18");
    }

    @Test
    void reads_a_percentage_as_the_number_stated() {
        assertParsesTo("25%", "25");
        assertParsesTo("25 \\%", "25");
        assertParsesTo("12.5 percent", "12.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "−5", "-$5", "$-5", "-5.0"})
    void reads_negative_numbers_with_an_ascii_or_unicode_minus(String text) {
        assertParsesTo(text, "-5");
    }

    @Test
    void does_not_read_a_dash_with_spaces_as_a_minus() {
        assertParsesTo("Total - 18", "18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/2", "1 / 2", "\\frac{1}{2}", "\\dfrac{1}{2}", "\\tfrac12", "2/4", ".5", "0.50"})
    void reads_a_half_however_it_is_written(String text) {
        assertParsesTo(text, "0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3 1/2", "3\\frac{1}{2}", "3 \\frac{1}{2}", "3.5"})
    void reads_a_mixed_number(String text) {
        assertParsesTo(text, "3.5");
    }

    @Test
    void reads_a_negative_fraction() {
        assertParsesTo("-\\frac{3}{4}", "-0.75");
        assertParsesTo("\\frac{-3}{4}", "-0.75");
    }

    @Test
    void keeps_a_fraction_without_a_finite_decimal_exact() {
        // given
        String third = "1/3";

        // when / then: no BigDecimal can hold it, the exact value can
        assertThat(NumericAnswer.parse(third)).isEmpty();
        assertThat(NumericAnswer.parseExact(third)).contains(new Rational(BigInteger.ONE, BigInteger.valueOf(3)));
        assertThat(NumericAnswer.parseExact("\\frac{2}{6}")).isEqualTo(NumericAnswer.parseExact(third));
    }

    @Test
    void reads_scientific_notation() {
        assertParsesTo("1.5e3", "1500");
    }

    @Test
    void takes_the_result_after_an_equals_sign() {
        assertParsesTo("= 18", "18");
        assertParsesTo("9 * 2 = $18", "18");
        assertParsesTo("16 - 3 - 4 = 9 eggs, 9 × 2 = 18", "18");
        assertParsesTo("x \\approx 18.5", "18.5");
    }

    @Test
    void accepts_the_same_number_stated_twice() {
        assertParsesTo("$18 (18 dollars)", "18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"18 or 20", "between 3 and 4", "18 dollars and 50 cents", "3:30", "18-20", "1.2.3"})
    void has_no_value_when_the_text_states_different_numbers(String text) {
        assertThat(NumericAnswer.parseExact(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10^3", "2π", "2\\pi", "\\sqrt{2}", "3√2", "∞", "x/2", "\\frac{x}{2}"})
    void has_no_value_for_expressions_beyond_a_plain_number(String text) {
        assertThat(NumericAnswer.parseExact(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "eighteen", "I cannot answer this question.", "5/0"})
    void has_no_value_without_a_usable_number(String text) {
        assertThat(NumericAnswer.parseExact(text)).isEmpty();
    }

    @Test
    void has_no_value_for_null() {
        assertThat(NumericAnswer.parse(null)).isEmpty();
    }

    @Test
    void returns_the_exact_decimal_not_a_rounded_one() {
        assertThat(NumericAnswer.parse("1234.5")).contains(new BigDecimal("1234.5"));
        assertThat(NumericAnswer.parse("0.1")).contains(new BigDecimal("0.1"));
    }
}
