package org.talecamel.scoring;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides whether an extracted answer is the gold answer. Numbers are compared exactly, as fractions
 * (1/2 is 0.5, 1/3 is not 0.33; never a tolerance); anything else as text, ignoring case and the quotes,
 * brackets and punctuation around it.
 */
public final class AnswerMatcher {

    // not signs: "-x" and "x" are different answers
    private static final String WRAPPING = "\"'`“”‘’«»*_.,;:!?()[]{}$";
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private AnswerMatcher() {
    }

    public static boolean matches(String gold, String extracted) {
        if (gold == null || extracted == null || gold.isBlank() || extracted.isBlank()) {
            return false;
        }
        Optional<Rational> goldValue = NumericAnswer.parseExact(gold);
        Optional<Rational> extractedValue = NumericAnswer.parseExact(extracted);
        if (goldValue.isPresent() && extractedValue.isPresent()) {
            return goldValue.get().equals(extractedValue.get());
        }
        String g = plain(gold);
        return !g.isEmpty() && g.equals(plain(extracted));
    }

    private static String plain(String text) {
        return SPACES.matcher(strip(text, AnswerMatcher::isWrapping)).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The text without the characters around it that {@code around} accepts. */
    static String strip(String text, Predicate<Character> around) {
        int start = 0;
        int end = text.length();
        while (start < end && around.test(text.charAt(start))) {
            start++;
        }
        while (end > start && around.test(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isWrapping(char c) {
        return Character.isWhitespace(c) || WRAPPING.indexOf(c) >= 0;
    }
}
