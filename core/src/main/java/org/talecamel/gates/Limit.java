package org.talecamel.gates;

import java.math.BigDecimal;

/**
 * Reads one gate's limit, refusing a value that cannot be meant with the setting's name and what to write instead.
 * Percent and points may be written {@code 90} or {@code 90%}; the {@code %} makes any value unambiguous.
 */
final class Limit {

    private Limit() {
    }

    /** A minimum in percent (accuracy, token reduction): 0 to 100; a plain value in (0, 1] reads as a fraction. */
    static double percent(GateSetting setting, String what) {
        boolean explicit = setting.value().endsWith("%");
        BigDecimal value = number(setting, explicit);
        if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException(setting.shown() + " is more than 100%: " + what
                    + " is in percent, at most 100");
        }
        if (!explicit && value.signum() > 0 && value.compareTo(BigDecimal.ONE) <= 0) {
            String percent = value.movePointRight(2).stripTrailingZeros().toPlainString();
            throw new IllegalArgumentException(setting.shown() + " is ambiguous: gates are in percent (90 means 90%),"
                    + " so write " + percent + " for " + percent + "%, or " + setting.value() + "% if you really mean "
                    + (value.compareTo(BigDecimal.ONE) == 0 ? "one percent" : "under one percent"));
        }
        return value.doubleValue();
    }

    /** The accuracy drop, in points: 0 to 100; a plain value in (0, 1) reads as a fraction. */
    static double points(GateSetting setting) {
        boolean explicit = setting.value().endsWith("%");
        BigDecimal value = number(setting, explicit);
        if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException(setting.shown() + " is more than 100 points: accuracy is at most 100%");
        }
        if (!explicit && value.signum() > 0 && value.compareTo(BigDecimal.ONE) < 0) {
            String points = value.movePointRight(2).stripTrailingZeros().toPlainString();
            throw new IllegalArgumentException(setting.shown() + " is ambiguous: the drop is in points of accuracy"
                    + " (5 means 5 points, from 80% to 75%), so write " + points + " for " + points + " points, or "
                    + setting.value() + "% if you really mean under one point");
        }
        return value.doubleValue();
    }

    /** Mean output tokens per problem. */
    static double tokens(GateSetting setting) {
        if (setting.value().endsWith("%")) {
            throw new IllegalArgumentException(setting.shown() + " is not a number of tokens");
        }
        return number(setting, false).doubleValue();
    }

    /** The run's expense in $. */
    static BigDecimal dollars(GateSetting setting) {
        try {
            BigDecimal value = new BigDecimal(setting.value());
            if (value.signum() < 0) {
                throw new IllegalArgumentException(setting.shown() + " is negative: a gate's limit is 0 or more");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.shown() + " is not an amount in $");
        }
    }

    private static BigDecimal number(GateSetting setting, boolean percentSign) {
        String text = setting.value();
        if (percentSign) {
            text = text.substring(0, text.length() - 1).strip();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.shown() + " is not a number");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(setting.shown() + " is negative: a gate's limit is 0 or more");
        }
        return value;
    }
}
