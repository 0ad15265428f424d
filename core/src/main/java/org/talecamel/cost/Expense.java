package org.talecamel.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How reports write an expense. */
public final class Expense {

    /** Shown wherever a model has no price: an unknown expense is never written as 0. */
    public static final String PRICE_UNKNOWN = "price unknown";
    /** Shown where calls answered in a batch have no batch price in the table: never free, never the list price. */
    public static final String BATCH_PRICE_UNKNOWN = "batch price unknown";
    /** The paper's unit for the expense of one problem (TALE, Table 1 and on). */
    public static final String PER_PROBLEM_UNIT = "10⁻⁵ $";

    private Expense() {
    }

    /** The mean expense of one problem, in dollars; 0 when there were no problems. */
    public static BigDecimal mean(BigDecimal totalUsd, long problems) {
        return problems == 0 ? BigDecimal.ZERO : totalUsd.divide(BigDecimal.valueOf(problems), MathContext.DECIMAL64);
    }

    /** In units of {@link #PER_PROBLEM_UNIT} with two decimals, as the paper: 0.0000123 $ is "1.23"; null is unknown. */
    public static String perProblem(BigDecimal usd) {
        if (usd == null) {
            return PRICE_UNKNOWN;
        }
        return usd.movePointRight(5).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * A run's total in dollars to three significant digits, and never fewer than two decimals:
     * "$0.0123", "$0.50", "$12.35"; {@link #PRICE_UNKNOWN} for null.
     */
    public static String total(BigDecimal usd) {
        if (usd == null) {
            return PRICE_UNKNOWN;
        }
        BigDecimal rounded = usd.round(new MathContext(3, RoundingMode.HALF_UP));
        if (rounded.scale() < 2) {
            rounded = usd.setScale(2, RoundingMode.HALF_UP);
        }
        rounded = rounded.stripTrailingZeros();
        if (rounded.scale() < 2) {
            rounded = rounded.setScale(2);
        }
        return "$" + rounded.toPlainString();
    }
}
