package org.talecamel.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EstimatedBudgetTest {

    @Test
    void should_take_the_estimators_first_budget_as_the_reference_does() {
        assertThat(EstimatedBudget.of("Budget: [[40]] ... [[55]]", null, 100))
                .isEqualTo(new EstimatedBudget(40, BudgetSource.ESTIMATED, null));
    }

    @Test
    void should_fall_back_saying_why_when_the_reply_has_no_budget() {
        assertThat(EstimatedBudget.of("about fifty tokens", null, 100)).isEqualTo(new EstimatedBudget(100,
                BudgetSource.FALLBACK, "the estimator's reply has no [[N]] or its first is not positive; used tale.budget.fallback=100"));
    }

    @Test
    void should_fall_back_naming_the_failed_call() {
        EstimatedBudget budget = EstimatedBudget.of("", "HTTP 500: boom", 100);
        assertThat(budget.estimated()).isFalse();
        assertThat(budget.note()).isEqualTo("HTTP 500: boom; used tale.budget.fallback=100");
    }
}
