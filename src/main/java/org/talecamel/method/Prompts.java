package org.talecamel.method;

import java.util.List;

/**
 * The prompt texts of the TALE reference implementation (and Chain of Draft's own instruction), byte for byte.
 * The simulated endpoint recognises requests by these texts, so change them only together with it.
 */
public final class Prompts {

    /** Where the prompt texts come from; part of a run's comparison key, so change it whenever a text changes. */
    public static final String SOURCE = "GeniusHTX/TALE@eef652c";

    public static final String SYSTEM = "You are a helpful assistant.";

    static final String ANSWER_FORMAT =
            "\nPlease Give the response by strictly following this format: [[answer]], for example: Answer: [[50]].";
    static final String CHOICE_FORMAT =
            "\nPlease Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n";
    static final String STEP_BY_STEP = "Let's think step by step:\n";

    public static final String DIRECT_INSTRUCTION = "Please answer the following question and give the answer directly"
            + " without any reasoning process. Please Give the response by strictly following this format: [[answer]],"
            + " for example: Answer: [[50]].\nQ: ";
    public static final String DIRECT_CHOICE_INSTRUCTION = "Please answer the following question directly and give the"
            + " answer directly without any reasoning process. Please strictLy follow the format: [[choice]],"
            + "for example: Choice: [[A]].\n";

    public static final String ESTIMATOR_TASK =
            "Task: Analyze the given question and estimate the minimum number of tokens required to generate a complete"
            + " and accurate response. Please Give the response by strictly following this format: [[budget]],"
            + "for example: Budget: [[12]].";

    /** Chain of Draft's system prompt (Xu et al., arXiv 2502.18600), used in place of {@link #SYSTEM}. */
    public static final String CHAIN_OF_DRAFT = "Think step by step, but only keep a minimum draft for each thinking"
            + " step, with 5 words at most. Return the answer at the end of the response after a separator ####.";

    private Prompts() {
    }

    /** Vanilla chain of thought (the reference GSM8K template). */
    public static String cot(String question) {
        return "Q: " + question + ANSWER_FORMAT + STEP_BY_STEP;
    }

    /** Budget-aware chain of thought: the CoT template with the budget spliced into its last sentence. */
    public static String budgeted(String question, int budget) {
        return "Q: " + question + ANSWER_FORMAT + budgetPhrase(budget);
    }

    /** The reference no-reasoning template. */
    public static String direct(String question) {
        return DIRECT_INSTRUCTION + question;
    }

    /** Vanilla chain of thought for a single-choice problem (the reference MathBench template). */
    public static String choiceCot(String question, List<String> choices) {
        return withChoices(question, choices) + CHOICE_FORMAT + STEP_BY_STEP;
    }

    /** Budget-aware chain of thought for a single-choice problem. */
    public static String choiceBudgeted(String question, List<String> choices, int budget) {
        return withChoices(question, choices) + CHOICE_FORMAT + budgetPhrase(budget);
    }

    /** The reference no-reasoning template for a single-choice problem. */
    public static String choiceDirect(String question, List<String> choices) {
        return DIRECT_CHOICE_INSTRUCTION + withChoices(question, choices);
    }

    /** The user message of Chain of Draft: the bare question (its instruction is the system message). */
    public static String chainOfDraft(String question, List<String> choices) {
        return choices.isEmpty() ? question : withChoices(question, choices);
    }

    /** The zero-shot budget estimator prompt of TALE-EP. */
    public static String estimator(String question) {
        return ESTIMATOR_TASK + "\n\nBelow is the question:\n\nQuestion: \"" + question + "\"";
    }

    /** The question followed by its options, one per line: {@code A. 12}. */
    public static String withChoices(String question, List<String> choices) {
        StringBuilder text = new StringBuilder(question);
        for (int i = 0; i < choices.size(); i++) {
            text.append('\n').append((char) ('A' + i)).append(". ").append(choices.get(i));
        }
        return text.toString();
    }

    private static String budgetPhrase(int budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("a token budget must be positive, was " + budget);
        }
        return "Let's think step by step and use less than " + budget + " tokens:\n";
    }
}
