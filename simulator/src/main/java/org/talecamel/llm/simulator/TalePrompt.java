package org.talecamel.llm.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.talecamel.method.Prompts;

/** What a request asks, recognised by the prompt texts of {@link Prompts}. */
sealed interface TalePrompt {

    /**
     * A question as asked.
     *
     * @param text    the question without its options
     * @param choices the options of a single-choice question, A first; empty for any other question
     */
    record Question(String text, List<String> choices) {

        private static final Pattern OPTION = Pattern.compile("([A-Z])\\. ?(.*)");
        private static final Pattern TRAILING_BREAKS = Pattern.compile("\n+$");

        public Question {
            choices = List.copyOf(choices);
        }

        /**
         * Splits the trailing option lines ({@code A. 12}, {@code B. 15}...) off a question, as Prompts writes them,
         * with or without line breaks after the last.
         */
        static Question of(String asked) {
            String[] lines = TRAILING_BREAKS.matcher(asked).replaceFirst("").split("\n", -1);
            int first = lines.length;
            while (first > 0 && OPTION.matcher(lines[first - 1]).matches()) {
                first--;
            }
            List<String> choices = new ArrayList<>();
            for (int i = first; i < lines.length; i++) {
                Matcher option = OPTION.matcher(lines[i]);
                if (!option.matches() || option.group(1).charAt(0) != 'A' + choices.size()) {
                    return new Question(asked, List.of());
                }
                choices.add(option.group(2));
            }
            if (choices.size() < 2 || first == 0) {
                return new Question(asked, List.of());
            }
            return new Question(String.join("\n", List.of(lines).subList(0, first)), choices);
        }

        boolean isChoice() {
            return !choices.isEmpty();
        }
    }

    /** The zero-shot budget estimator of TALE-EP. */
    record Estimate(Question question) implements TalePrompt {
    }

    /** Step-by-step reasoning, with {@code budget} tokens or, when it is 0, without a budget. */
    record Reason(Question question, int budget) implements TalePrompt {

        boolean budgeted() {
            return budget > 0;
        }
    }

    /** The answer without any reasoning. */
    record Direct(Question question) implements TalePrompt {
    }

    /** Chain of Draft: minimal drafts per step, the answer after {@code ####}. */
    record Draft(Question question) implements TalePrompt {
    }

    /**
     * Where a prompt of one kind and family puts the question: {@code head + question + tail}, or for a budgeted
     * prompt {@code head + question + middle + N + tail}. Cut out of the real prompts around a placeholder, so the
     * shapes cannot drift from {@link Prompts}.
     */
    record Shape(String head, String middle, String tail, BiFunction<Question, Integer, TalePrompt> kind) {

        static Shape of(String prompt, Function<Question, TalePrompt> kind) {
            return new Shape(before(prompt, HOLE), null, after(prompt, HOLE), (question, budget) -> kind.apply(question));
        }

        static Shape budgeted(Prompts.Family family) {
            String prompt = family.budgeted(HOLE, SOME_BUDGET);
            String afterQuestion = after(prompt, HOLE);
            return new Shape(before(prompt, HOLE), before(afterQuestion, String.valueOf(SOME_BUDGET)),
                    after(afterQuestion, String.valueOf(SOME_BUDGET)), Reason::new);
        }

        int markers() {
            return head.length() + (middle == null ? 0 : middle.length()) + tail.length();
        }

        /** What {@code text} asks if it has this shape, else null. */
        TalePrompt match(String text) {
            if (!text.startsWith(head) || !text.endsWith(tail) || text.length() < markers()) {
                return null;
            }
            String inside = text.substring(head.length(), text.length() - tail.length());
            if (middle == null) {
                return kind.apply(Question.of(inside), 0);
            }
            int at = inside.lastIndexOf(middle);
            String digits = at < 0 ? "" : inside.substring(at + middle.length());
            if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            return kind.apply(Question.of(inside.substring(0, at)), Math.max(Integer.parseInt(digits), 1));
        }
    }

    String HOLE = "\u0000";
    int SOME_BUDGET = 123_456_789;
    /** Every family's estimator prompt, the most specific first: a shorter shape may also fit a longer one's prompt. */
    List<Shape> ESTIMATES = mostSpecificFirst(Arrays.stream(Prompts.Family.values())
            .map(family -> Shape.of(family.estimator(HOLE), Estimate::new)));
    /** Every family's CoT, budgeted and direct prompt, the most specific first. */
    List<Shape> ANSWERS = mostSpecificFirst(Arrays.stream(Prompts.Family.values()).flatMap(family -> Stream.of(
            Shape.of(family.cot(HOLE), question -> new Reason(question, 0)),
            Shape.budgeted(family),
            Shape.of(family.direct(HOLE), Direct::new))));

    /**
     * Recognises a request by its system message (Chain of Draft has its own) and its last user message. Text that
     * is no known prompt is treated as a bare question asked without a budget, so any client still gets a
     * step-by-step answer.
     */
    static TalePrompt of(String systemText, String userText) {
        TalePrompt estimate = firstMatch(ESTIMATES, userText);
        if (estimate != null) {
            return estimate;
        }
        if (userText.startsWith(Prompts.ESTIMATOR_TASK)) {
            // The estimator task with the question framed some other way: all that follows the task is the question.
            return new Estimate(Question.of(userText.substring(Prompts.ESTIMATOR_TASK.length()).strip()));
        }
        if (systemText.contains(Prompts.CHAIN_OF_DRAFT)) {
            return new Draft(Question.of(userText.strip()));
        }
        TalePrompt answer = firstMatch(ANSWERS, userText);
        return answer != null ? answer : new Reason(Question.of(userText), 0);
    }

    private static TalePrompt firstMatch(List<Shape> shapes, String text) {
        for (Shape shape : shapes) {
            TalePrompt prompt = shape.match(text);
            if (prompt != null) {
                return prompt;
            }
        }
        return null;
    }

    private static List<Shape> mostSpecificFirst(Stream<Shape> shapes) {
        return shapes.sorted(Comparator.comparingInt(Shape::markers).reversed()).toList();
    }

    private static String before(String text, String marker) {
        return text.substring(0, text.indexOf(marker));
    }

    private static String after(String text, String marker) {
        return text.substring(text.indexOf(marker) + marker.length());
    }
}
