package org.talecamel.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetSearchTest {

    @Test
    void should_halve_while_answers_stay_right_and_shorter() {
        // given a CoT answer of 200 tokens
        BudgetSearch search = new BudgetSearch(200, "cot");

        // when budgets 100, 50, 25 give 120, 90, 95 tokens, all correct
        search.observe(120, true, "at 100");
        search.observe(90, true, "at 50");
        search.observe(95, true, "at 25");

        // then
        assertThat(search.searching()).isFalse();
        assertThat(search.optimalBudget()).isEqualTo(50);
        assertThat(search.optimalTokens()).isEqualTo(90);
        assertThat(search.optimalAnswer()).isEqualTo("at 50");
        assertThat(search.steps()).extracting(BudgetSearch.Step::accepted).containsExactly(true, true, false);
    }

    @Test
    void should_keep_the_cot_length_when_the_first_halving_turns_wrong() {
        BudgetSearch search = new BudgetSearch(200, "cot");

        search.observe(80, false, "wrong");

        assertThat(search.optimalBudget()).isEqualTo(200);
        assertThat(search.optimalAnswer()).isEqualTo("cot");
        assertThat(search.searching()).isFalse();
    }

    @Test
    void should_not_search_below_one_token() {
        BudgetSearch search = new BudgetSearch(3, "cot");
        search.observe(2, true, "at 1");

        assertThat(search.optimalBudget()).isEqualTo(1);
        assertThat(search.searching()).isFalse();
        assertThat(new BudgetSearch(1, "cot").searching()).isFalse();
    }
}
