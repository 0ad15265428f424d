package org.talecamel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpenseTest {

    @Test
    void should_write_the_expense_of_one_problem_in_units_of_ten_to_the_minus_five_dollars() {
        assertThat(Expense.perProblem(new BigDecimal("0.0000123"))).isEqualTo("1.23");
        assertThat(Expense.PER_PROBLEM_UNIT).isEqualTo("10⁻⁵ $");
    }

    @Test
    void should_round_the_expense_of_one_problem_half_up_to_two_decimals() {
        assertThat(Expense.perProblem(new BigDecimal("0.000012345"))).isEqualTo("1.23");
        assertThat(Expense.perProblem(new BigDecimal("0.000012355"))).isEqualTo("1.24");
        assertThat(Expense.perProblem(new BigDecimal("0.0007856"))).isEqualTo("78.56");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.0123, $0.0123",
            "0.012345, $0.0123",
            "0.000153, $0.000153",
            "0.5, $0.50",
            "12.3456, $12.35",
            "1234.5, $1234.50",
            "0.00000000, $0.00",
    })
    void should_write_a_run_total_to_three_significant_digits_and_at_least_cents(String usd, String written) {
        assertThat(Expense.total(new BigDecimal(usd))).isEqualTo(written);
    }

    @Test
    void should_take_the_mean_of_a_total_that_does_not_divide_evenly() {
        // given a total of 0.0001 $ over 3 problems

        // when
        BigDecimal mean = Expense.mean(new BigDecimal("0.0001"), 3);

        // then
        assertThat(Expense.perProblem(mean)).isEqualTo("3.33");
    }

    @Test
    void should_write_price_unknown_rather_than_zero_for_a_model_without_a_price() {
        // given
        PriceTable table = PriceTable.empty();

        // when
        String written = table.priceOf("my-local-llama")
                .map(price -> Expense.total(price.costUsd(1000, 0, 500)))
                .orElse(Expense.PRICE_UNKNOWN);

        // then
        assertThat(written).isEqualTo("price unknown");
    }

    @org.junit.jupiter.api.Test
    void shows_a_missing_price_as_unknown_never_as_zero() {
        org.assertj.core.api.Assertions.assertThat(Expense.perProblem(null)).isEqualTo("price unknown");
        org.assertj.core.api.Assertions.assertThat(Expense.total(null)).isEqualTo("price unknown");
    }
}
