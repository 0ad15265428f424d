package org.talecamel.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

        public Question {
            choices = List.copyOf(choices);
        }

        /** Splits the trailing option lines ({@code A. 12}, {@code B. 15}...) off a question, as Prompts writes them. */
        static Question of(String asked) {
            String[] lines = asked.split("\n", -1);
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

    // The markers are cut out of the real prompts around a placeholder, so they cannot drift from Prompts.
    String HOLE = "\u0000";
    int SOME_BUDGET = 123_456_789;
    String ESTIMATE_HEAD = before(Prompts.estimator(HOLE), HOLE);
    String ESTIMATE_TAIL = after(Prompts.estimator(HOLE), HOLE);
    String QUESTION_HEAD = before(Prompts.cot(HOLE), HOLE);
    String COT_TAIL = after(Prompts.cot(HOLE), HOLE);
    String BUDGET_HEAD = before(after(Prompts.budgeted(HOLE, SOME_BUDGET), HOLE), String.valueOf(SOME_BUDGET));
    String CHOICE_COT_TAIL = after(Prompts.choiceCot(HOLE, List.of()), HOLE);
    String CHOICE_BUDGET_HEAD = before(after(Prompts.choiceBudgeted(HOLE, List.of(), SOME_BUDGET), HOLE),
            String.valueOf(SOME_BUDGET));
    String BUDGET_TAIL = after(Prompts.budgeted(HOLE, SOME_BUDGET), String.valueOf(SOME_BUDGET));

    /**
     * Recognises a request by its system message (Chain of Draft has its own) and its last user message. Text that
     * is no known prompt is treated as a bare question asked without a budget, so any client still gets a
     * step-by-step answer.
     */
    static TalePrompt of(String systemText, String userText) {
        if (userText.startsWith(ESTIMATE_HEAD) && userText.endsWith(ESTIMATE_TAIL)
                && userText.length() >= ESTIMATE_HEAD.length() + ESTIMATE_TAIL.length()) {
            return new Estimate(Question.of(
                    userText.substring(ESTIMATE_HEAD.length(), userText.length() - ESTIMATE_TAIL.length())));
        }
        if (userText.startsWith(Prompts.ESTIMATOR_TASK)) {
            // The estimator task with the question framed some other way: all that follows the task is the question.
            return new Estimate(Question.of(userText.substring(Prompts.ESTIMATOR_TASK.length()).strip()));
        }
        if (systemText.contains(Prompts.CHAIN_OF_DRAFT)) {
            return new Draft(Question.of(userText.strip()));
        }
        if (userText.startsWith(Prompts.DIRECT_INSTRUCTION)) {
            return new Direct(Question.of(userText.substring(Prompts.DIRECT_INSTRUCTION.length())));
        }
        if (userText.startsWith(Prompts.DIRECT_CHOICE_INSTRUCTION)) {
            return new Direct(Question.of(userText.substring(Prompts.DIRECT_CHOICE_INSTRUCTION.length())));
        }
        if (userText.startsWith(QUESTION_HEAD)) {
            String rest = userText.substring(QUESTION_HEAD.length());
            if (rest.endsWith(COT_TAIL)) {
                return new Reason(Question.of(rest.substring(0, rest.length() - COT_TAIL.length())), 0);
            }
            Reason budgeted = budgeted(rest, BUDGET_HEAD);
            if (budgeted != null) {
                return budgeted;
            }
        }
        if (userText.endsWith(CHOICE_COT_TAIL)) {
            return new Reason(Question.of(userText.substring(0, userText.length() - CHOICE_COT_TAIL.length())), 0);
        }
        Reason budgeted = budgeted(userText, CHOICE_BUDGET_HEAD);
        return budgeted != null ? budgeted : new Reason(Question.of(userText), 0);
    }

    /** {@code question + head + N + BUDGET_TAIL} as a budgeted question, or null. */
    private static Reason budgeted(String text, String head) {
        int at = text.lastIndexOf(head);
        if (at < 0 || !text.endsWith(BUDGET_TAIL)) {
            return null;
        }
        String digits = text.substring(at + head.length(), Math.max(at + head.length(), text.length() - BUDGET_TAIL.length()));
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return new Reason(Question.of(text.substring(0, at)), Math.max(Integer.parseInt(digits), 1));
    }

    private static String before(String text, String marker) {
        return text.substring(0, text.indexOf(marker));
    }

    private static String after(String text, String marker) {
        return text.substring(text.indexOf(marker) + marker.length());
    }
}
