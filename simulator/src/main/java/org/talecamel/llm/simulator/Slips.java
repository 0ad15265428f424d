package org.talecamel.llm.simulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talecamel.llm.simulator.WorkedSolution.Step;

/**
 * The ways the simulated model goes wrong: plausible slips in a known solution, and guesses at unknown questions.
 * A wrong reply reads like a real one; only its reasoning has a flaw, so answer extraction is tested honestly.
 */
final class Slips {

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern TWO_OPERANDS = Pattern.compile("\\s*(-?[\\d.]+)\\s*([-+*/])\\s*(-?[\\d.]+)\\s*");

    private Slips() {
    }

    /** The solution re-told with one slip, ending in an answer that differs from the right one. */
    static WorkedSolution wrong(WorkedSolution right, String question, Dice dice) {
        List<String> earlier = right.earlierResults();
        double roll = dice.uniform();
        WorkedSolution slipped = null;
        if (lastCalculation(right) == null) {
            // Nothing to miscalculate: the model does a calculation the question did not ask for.
            slipped = overthink(right, question, dice);
        } else if (roll < 0.35 && !earlier.isEmpty()) {
            slipped = stopEarly(right, earlier.get(0));
        } else if (roll < 0.60) {
            slipped = wrongOperation(right, dice);
        } else if (roll < 0.70) {
            slipped = unitSlip(right, question, dice);
        }
        if (slipped == null) {
            slipped = withFinalResult(right, arithmeticSlip(right.answer(), dice), null);
        }
        return slipped;
    }

    /** A letter other than {@code right} among the first {@code count} (A, B, C...). */
    static String otherLetter(String right, int count, Dice dice) {
        int index = right.charAt(0) - 'A';
        int other = count <= 1 ? index + 1 : (index + 1 + dice.below(count - 1)) % count;
        return String.valueOf((char) ('A' + other));
    }

    /** The stated value combined with another number of the question, as if the question asked for more. */
    private static WorkedSolution overthink(WorkedSolution right, String question, Dice dice) {
        BigDecimal value = number(right.answer());
        List<BigDecimal> others = new ArrayList<>();
        Matcher m = NUMBER.matcher(question);
        while (m.find()) {
            BigDecimal n = number(m.group());
            if (n != null && n.signum() > 0 && !sameNumber(n, right.answer())) {
                others.add(n);
            }
        }
        if (value == null || others.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < 4; attempt++) {
            BigDecimal other = dice.pick(others);
            char op = "+-*/".charAt(dice.below(4));
            BigDecimal result = apply(value, op, other);
            if (result != null && result.signum() >= 0 && result.stripTrailingZeros().scale() <= 2
                    && !sameNumber(result, right.answer())) {
                String expression = WorkedSolution.format(value) + op + WorkedSolution.format(other);
                String shown = WorkedSolution.format(result);
                List<Step> steps = new ArrayList<>(right.steps());
                steps.add(new Step("Taking " + WorkedSolution.format(other) + " into account as well: "
                        + ReplyWriter.pretty(expression) + " = " + shown + ".", expression, shown));
                return new WorkedSolution(List.copyOf(steps), shown);
            }
        }
        return null;
    }

    /** Stopping at an intermediate result, as if it answered the question. */
    private static WorkedSolution stopEarly(WorkedSolution right, String intermediate) {
        List<Step> steps = right.steps();
        for (int i = steps.size() - 2; i >= 0; i--) {
            if (steps.get(i).result().equals(intermediate)) {
                return new WorkedSolution(List.copyOf(steps.subList(0, i + 1)), intermediate);
            }
        }
        return null;
    }

    /** The last calculation done with another operation: 9 * 2 worked out as 9 + 2. */
    private static WorkedSolution wrongOperation(WorkedSolution right, Dice dice) {
        Step last = lastCalculation(right);
        Matcher operands = last == null ? null : TWO_OPERANDS.matcher(last.expression());
        if (operands == null || !operands.matches()) {
            return null;
        }
        BigDecimal a = new BigDecimal(operands.group(1));
        BigDecimal b = new BigDecimal(operands.group(3));
        char op = operands.group(2).charAt(0);
        char[] instead = switch (op) {
            case '+' -> new char[] {'-', '*'};
            case '-' -> new char[] {'+'};
            case '*' -> new char[] {'+', '/'};
            default -> new char[] {'*', '-'};
        };
        char other = instead[dice.below(instead.length)];
        BigDecimal result = apply(a, other, b);
        if (result == null || result.signum() < 0 || result.scale() > 2 || sameNumber(result, right.answer())) {
            return null;
        }
        String expression = a.toPlainString() + other + b.toPlainString();
        return withFinalResult(right, WorkedSolution.format(result), expression);
    }

    /** A conversion forgotten or applied twice: minutes and hours, cents and dollars, percent and fraction. */
    private static WorkedSolution unitSlip(WorkedSolution right, String question, Dice dice) {
        String q = question.toLowerCase(Locale.ROOT);
        int factor = q.contains("minute") && q.contains("hour") ? 60
                : q.contains("%") || q.contains("percent") || q.contains("cent") ? 100
                : q.contains("week") && q.contains("day") ? 7
                : q.contains("month") && q.contains("year") ? 12
                : q.contains("dozen") ? 12
                : 0;
        BigDecimal answer = number(right.answer());
        if (factor == 0 || answer == null || answer.signum() == 0) {
            return null;
        }
        BigDecimal f = BigDecimal.valueOf(factor);
        BigDecimal divided = answer.divide(f, MathContext.DECIMAL64).stripTrailingZeros();
        BigDecimal slipped = divided.scale() <= 2 && dice.chance(0.5) ? divided : answer.multiply(f);
        return withFinalResult(right, WorkedSolution.format(slipped), null);
    }

    /** Off by a little, a doubling or halving, or two digits swapped. */
    static String arithmeticSlip(String answer, Dice dice) {
        BigDecimal value = number(answer);
        if (value == null) {
            return "0";
        }
        for (int attempt = 0; attempt < 8; attempt++) {
            BigDecimal slipped = switch (dice.below(6)) {
                case 0 -> value.add(BigDecimal.ONE);
                case 1 -> value.subtract(BigDecimal.ONE);
                case 2 -> value.add(BigDecimal.TEN);
                case 3 -> value.multiply(BigDecimal.valueOf(2));
                case 4 -> value.divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
                default -> swapDigits(value);
            };
            if (slipped != null && !sameNumber(slipped, answer) && slipped.stripTrailingZeros().scale() <= 2) {
                return WorkedSolution.format(slipped);
            }
        }
        return WorkedSolution.format(value.add(BigDecimal.ONE));
    }

    /**
     * A guess at a question the model has never seen: the numbers in it combined in some plausible way.
     * Such an answer is usually wrong, as a real model's would be on a problem it cannot work out.
     */
    static WorkedSolution guess(String question, Dice dice) {
        List<BigDecimal> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(question);
        while (m.find() && numbers.size() < 4) {
            BigDecimal n = number(m.group());
            if (n != null) {
                numbers.add(n);
            }
        }
        List<Step> steps = new ArrayList<>();
        if (numbers.isEmpty()) {
            steps.add(new Step("The question gives no numbers, so we reason about the situation directly.", "", ""));
            steps.add(new Step("The simplest reading is that there is exactly one.", "", ""));
            return new WorkedSolution(List.copyOf(steps), "1");
        }
        BigDecimal result = numbers.get(0);
        String shown = WorkedSolution.format(result);
        steps.add(new Step("The problem gives us " + joined(numbers) + ".", "", ""));
        for (int i = 1; i < numbers.size(); i++) {
            BigDecimal next = numbers.get(i);
            char op = "+*-".charAt(dice.below(3));
            BigDecimal combined = apply(result, op, next);
            if (combined == null || combined.signum() < 0) {
                op = '+';
                combined = result.add(next);
            }
            String expression = shown + op + WorkedSolution.format(next);
            shown = WorkedSolution.format(combined);
            steps.add(new Step("Combining them: " + ReplyWriter.pretty(expression) + " = " + shown + ".", expression, shown));
            result = combined;
        }
        return new WorkedSolution(List.copyOf(steps), shown);
    }

    /** The last calculation gives {@code wrong}, and the lines after it repeat it instead of the right answer. */
    private static WorkedSolution withFinalResult(WorkedSolution right, String wrong, String expression) {
        List<Step> steps = new ArrayList<>(right.steps());
        int last = steps.size() - 1;
        while (last >= 0 && !steps.get(last).hasCalculation()) {
            last--;
        }
        if (last >= 0) {
            Step step = steps.get(last);
            String text = replaceNumber(step.text(), step.result(), wrong);
            steps.set(last, new Step(text, expression != null ? expression : step.expression(), wrong));
        }
        for (int i = Math.max(last + 1, 0); i < steps.size(); i++) {
            Step step = steps.get(i);
            steps.set(i, new Step(replaceNumber(step.text(), right.answer(), wrong), step.expression(), step.result()));
        }
        return new WorkedSolution(List.copyOf(steps), wrong);
    }

    private static Step lastCalculation(WorkedSolution solution) {
        List<Step> steps = solution.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).hasCalculation()) {
                return steps.get(i);
            }
        }
        return null;
    }

    /** Replaces the last occurrence of a number, whether the text writes it "70000" or "70,000". */
    private static String replaceNumber(String text, String number, String replacement) {
        Matcher m = NUMBER.matcher(text);
        int start = -1;
        int end = -1;
        while (m.find()) {
            if (sameNumber(m.group().replace(",", ""), number)) {
                start = m.start();
                end = m.end();
            }
        }
        return start < 0 ? text : text.substring(0, start) + replacement + text.substring(end);
    }

    private static BigDecimal apply(BigDecimal a, char op, BigDecimal b) {
        return switch (op) {
            case '+' -> a.add(b);
            case '-' -> a.subtract(b);
            case '*' -> a.multiply(b);
            default -> b.signum() == 0 ? null : a.divide(b, 6, RoundingMode.HALF_UP).stripTrailingZeros();
        };
    }

    private static BigDecimal swapDigits(BigDecimal value) {
        String digits = value.abs().toPlainString();
        if (digits.length() < 2 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int at = digits.length() - 2;
        String swapped = digits.substring(0, at) + digits.charAt(at + 1) + digits.charAt(at);
        return new BigDecimal(swapped).multiply(BigDecimal.valueOf(value.signum()));
    }

    private static String joined(List<BigDecimal> numbers) {
        List<String> shown = numbers.stream().map(WorkedSolution::format).toList();
        if (shown.size() == 1) {
            return shown.get(0);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean sameNumber(BigDecimal value, String text) {
        return WorkedSolution.sameNumber(WorkedSolution.format(value), text);
    }

    private static boolean sameNumber(String a, String b) {
        return WorkedSolution.sameNumber(a, b);
    }
}
