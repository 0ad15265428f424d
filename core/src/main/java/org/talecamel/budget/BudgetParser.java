package org.talecamel.budget;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the budget from the estimator's reply, {@code Budget: [[N]]}. */
public final class BudgetParser {

    private static final Pattern BRACKETED = Pattern.compile("\\[\\[\\s*([^\\[\\]]*?)\\s*]]");
    private static final Pattern INTEGER = Pattern.compile("\\+?(\\d{1,9})(?:\\s*tokens?)?");

    private BudgetParser() {
    }

    /**
     * The first {@code [[N]]} in the reply whose N is a whole number, as the reference's {@code extract_number} takes
     * the first {@code [[digits]]} (we also allow spaces, a plus sign, thousands commas and a trailing "tokens").
     * Empty when there is none, or when that first one is 0: the reference would then ask for "less than 0 tokens"
     * (or "-1" when it finds none), and such a budget must never reach a prompt. Brackets holding a word, a decimal
     * or a negative number are passed over, as the reference's pattern passes over them.
     */
    public static OptionalInt parse(String reply) {
        if (reply == null) {
            return OptionalInt.empty();
        }
        Matcher bracketed = BRACKETED.matcher(reply);
        while (bracketed.find()) {
            Matcher integer = INTEGER.matcher(bracketed.group(1).replace(",", ""));
            if (integer.matches()) {
                int value = Integer.parseInt(integer.group(1));
                return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }
}
