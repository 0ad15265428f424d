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
     * The last {@code [[N]]} in the reply when N is a positive integer (a trailing "tokens" is allowed).
     * Empty otherwise: zero, negatives, decimals and words are not budgets, and must never reach a prompt.
     */
    public static OptionalInt parse(String reply) {
        if (reply == null) {
            return OptionalInt.empty();
        }
        Matcher bracketed = BRACKETED.matcher(reply);
        String last = null;
        while (bracketed.find()) {
            last = bracketed.group(1);
        }
        if (last == null) {
            return OptionalInt.empty();
        }
        Matcher integer = INTEGER.matcher(last.replace(",", ""));
        if (!integer.matches()) {
            return OptionalInt.empty();
        }
        int value = Integer.parseInt(integer.group(1));
        return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
    }
}
