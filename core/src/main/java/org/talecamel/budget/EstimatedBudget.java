package org.talecamel.budget;

import java.util.OptionalInt;

/**
 * TALE-EP's budget from the estimator's reply: its first whole {@code [[N]]} when positive (as the reference reads it), or else {@code tale.budget.fallback},
 * with the reason. The same rule for the evaluation of a problem and for {@code POST /api/budget}.
 *
 * @param note why the fallback was used; null for an estimated budget
 */
public record EstimatedBudget(int tokens, BudgetSource source, String note) {

    /**
     * @param reply     the estimator's answer (ignored when the call failed)
     * @param callError why the call gave no usable answer, or null
     */
    public static EstimatedBudget of(String reply, String callError, int fallback) {
        OptionalInt parsed = callError == null ? BudgetParser.parse(reply) : OptionalInt.empty();
        if (parsed.isPresent()) {
            return new EstimatedBudget(parsed.getAsInt(), BudgetSource.ESTIMATED, null);
        }
        return new EstimatedBudget(fallback, BudgetSource.FALLBACK,
                (callError == null ? "the estimator's reply has no [[N]] or its first is not positive" : callError)
                        + "; used tale.budget.fallback=" + fallback);
    }

    public boolean estimated() {
        return source == BudgetSource.ESTIMATED;
    }
}
