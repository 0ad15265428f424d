package org.talecamel.report;

import java.util.Locale;

/** Number formats shared by the reports. */
final class Figures {

    private Figures() {
    }

    /** A ratio as a percent; "–" when nothing was measured. */
    static String percent(Double ratio) {
        return ratio == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    /**
     * A method's expense per problem; "–" when no problem got an answer, "price unknown" when a price is, "batch price
     * unknown" when what is unknown is the price of its answers that came in batches.
     */
    static String meanExpense(org.talecamel.run.MethodSummary method) {
        if (!method.measured()) {
            return "–";
        }
        return batchPriceUnknown(method) ? org.talecamel.cost.Expense.BATCH_PRICE_UNKNOWN
                : org.talecamel.cost.Expense.perProblem(method.meanExpenseUsd());
    }

    /** What all of a method's answers cost, worded as {@link #meanExpense} when unknown. */
    static String totalExpense(org.talecamel.run.MethodSummary method) {
        return batchPriceUnknown(method) ? org.talecamel.cost.Expense.BATCH_PRICE_UNKNOWN
                : org.talecamel.cost.Expense.total(method.totalExpenseUsd());
    }

    private static boolean batchPriceUnknown(org.talecamel.run.MethodSummary method) {
        return method.totalExpenseUsd() == null && method.batched() != null && method.batched().onlyBatchPriceUnknown();
    }

    /** A method's mean output tokens; "–" when no problem got an answer. */
    static String meanTokens(org.talecamel.run.MethodSummary method) {
        return method.measured() ? tokens(method.meanOutputTokens()) : "–";
    }

    /** The mean tokens of the answer alone as the paper counted them (cl100k of its text). */
    static String paperTokens(org.talecamel.run.MethodSummary method) {
        return method.measured() ? tokens(method.meanPaperTokens()) : "–";
    }

    static String tokens(double mean) {
        return String.format(Locale.ROOT, "%.1f", mean);
    }

    /** A saving against cot: "75.8%"; a negative figure means the method used more. */
    static String reduction(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f%%", value);
    }

    static String signedPoints(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%+.1f pts", value);
    }

    static String optional(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }
}
