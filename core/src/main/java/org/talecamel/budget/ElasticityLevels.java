package org.talecamel.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * The budgets of the elasticity sweep ({@code tale.elasticity.budgets}): absolute token counts such as
 * {@code 10,25,50}, or fractions of each problem's vanilla CoT output tokens such as {@code 1/32,1/4,1}.
 * A list that holds a fraction is a list of fractions, so its bare {@code 1} means the whole CoT length.
 */
public final class ElasticityLevels {

    /** One budget level: an absolute budget, or a fraction of the CoT tokens. */
    public record Level(String label, int absolute, int numerator, int denominator) {

        public boolean isFraction() {
            return denominator > 0;
        }

        /** The budget for a problem whose vanilla CoT answer used {@code cotTokens}; at least 1. */
        public int budgetFor(int cotTokens) {
            return isFraction() ? Math.max(1, (int) Math.round((double) cotTokens * numerator / denominator)) : absolute;
        }
    }

    private ElasticityLevels() {
    }

    public static List<Level> parse(String text) {
        List<Level> levels = new ArrayList<>();
        boolean fractions = text.contains("/");
        for (String part : text.split(",")) {
            String label = part.strip();
            if (label.isEmpty()) {
                continue;
            }
            levels.add(level(fractions && !label.contains("/") ? label + "/1" : label, label));
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("tale.elasticity.budgets is empty: give budgets such as 10,25,50,100"
                    + " or fractions of the CoT tokens such as 1/32,1/16,1/4,1");
        }
        return List.copyOf(levels);
    }

    private static Level level(String text, String label) {
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                int absolute = Integer.parseInt(text);
                if (absolute <= 0) {
                    throw new NumberFormatException();
                }
                return new Level(label, absolute, 0, 0);
            }
            int numerator = Integer.parseInt(text.substring(0, slash).strip());
            int denominator = Integer.parseInt(text.substring(slash + 1).strip());
            if (numerator <= 0 || denominator <= 0) {
                throw new NumberFormatException();
            }
            return new Level(label, 0, numerator, denominator);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tale.elasticity.budgets: '" + label + "' is neither a positive number"
                    + " of tokens nor a fraction such as 1/4");
        }
    }
}
