package org.talecamel.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HuggingFace Math-Verify's {@code verify(parse(gold), parse(answer))}, with the defaults the TALE reference calls it
 * with, for texts written as plain numbers, percentages, {@code \frac{a}{b}} and arithmetic. Its rules were read in
 * Math-Verify 0.8.0 ({@code parser.py}, {@code grader.py}) and checked by running it with SymPy 1.14.
 *
 * <p>Reading: the rightmost number or expression of the text, where it starts the text or follows a space or an
 * {@code =} ({@code 18 or 20} reads 20, {@code x = 1/2} reads 1/2, {@code a48} and {@code (48)} read nothing).
 * {@code 1,234} and {@code 1 234} are 1234 but {@code 12,5} is 12.5; {@code 50%} is 1/2; {@code 1e2} is 1 (no
 * scientific notation); {@code $48} and {@code 48 dollars} are 48. An expression it cannot evaluate ({@code 2×3})
 * gives way to the next number to its left ({@code 2}).
 *
 * <p>Comparing: two readings are equal when their texts are ({@code 50} and {@code 50%}: both read "50"), when their
 * values are exactly ({@code 48} and {@code 48.0}, {@code 0.5} and {@code 1/2}, {@code 0.5} and {@code 50%}), or when
 * a lone decimal is involved and both round to the same 6 places ({@code float_rounding=6}: {@code 1/3} and
 * {@code 0.333333}). A whole number written without a decimal point is never rounded: SymPy's {@code round} keeps it
 * an {@code Integer}, and since SymPy 1.13 an {@code Integer} never equals a {@code Float}, so {@code 48} and
 * {@code 48.0000001} differ while {@code 48.0} and {@code 48.0000001} are equal.
 */
final class MathVerify {

    private static final int FLOAT_ROUNDING = 6;
    private static final int LONGEST = 10_000;
    private static final Rational HUNDRED = Rational.of(BigDecimal.valueOf(100));

    // parser.py's expr_prefix_re: the start of the text, a space or "=", then optional bold
    private static final String ANCHOR = "(?:^|\\s|=)(?:\\*\\*)?";
    private static final String CURRENCY = "[$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₭₮₯₰₱₲₳₴₵₶₷₸₺₻₼₾₿]";

    // parser.py's number_re; groups: 1 integer and 2 decimals with thousands, 3 integer and 4 decimals, 5 decimals
    // alone, 6 integer alone, 7 percent
    private static final Pattern NUMBER = Pattern.compile(ANCHOR + CURRENCY + "?(?<![0-9])(?:"
            + "(-?[1-9][0-9]{0,2}(?:[ ,][0-9]{3})+)(\\.[0-9]+)?|(-?[0-9]+)([.,][0-9]+)|(\\.[0-9]+)|(-?[0-9]+))"
            + "(\\s*(?:%|[Pp]ercent|\\s*[Pp]ercentage|\\s*[Pp]ct))?", Pattern.UNIX_LINES);

    // parser.py's expr_re with its anchors: a digit, then digits, spaces and operators, at least one operator
    private static final String EXPRESSION_CHARACTERS = "[0-9.\\s+\\-*×/^()÷]";
    private static final Pattern EXPRESSION = Pattern.compile(ANCHOR + "(-?\\(?-?[0-9]" + EXPRESSION_CHARACTERS + "*"
            + "[+\\-*×/^()÷]" + EXPRESSION_CHARACTERS + "+\\)?)(?:\\*\\*)?(?:\\.|,|:|\\s|\\)|\\$|$)", Pattern.UNIX_LINES);

    // parser.py's latexFraction, the one LaTeX form read here; groups: 1 numerator, 2 denominator
    private static final String SIMPLE_NUMBER = "(-?[0-9]+(?:\\.[0-9]+)?)";
    private static final Pattern LATEX_FRACTION =
            Pattern.compile("-?\\\\frac\\{" + SIMPLE_NUMBER + "}\\{" + SIMPLE_NUMBER + "}");

    private MathVerify() {
    }

    /** True when math_verify counts {@code answer} equal to {@code gold}. */
    static boolean verify(String gold, String answer) {
        Reading g = read(gold);
        Reading a = read(answer);
        if (g.text() != null && a.text() != null && !g.text().isBlank() && g.text().strip().equals(a.text().strip())) {
            return true;
        }
        return g.value() != null && a.value() != null && g.value().equalTo(a.value());
    }

    /** What {@code parse} gives: the value it read (none when undefined, as 1/0), and the text of its first try. */
    record Reading(Value value, String text) {
    }

    /**
     * A value as SymPy holds it.
     *
     * @param isFloat true when a decimal took part, making it a SymPy {@code Float}
     * @param atomic  true for a lone number or percentage, which is what the rounding comparison needs on one side
     */
    record Value(Rational exact, boolean isFloat, boolean atomic) {

        boolean equalTo(Value other) {
            return exact.equals(other.exact) || ((isFloat && atomic) || (other.isFloat && other.atomic))
                    && roundsToFloat() && other.roundsToFloat() && rounded().equals(other.rounded());
        }

        private boolean roundsToFloat() {
            return isFloat || !exact.denominator().equals(BigInteger.ONE);
        }

        private BigDecimal rounded() {
            return new BigDecimal(exact.numerator())
                    .divide(new BigDecimal(exact.denominator()), FLOAT_ROUNDING, RoundingMode.HALF_EVEN);
        }
    }

    /** One try at reading a candidate: its text, whether it could be read at all, and its value. */
    private record Attempt(String text, boolean read, Value value) {
    }

    private record Candidate(MatchResult match, int order, Function<MatchResult, Attempt> reader) {
    }

    /**
     * Rightmost first (by end, then the longer), LaTeX before expressions before numbers, as parser.py sorts them.
     * A text longer than {@value #LONGEST} characters is not read: its regular expressions take time that grows with
     * the square of the length, and math_verify gives up after 5 seconds.
     */
    static Reading read(String text) {
        if (text.length() > LONGEST) {
            return new Reading(null, null);
        }
        List<Candidate> candidates = new ArrayList<>();
        collect(LATEX_FRACTION, 0, MathVerify::latexFraction, text, candidates);
        collect(EXPRESSION, 1, MathVerify::expression, text, candidates);
        collect(NUMBER, 2, MathVerify::number, text, candidates);
        candidates.sort(Comparator.comparingInt((Candidate c) -> -c.match().end())
                .thenComparingInt(c -> c.match().start()).thenComparingInt(Candidate::order));
        String firstText = null;
        for (Candidate candidate : candidates) {
            Attempt attempt = candidate.reader().apply(candidate.match());
            if (firstText == null && !attempt.text().isEmpty()) {
                firstText = attempt.text();
            }
            if (attempt.read()) {
                return new Reading(attempt.value(), firstText);
            }
        }
        return new Reading(null, firstText);
    }

    private static void collect(Pattern pattern, int order, Function<MatchResult, Attempt> reader, String text,
                                List<Candidate> candidates) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            candidates.add(new Candidate(m.toMatchResult(), order, reader));
        }
    }

    private static Attempt number(MatchResult m) {
        String integer = firstOf(m, 1, 3, 6).replace(",", "").replace(" ", "");
        String decimals = firstOf(m, 2, 4, 5).replace(',', '.');
        int zeros = 0;
        while (zeros < integer.length() && integer.charAt(zeros) == '0') {
            zeros++;
        }
        integer = zeros == integer.length() ? "0" : integer.substring(zeros);
        String digits = integer + decimals;
        Rational value = Rational.of(new BigDecimal(digits));
        boolean percent = m.group(7) != null;
        return new Attempt(digits, true, new Value(percent ? value.dividedBy(HUNDRED) : value, !decimals.isEmpty(), true));
    }

    private static String firstOf(MatchResult m, int... groups) {
        for (int group : groups) {
            if (m.group(group) != null) {
                return m.group(group);
            }
        }
        return "";
    }

    private static Attempt expression(MatchResult m) {
        String expression = m.group(1);
        try {
            return new Attempt(expression, true, Arithmetic.evaluate(expression.replace('\n', ' ').replace("^", "**")));
        } catch (IllegalArgumentException notPython) {
            return new Attempt(expression, false, null);
        } catch (ArithmeticException undefined) {
            return new Attempt(expression, true, null);
        }
    }

    private static Attempt latexFraction(MatchResult m) {
        String numerator = m.group(1);
        String denominator = m.group(2);
        boolean isFloat = numerator.contains(".") || denominator.contains(".");
        try {
            Rational value = Rational.of(new BigDecimal(numerator)).dividedBy(Rational.of(new BigDecimal(denominator)));
            // latex2sympy makes a Rational of whole numbers, a product when a decimal is in it
            return new Attempt(m.group(), true, new Value(m.group().startsWith("-") ? value.negate() : value, isFloat, !isFloat));
        } catch (ArithmeticException zeroDenominator) {
            return new Attempt(m.group(), true, null);
        }
    }

    /**
     * Python arithmetic ({@code + - * / **}, brackets) on exact fractions, as SymPy's {@code parse_expr} reads it.
     * Throws {@link IllegalArgumentException} where Python would not parse it, {@link ArithmeticException} where the
     * value is undefined (1/0) or not a fraction (a fractional power).
     */
    private static final class Arithmetic {

        private static final Pattern TOKEN = Pattern.compile("\\s*+([0-9]+\\.?[0-9]*|\\.[0-9]+|\\*\\*|[-+*/()])");
        private static final int LARGEST_POWER = 10_000;

        private final List<String> tokens = new ArrayList<>();
        private int next;

        private Arithmetic(String expression) {
            Matcher m = TOKEN.matcher(expression);
            int at = 0;
            while (at < expression.length() && m.region(at, expression.length()).lookingAt()) {
                tokens.add(m.group(1));
                at = m.end();
            }
            if (!expression.substring(at).isBlank()) {
                throw new IllegalArgumentException("not Python: " + expression);
            }
        }

        static Value evaluate(String expression) {
            Arithmetic arithmetic = new Arithmetic(expression);
            Value value = arithmetic.sum();
            if (arithmetic.next < arithmetic.tokens.size()) {
                throw new IllegalArgumentException("not Python: " + expression);
            }
            return value;
        }

        private Value sum() {
            Value value = term();
            while (peek("+") || peek("-")) {
                boolean minus = tokens.get(next++).equals("-");
                Value right = term();
                value = combine(value, right, value.exact().plus(minus ? right.exact().negate() : right.exact()));
            }
            return value;
        }

        private Value term() {
            Value value = factor();
            while (peek("*") || peek("/")) {
                boolean divide = tokens.get(next++).equals("/");
                Value right = factor();
                value = combine(value, right, divide ? value.exact().dividedBy(right.exact()) : value.exact().times(right.exact()));
            }
            return value;
        }

        private Value factor() {
            if (peek("+") || peek("-")) {
                boolean minus = tokens.get(next++).equals("-");
                Value value = factor();
                return minus ? new Value(value.exact().negate(), value.isFloat(), false) : value;
            }
            return power();
        }

        private Value power() {
            Value base = atom();
            if (!peek("**")) {
                return base;
            }
            next++;
            Value exponent = factor();
            Rational e = exponent.exact();
            if (!e.denominator().equals(BigInteger.ONE) || e.numerator().abs().compareTo(BigInteger.valueOf(LARGEST_POWER)) > 0) {
                throw new ArithmeticException("not a fraction, or too large: a power of " + e);
            }
            int n = e.numerator().intValueExact();
            Rational b = base.exact();
            Rational raised = n >= 0 ? new Rational(b.numerator().pow(n), b.denominator().pow(n))
                    : new Rational(b.denominator().pow(-n), b.numerator().pow(-n));
            return combine(base, exponent, raised);
        }

        private Value atom() {
            if (next >= tokens.size()) {
                throw new IllegalArgumentException("not Python: ends with an operator");
            }
            String token = tokens.get(next++);
            if (token.equals("(")) {
                Value inside = sum();
                if (!peek(")")) {
                    throw new IllegalArgumentException("not Python: unclosed bracket");
                }
                next++;
                return inside;
            }
            if (!Character.isDigit(token.charAt(0)) && token.charAt(0) != '.') {
                throw new IllegalArgumentException("not Python: " + token + " where a number belongs");
            }
            return new Value(Rational.of(new BigDecimal(token)), token.contains("."), false);
        }

        private boolean peek(String token) {
            return next < tokens.size() && tokens.get(next).equals(token);
        }

        private static Value combine(Value left, Value right, Rational result) {
            return new Value(result, left.isFloat() || right.isFloat(), false);
        }
    }
}
