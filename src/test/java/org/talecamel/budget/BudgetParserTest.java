package org.talecamel.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetParserTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Budget: [[12]]|12",
        "Budget: [[ 85 ]]|85",
        "I think this needs a few steps. Budget: [[120]].|120",
        "Budget: [[120 tokens]]|120",
        "Budget: [[1,200]]|1200",
        "First guess [[40]], on reflection Budget: [[60]]|60",
        "[[+30]]|30",
    })
    void should_read_the_last_positive_integer_in_double_brackets(String reply, int budget) {
        assertThat(BudgetParser.parse(reply)).hasValue(budget);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "Budget: [[-1]]",
        "Budget: [[0]]",
        "Budget: [[12.5]]",
        "Budget: [[budget]]",
        "Budget: [[]]",
        "Budget: 50",
        "I cannot estimate that.",
        "",
        "Budget: [[99999999999]]",
    })
    void should_give_no_budget_when_there_is_no_positive_integer(String reply) {
        assertThat(BudgetParser.parse(reply)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void should_give_no_budget_for_a_missing_reply() {
        assertThat(BudgetParser.parse(null)).isEqualTo(OptionalInt.empty());
    }
}
