package org.talecamel.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the number in an answer text such as {@code $1,080.00}, {@code **18** dollars}, {@code 25%}, {@code −5},
 * {@code 3 1/2} or {@code \frac{3}{4}}.
 *
 * <p>Strict on purpose: a text whose numbers disagree ({@code 18 or 20}, {@code 12,5}, {@code 10^3}, {@code 2π})
 * has no numeric value, so it can never be scored right by accident. When the text states a result after an
 * {@code =}, only that part counts ({@code 9 × 2 = 18}).
 */
public final class NumericAnswer {

    // Commas only as thousands separators, as the GSM8K answers write them: 1,234,567 but not 12,5.
    private static final String DECIMAL =
            "(?:\\d{1,3}(?:,\\d{3})+(?!\\d)(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][+-]?\\d{1,3}(?!\\d))?";

    /**
     * A number with its sign: a mixed number {@code 3 1/2}, a fraction {@code 1/2} or a decimal. The minus must touch
     * the number ({@code -5}, {@code −5}, {@code -$5}): in {@code Total - 18} it is a dash. Digits glued to a letter
     * ({@code cm2}, {@code x2}) or after {@code /} or {@code ^} are not numbers of their own.
     */
    static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d/^])([-−][$€£¥₹]?)?(?:"
            + "(\\d+)\\s+(\\d+)\\s*/\\s*(\\d+)(?![\\d.])"
            + "|(" + DECIMAL + ")\\s*/\\s*(" + DECIMAL + ")"
            + "|(" + DECIMAL + "))");

    // What a plain number cannot express; a text containing it is not a number even if it holds digits.
    private static final Pattern BEYOND_A_NUMBER = Pattern.compile("[π√∞^]|\\\\(?:pi|sqrt|infty)(?![a-zA-Z])");

    private static final Pattern LATEX_FRACTION =
            Pattern.compile("\\\\[dt]?frac\\s*(?:\\{([^{}]*)}\\s*\\{([^{}]*)}|(\\d)\\s*(\\d))");
    private static final Pattern UNIT_EXPONENT = Pattern.compile("(?<=\\p{L})\\s*\\^\\s*(?:\\d+|\\{\\d+})");
    private static final Pattern GROUP_SPACE = Pattern.compile("(?<=\\d)[\\u00A0\\u2009\\u202F](?=\\d{3}(?!\\d))");
    // compiled once: String.replaceAll compiles its pattern on every call, and every answer is normalised
    private static final Pattern LATEX_SPACING = Pattern.compile("\\\\[,;:! ]");
    private static final Pattern MIXED_FRACTION = Pattern.compile("(?<=\\d)\\s*(\\\\[dt]?frac)");
    private static final Pattern NEGATIVE_CURRENCY = Pattern.compile("-\\s*[$€£¥₹]");
    private static final Pattern CURRENCY = Pattern.compile("[$€£¥₹]");

    private NumericAnswer() {
    }

    /**
     * The value of the answer as an exact decimal; empty when the text holds no single number, or when the number
     * has no finite decimal form (1/3): {@link #parseExact} keeps those.
     */
    public static Optional<BigDecimal> parse(String text) {
        return parseExact(text).flatMap(Rational::toBigDecimal);
    }

    /** The value of the answer as an exact fraction; empty when the text holds no single number. */
    public static Optional<Rational> parseExact(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normalised = normalise(text);
        if (BEYOND_A_NUMBER.matcher(normalised).find()) {
            return Optional.empty();
        }
        int result = Math.max(normalised.lastIndexOf('='), normalised.lastIndexOf('≈'));
        if (result >= 0) {
            Optional<Rational> stated = single(normalised.substring(result + 1));
            if (stated.isPresent()) {
                return stated;
            }
        }
        return single(normalised);
    }

    private static String normalise(String text) {
        String s = text.replace('\u2212', '-')
                .replace("\\approx", "≈")
                .replace("\\%", "%")
                .replace("\\$", "$")
                .replace("{,}", ",");
        s = LATEX_SPACING.matcher(s).replaceAll("");
        s = MIXED_FRACTION.matcher(s).replaceAll(" $1"); // 3\frac{1}{2} is the mixed number 3 1/2
        s = LATEX_FRACTION.matcher(s).replaceAll(m -> m.group(1) != null
                ? Matcher.quoteReplacement(m.group(1).trim() + "/" + m.group(2).trim())
                : m.group(3) + "/" + m.group(4));
        s = UNIT_EXPONENT.matcher(s).replaceAll("");
        s = GROUP_SPACE.matcher(s).replaceAll("");
        // -$5 is minus five; elsewhere a currency sign is just a separator ($18, 18€, US$18)
        return CURRENCY.matcher(NEGATIVE_CURRENCY.matcher(s).replaceAll("-")).replaceAll(" ");
    }

    private static Optional<Rational> single(String text) {
        List<Rational> values = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        try {
            while (m.find()) {
                values.add(value(m));
            }
        } catch (ArithmeticException divisionByZero) {
            return Optional.empty();
        }
        if (values.isEmpty() || values.stream().distinct().count() > 1) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    private static Rational value(Matcher m) {
        Rational magnitude;
        if (m.group(2) != null) {
            magnitude = decimal(m.group(2)).plus(decimal(m.group(3)).dividedBy(decimal(m.group(4))));
        } else if (m.group(5) != null) {
            magnitude = decimal(m.group(5)).dividedBy(decimal(m.group(6)));
        } else {
            magnitude = decimal(m.group(7));
        }
        return m.group(1) != null ? magnitude.negate() : magnitude;
    }

    private static Rational decimal(String digits) {
        return Rational.of(new BigDecimal(digits.replace(",", "")));
    }
}
