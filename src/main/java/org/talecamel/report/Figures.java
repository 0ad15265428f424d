package org.talecamel.report;

import java.util.Locale;

/** Number formats shared by the reports. */
final class Figures {

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
}
