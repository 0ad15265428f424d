package org.talecamel.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formats shared by the reports. */
final class Figures {

    static final String PRICE_UNKNOWN = "price unknown";

    private Figures() {
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
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

    /** Expense per problem as the TALE paper shows it, in units of 10⁻⁵ $: 0.0000123 $ is "1.23". */
    static String perProblem(Double usd) {
        return usd == null ? PRICE_UNKNOWN : String.format(Locale.ROOT, "%.2f", usd * 1e5);
    }

    /** A run total in dollars, to a tenth of a cent's precision where it is small: "$0.0123". */
    static String dollars(BigDecimal usd) {
        if (usd == null) {
            return PRICE_UNKNOWN;
        }
        int scale = usd.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
        if (usd.signum() != 0 && usd.abs().compareTo(new BigDecimal("0.0001")) < 0) {
            scale = 6;
        }
        return "$" + usd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
