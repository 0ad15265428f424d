package org.talecamel.budget;

/** Where a token budget came from. */
public enum BudgetSource {
    NONE(""),
    /** The estimator's {@code [[N]]}. */
    ESTIMATED("estimated"),
    /** {@code tale.budget.fallback}, because the estimator gave no positive integer or failed. The row is flagged. */
    FALLBACK("fallback"),
    /** The budget of {@code fixed:N}. */
    FIXED("fixed"),
    /** A step of the optimal-budget search: half the last accepted budget. */
    SEARCH("search"),
    /** A level of the elasticity sweep ({@code tale.elasticity.budgets}). */
    SWEEP("sweep"),
    /** A step of the elasticity walk: half the last budget still answered correctly. */
    WALK("walk");

    private final String label;

    BudgetSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
