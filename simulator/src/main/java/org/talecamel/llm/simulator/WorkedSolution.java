package org.talecamel.llm.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference solution split into what the simulated model re-tells: steps without the {@code <<a*b=c>>}
 * calculator notes, each step's calculation, and the final answer.
 *
 * @param steps  the solution's lines; empty when the file gave only a value (GSM8K-Zero style)
 * @param answer the final answer as plain digits ({@code 70000}, {@code -3}, {@code 2.5}), or a choice letter
 * @param choice true when the answer is the letter of an option, written {@code Choice: [[B]]}
 */
record WorkedSolution(List<Step> steps, String answer, boolean choice) {

    WorkedSolution(List<Step> steps, String answer) {
        this(steps, answer, false);
    }

    /**
     * One line of a worked solution.
     *
     * @param text       the line as a reader sees it, calculator notes removed
     * @param expression the line's last calculation ({@code 16-3-4}), or empty
     * @param result     that calculation's result ({@code 9}), or empty
     */
    record Step(String text, String expression, String result) {

        boolean hasCalculation() {
            return !expression.isEmpty() && !result.isEmpty();
        }
    }

    private static final Pattern CALCULATOR_NOTE = Pattern.compile("<<([^<>=]*)=([^<>]*)>>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Parses a GSM8K worked solution ending in {@code #### N}, or a bare value such as {@code 48.0}. */
    static WorkedSolution parse(String reference) {
        int mark = reference.lastIndexOf("####");
        if (mark < 0) {
            return new WorkedSolution(List.of(), plainNumber(reference));
        }
        List<Step> steps = new ArrayList<>();
        for (String line : reference.substring(0, mark).split("\n")) {
            String expression = "";
            String result = "";
            Matcher note = CALCULATOR_NOTE.matcher(line);
            while (note.find()) {
                expression = note.group(1).strip();
                result = plainNumber(note.group(2));
            }
            String text = SPACES.matcher(CALCULATOR_NOTE.matcher(line).replaceAll("")).replaceAll(" ").strip();
            if (!text.isEmpty()) {
                // Worked solutions often end a line on the result; a reply that goes on needs the full stop.
                if (".!?:".indexOf(text.charAt(text.length() - 1)) < 0) {
                    text += ".";
                }
                steps.add(new Step(text, expression, result));
            }
        }
        return new WorkedSolution(List.copyOf(steps), plainNumber(reference.substring(mark + 4)));
    }

    /** "1,000.00" → "1000", "$5" → "5"; text that is no number is returned trimmed. */
    static String plainNumber(String text) {
        String cleaned = text.strip().replace(",", "").replace("$", "").replace("%", "");
        try {
            return format(new BigDecimal(cleaned));
        } catch (NumberFormatException e) {
            return text.strip();
        }
    }

    static String format(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }

    /** The results of the calculations before the last one, most recent first, excluding the final answer. */
    List<String> earlierResults() {
        List<String> results = new ArrayList<>();
        for (int i = steps.size() - 2; i >= 0; i--) {
            String r = steps.get(i).result();
            if (!r.isEmpty() && !sameNumber(r, answer) && !results.contains(r)) {
                results.add(r);
            }
        }
        return results;
    }

    static boolean sameNumber(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    }
}
