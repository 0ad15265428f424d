package org.talecamel.llm.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talecamel.llm.simulator.WorkedSolution.Step;

/**
 * A calculation written out in a question ("Calculate 37 * 12.", "What is (8 + 4) / 3?"), worked out one
 * operation at a time as a model shows it: each step has two operands, like the steps of a GSM8K solution.
 */
final class Arithmetic {

    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");
    private static final Pattern RUN = Pattern.compile("[\\d.+\\-*/×÷()\\s]+");
    private static final Pattern TOKEN = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+|[-+*/×÷()])");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    /** At most this many words around the calculation for a question to be nothing but the calculation. */
    private static final int TASK_WORDS = 8;

    private final List<String> tokens;
    private final List<Step> steps = new ArrayList<>();
    private int next;

    private Arithmetic(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The longest calculation written in the question, worked out; empty when it holds none. */
    static Optional<WorkedSolution> solve(String question) {
        return longestRun(THOUSANDS.matcher(question).replaceAll("")).map(Arithmetic::evaluate).orElse(Optional.empty());
    }

    /**
     * The calculation a question asks for, when the question is nothing more ("Calculate 37 * 12."): a model works
     * that out whether or not it has seen the question. A word problem that happens to contain "5-6" is not one.
     */
    static Optional<WorkedSolution> task(String question) {
        String plain = THOUSANDS.matcher(question).replaceAll("");
        return longestRun(plain).flatMap(run -> {
            String around = plain.replace(run, " ");
            long words = WORD.matcher(around).results().count();
            return words <= TASK_WORDS && !DIGIT.matcher(around).find() ? evaluate(run) : Optional.empty();
        });
    }

    /** The calculation again, ending on {@code value} when it comes to that value (to two decimals at least). */
    static Optional<WorkedSolution> solving(String question, String value) {
        return solve(question).filter(solution -> sameValue(solution.answer(), value))
                .map(solution -> withAnswer(solution, value));
    }

    private static Optional<String> longestRun(String text) {
        String best = null;
        int bestOperators = 0;
        Matcher run = RUN.matcher(text);
        while (run.find()) {
            String candidate = run.group();
            int operators = (int) candidate.chars().filter(c -> "+-*/×÷".indexOf(c) >= 0).count();
            if (operators > bestOperators && evaluate(candidate).isPresent()) {
                best = candidate;
                bestOperators = operators;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<WorkedSolution> evaluate(String run) {
        String expression = run.strip();
        while (expression.endsWith(".")) {
            expression = expression.substring(0, expression.length() - 1).strip();
        }
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length()) {
            if (!token.find(at) || token.start() != at) {
                return Optional.empty();
            }
            tokens.add(token.group(1).replace('×', '*').replace('÷', '/'));
            at = token.end();
        }
        Arithmetic parser = new Arithmetic(tokens);
        try {
            BigDecimal value = parser.sum();
            if (parser.next != tokens.size() || parser.steps.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new WorkedSolution(List.copyOf(parser.steps), WorkedSolution.format(value)));
        } catch (ArithmeticException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private BigDecimal sum() {
        BigDecimal value = product();
        while (peek("+") || peek("-")) {
            String op = tokens.get(next++);
            value = step(value, op, product());
        }
        return value;
    }

    private BigDecimal product() {
        BigDecimal value = factor();
        while (peek("*") || peek("/")) {
            String op = tokens.get(next++);
            value = step(value, op, factor());
        }
        return value;
    }

    private BigDecimal factor() {
        if (next >= tokens.size()) {
            throw new IllegalStateException("an operand is missing");
        }
        String token = tokens.get(next++);
        if (token.equals("-")) {
            return factor().negate();
        }
        if (token.equals("(")) {
            BigDecimal inner = sum();
            if (!peek(")")) {
                throw new IllegalStateException("a bracket is not closed");
            }
            next++;
            return inner;
        }
        if (!Character.isDigit(token.charAt(token.length() - 1))) {
            throw new IllegalStateException("an operand is missing");
        }
        return new BigDecimal(token);
    }

    private BigDecimal step(BigDecimal a, String op, BigDecimal b) {
        BigDecimal result = switch (op) {
            case "+" -> a.add(b);
            case "-" -> a.subtract(b);
            case "*" -> a.multiply(b);
            default -> a.divide(b, 10, RoundingMode.HALF_UP);
        };
        String x = WorkedSolution.format(a);
        String y = WorkedSolution.format(b);
        String r = WorkedSolution.format(result);
        String text = switch (op) {
            case "+" -> "Adding " + x + " and " + y + " gives " + r + ".";
            case "-" -> "Subtracting " + y + " from " + x + " gives " + r + ".";
            case "*" -> "Multiplying " + x + " by " + y + " gives " + r + ".";
            default -> "Dividing " + x + " by " + y + " gives " + r + ".";
        };
        steps.add(new Step(text, x + op + y, r));
        return result;
    }

    private boolean peek(String token) {
        return next < tokens.size() && tokens.get(next).equals(token);
    }

    /** 3.3333333333 is the value 3.33; 47.6 is not the value 48. */
    static boolean sameValue(String computed, String value) {
        try {
            BigDecimal v = new BigDecimal(value);
            int scale = Math.max(2, v.scale());
            return new BigDecimal(computed).setScale(scale, RoundingMode.HALF_UP).compareTo(v) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static WorkedSolution withAnswer(WorkedSolution solution, String value) {
        List<Step> steps = new ArrayList<>(solution.steps());
        Step last = steps.get(steps.size() - 1);
        steps.set(steps.size() - 1, new Step(last.text().replace(last.result() + ".", value + "."),
                last.expression(), value));
        return new WorkedSolution(List.copyOf(steps), value);
    }
}
