package org.talecamel.budget;

/** Where a token budget came from. */
public enum BudgetSource {
    NONE(""),
    /** The estimator's {@code [[N]]}. */
    ESTIMATED("estimated"),
    /** {@code tale.budget.fallback}, because the estimator gave no positive integer or failed. The row is flagged. */
    FALLBACK("fallback");

    private final String label;

    BudgetSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
