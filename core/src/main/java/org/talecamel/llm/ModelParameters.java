package org.talecamel.llm;

/**
 * What one model takes in a chat request, from its row of {@code config/models.csv} (or the built-in default).
 *
 * @param pattern      the row's model name or glob, as written
 * @param tokenLimit   the parameter that limits its output: {@code max_tokens} or {@code max_completion_tokens}
 * @param temperature  whether it takes a temperature; if not, none is sent
 * @param reasoning    whether it is a reasoning model that takes {@code reasoning_effort}
 * @param nativeBudget the parameter that gives it a token budget of its own (method {@code tale-native}), or
 *                     {@link TokenParameter#NONE}
 * @param where        where the row is, for messages: {@code config/models.csv line 21}, or the built-in default
 */
public record ModelParameters(String pattern, TokenParameter tokenLimit, boolean temperature, boolean reasoning,
                              TokenParameter nativeBudget, String where) {

    /** A model no row names: a classic chat model (max_tokens, a temperature, no reasoning_effort). */
    public static final ModelParameters CLASSIC = new ModelParameters("*", TokenParameter.MAX_TOKENS, true, false,
            TokenParameter.MAX_TOKENS, "the built-in default for models no row names");

    public ModelParameters {
        if (tokenLimit != TokenParameter.MAX_TOKENS && tokenLimit != TokenParameter.MAX_COMPLETION_TOKENS) {
            throw new IllegalArgumentException("token_limit must be max_tokens or max_completion_tokens, was " + tokenLimit);
        }
    }

    /** The row and where it is, as messages name it: {@code config/models.csv line 21 (gpt-5*)}. */
    public String describeRow() {
        return where + (where.contains("default") ? "" : " (" + pattern + ")");
    }

    /** What a call to this model sends and leaves out, for the start-up log and the reports. */
    public String describe() {
        return tokenLimit.field() + " as its limit, " + (temperature ? "a temperature" : "no temperature")
                + (reasoning ? ", reasoning_effort" : "") + ", native budget "
                + nativeBudget.field() + " (" + describeRow() + ")";
    }
}
