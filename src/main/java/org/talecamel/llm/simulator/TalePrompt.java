package org.talecamel.llm.simulator;

import org.talecamel.method.Prompts;

/** What a request asks, recognised by the TALE prompt texts of {@link Prompts}. */
sealed interface TalePrompt {

    /** The zero-shot budget estimator of TALE-EP. */
    record Estimate(String question) implements TalePrompt {
    }

    /** Step-by-step reasoning, with {@code budget} tokens or, when it is 0, without a budget. */
    record Reason(String question, int budget) implements TalePrompt {

        boolean budgeted() {
            return budget > 0;
        }
    }

    // The markers are cut out of the real prompts around a placeholder, so they cannot drift from Prompts.
    String HOLE = "\u0000";
    String ESTIMATE_HEAD = Prompts.estimator(HOLE).substring(0, Prompts.estimator(HOLE).indexOf(HOLE));
    String ESTIMATE_TAIL = Prompts.estimator(HOLE).substring(Prompts.estimator(HOLE).indexOf(HOLE) + 1);
    String QUESTION_HEAD = Prompts.cot(HOLE).substring(0, Prompts.cot(HOLE).indexOf(HOLE));
    String COT_TAIL = Prompts.cot(HOLE).substring(Prompts.cot(HOLE).indexOf(HOLE) + 1);
    String BUDGET_HEAD = between(Prompts.budgeted(HOLE, 123_456_789), HOLE, "123456789");
    String BUDGET_TAIL = Prompts.budgeted(HOLE, 123_456_789).substring(
            Prompts.budgeted(HOLE, 123_456_789).indexOf("123456789") + "123456789".length());

    /**
     * Recognises the last user message. Text that is no TALE prompt is treated as a bare question asked
     * without a budget, so any client still gets a step-by-step answer.
     */
    static TalePrompt of(String userText) {
        if (userText.startsWith(ESTIMATE_HEAD) && userText.endsWith(ESTIMATE_TAIL)
                && userText.length() >= ESTIMATE_HEAD.length() + ESTIMATE_TAIL.length()) {
            return new Estimate(userText.substring(ESTIMATE_HEAD.length(), userText.length() - ESTIMATE_TAIL.length()));
        }
        if (userText.startsWith(Prompts.ESTIMATOR_TASK)) {
            // The estimator task with the question framed some other way: all that follows the task is the question.
            return new Estimate(userText.substring(Prompts.ESTIMATOR_TASK.length()).strip());
        }
        if (userText.startsWith(QUESTION_HEAD)) {
            if (userText.endsWith(COT_TAIL)) {
                return new Reason(userText.substring(QUESTION_HEAD.length(), userText.length() - COT_TAIL.length()), 0);
            }
            int head = userText.lastIndexOf(BUDGET_HEAD);
            if (head >= 0 && userText.endsWith(BUDGET_TAIL)) {
                String digits = userText.substring(head + BUDGET_HEAD.length(), userText.length() - BUDGET_TAIL.length());
                if (!digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(Character::isDigit)) {
                    int budget = Integer.parseInt(digits);
                    return new Reason(userText.substring(QUESTION_HEAD.length(), head), Math.max(budget, 1));
                }
            }
        }
        return new Reason(userText, 0);
    }

    private static String between(String text, String after, String before) {
        return text.substring(text.indexOf(after) + after.length(), text.indexOf(before));
    }
}
