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
        "[[+30]]|30",
        // the reference's extract_number: the first [[digits]], passing over brackets that hold anything else
        "First guess [[40]], on reflection Budget: [[60]]|40",
        "Format [[budget]], so Budget: [[60]]|60",
        "[[-1]] is no budget; Budget: [[25]]|25",
        "[[12.5]] rounds up to Budget: [[13]]|13",
    })
    void should_read_the_first_whole_number_in_double_brackets(String reply, int budget) {
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
        "Budget: [[0]], or rather [[30]]",
    })
    void should_give_no_budget_when_the_first_whole_number_is_not_positive_or_there_is_none(String reply) {
        assertThat(BudgetParser.parse(reply)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void should_give_no_budget_for_a_missing_reply() {
        assertThat(BudgetParser.parse(null)).isEqualTo(OptionalInt.empty());
    }
}
