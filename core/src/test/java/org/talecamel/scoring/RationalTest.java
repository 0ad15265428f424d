package org.talecamel.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RationalTest {

    private static Rational fraction(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    @Test
    void equal_values_are_equal_whatever_way_they_were_written() {
        // given
        Rational half = fraction(1, 2);

        // when / then
        assertThat(fraction(2, 4)).isEqualTo(half);
        assertThat(fraction(-1, -2)).isEqualTo(half);
        assertThat(Rational.of(new BigDecimal("0.50"))).isEqualTo(half);
    }

    @Test
    void keeps_the_sign_on_the_numerator() {
        assertThat(fraction(1, -2)).isEqualTo(fraction(-1, 2));
        assertThat(fraction(1, -2).numerator()).isEqualTo(BigInteger.valueOf(-1));
    }

    @Test
    void a_third_is_not_any_decimal_close_to_it() {
        assertThat(fraction(1, 3)).isNotEqualTo(Rational.of(new BigDecimal("0.33")));
        assertThat(fraction(1, 3)).isNotEqualTo(Rational.of(new BigDecimal("0.3333333333333333")));
    }

    @Test
    void has_an_exact_decimal_only_when_the_fraction_terminates() {
        assertThat(fraction(3, 4).toBigDecimal()).contains(new BigDecimal("0.75"));
        assertThat(fraction(70000, 1).toBigDecimal()).hasValueSatisfying(v -> assertThat(v.toPlainString()).isEqualTo("70000"));
        assertThat(fraction(1, 3).toBigDecimal()).isEmpty();
    }

    @Test
    void refuses_a_zero_denominator() {
        assertThatThrownBy(() -> fraction(1, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void multiplies_exactly() {
        assertThat(fraction(2, 3).times(fraction(-3, 4))).isEqualTo(fraction(-1, 2));
        assertThat(fraction(5, 1).times(fraction(0, 1))).isEqualTo(fraction(0, 1));
    }
}
