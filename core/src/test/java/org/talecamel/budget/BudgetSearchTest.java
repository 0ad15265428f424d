package org.talecamel.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetSearchTest {

    private static final TokenMeasure.Answer COT = answer("cot", 200);

    @Test
    void should_halve_while_answers_stay_right_and_shorter() {
        // given a CoT answer of 200 tokens
        BudgetSearch search = new BudgetSearch(BudgetSearch.Rule.SEARCH, TokenMeasure.USAGE, COT);

        // when budgets 100, 50, 25 give 120, 90, 95 tokens, all correct
        search.observe(answer("at 100", 120), true);
        search.observe(answer("at 50", 90), true);
        search.observe(answer("at 25", 95), true);

        // then
        assertThat(search.searching()).isFalse();
        assertThat(search.optimalBudget()).isEqualTo(50);
        assertThat(search.optimalTokens()).isEqualTo(90);
        assertThat(search.optimal().text()).isEqualTo("at 50");
        assertThat(search.steps()).extracting(BudgetSearch.Step::accepted).containsExactly(true, true, false);
    }

    @Test
    void should_keep_the_cot_length_when_the_first_halving_turns_wrong() {
        BudgetSearch search = new BudgetSearch(BudgetSearch.Rule.SEARCH, TokenMeasure.USAGE, COT);

        search.observe(answer("wrong", 80), false);

        assertThat(search.optimalBudget()).isEqualTo(200);
        assertThat(search.optimal()).isEqualTo(COT);
        assertThat(search.searching()).isFalse();
    }

    @Test
    void should_not_search_below_one_token() {
        BudgetSearch search = new BudgetSearch(BudgetSearch.Rule.SEARCH, TokenMeasure.USAGE, answer("cot", 3));
        search.observe(answer("at 1", 2), true);

        assertThat(search.optimalBudget()).isEqualTo(1);
        assertThat(search.searching()).isFalse();
        assertThat(new BudgetSearch(BudgetSearch.Rule.SEARCH, TokenMeasure.USAGE, answer("cot", 1)).searching()).isFalse();
    }

    @Test
    void should_walk_on_while_answers_stay_right_even_when_they_grow_as_token_elasticity_makes_them() {
        // token_elasticity.py: no test that tokens went down, only that the answer is right and budget // 2 >= 1
        BudgetSearch walk = new BudgetSearch(BudgetSearch.Rule.WALK, TokenMeasure.USAGE, answer("cot", 40));

        walk.observe(answer("at 20", 30), true);
        walk.observe(answer("at 10", 45), true);
        walk.observe(answer("at 5", 60), true);
        walk.observe(answer("at 2", 70), false);

        assertThat(walk.searching()).isFalse();
        assertThat(walk.accepted()).extracting(BudgetSearch.Step::budget).containsExactly(40, 20, 10, 5);
        assertThat(walk.accepted()).extracting(BudgetSearch.Step::tokens).containsExactly(40, 30, 45, 60);
        assertThat(walk.optimalBudget()).isEqualTo(5);
    }

    @Test
    void should_stop_the_walk_before_asking_for_less_than_one_token() {
        BudgetSearch walk = new BudgetSearch(BudgetSearch.Rule.WALK, TokenMeasure.USAGE, answer("cot", 4));
        walk.observe(answer("at 2", 9), true);
        walk.observe(answer("at 1", 9), true);

        assertThat(walk.searching()).isFalse();
        assertThat(walk.accepted()).extracting(BudgetSearch.Step::budget).containsExactly(4, 2, 1);
    }

    @Test
    void should_count_lengths_in_the_measure_it_is_given() {
        // billed 200 tokens but 150 in cl100k of the text: under the paper's measure the walk starts at 150
        BudgetSearch search = new BudgetSearch(BudgetSearch.Rule.SEARCH, TokenMeasure.ANSWER_TEXT,
                new TokenMeasure.Answer("cot", 200, 150));

        assertThat(search.nextBudget()).isEqualTo(75);
        // shorter billed, longer as text: not accepted under the paper's measure
        search.observe(new TokenMeasure.Answer("at 75", 120, 160), true);
        assertThat(search.steps()).extracting(BudgetSearch.Step::accepted).containsExactly(false);
    }

    private static TokenMeasure.Answer answer(String text, int tokens) {
        return new TokenMeasure.Answer(text, tokens, tokens);
    }
}
