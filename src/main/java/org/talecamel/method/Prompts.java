package org.talecamel.method;

/**
 * The prompt texts of the TALE reference implementation, byte for byte.
 * The simulated endpoint recognises requests by these texts, so change them only together with it.
 */
public final class Prompts {

    public static final String SYSTEM = "You are a helpful assistant.";

    static final String ANSWER_FORMAT =
            "\nPlease Give the response by strictly following this format: [[answer]], for example: Answer: [[50]].";
    static final String STEP_BY_STEP = "Let's think step by step:\n";

    public static final String ESTIMATOR_TASK =
            "Task: Analyze the given question and estimate the minimum number of tokens required to generate a complete"
            + " and accurate response. Please Give the response by strictly following this format: [[budget]],"
            + "for example: Budget: [[12]].";

    private Prompts() {
    }

    /** Vanilla chain of thought (the reference GSM8K template). */
    public static String cot(String question) {
        return "Q: " + question + ANSWER_FORMAT + STEP_BY_STEP;
    }

    /** Budget-aware chain of thought: the CoT template with the budget spliced into its last sentence. */
    public static String budgeted(String question, int budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("a token budget must be positive, was " + budget);
        }
        return "Q: " + question + ANSWER_FORMAT + "Let's think step by step and use less than " + budget + " tokens:\n";
    }

    /** The zero-shot budget estimator prompt of TALE-EP. */
    public static String estimator(String question) {
        return ESTIMATOR_TASK + "\n\nBelow is the question:\n\nQuestion: \"" + question + "\"";
    }
}
