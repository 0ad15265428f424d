package org.talecamel.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A request parameter that limits the tokens a model writes, as {@code config/models.csv} names it: the one a model
 * takes as its output limit ({@code token_limit}), and the one that carries a native budget ({@code native_budget}).
 */
public enum TokenParameter {
    /** the classic limit of chat models; OpenAI's reasoning models refuse it */
    MAX_TOKENS("max_tokens"),
    /** OpenAI's limit of everything a model writes, its reasoning included; every OpenAI chat model takes it */
    MAX_COMPLETION_TOKENS("max_completion_tokens"),
    /** vLLM's limit of a reasoning model's thinking alone (a sampling parameter of its reasoning parsers) */
    THINKING_TOKEN_BUDGET("thinking_token_budget"),
    /** no parameter: the model takes no budget of its own */
    NONE("none");

    private final String field;

    TokenParameter(String field) {
        this.field = field;
    }

    /** The name in the request body, and in the table. */
    public String field() {
        return field;
    }

    /** The parameter of this name, in any case; the message says which names are known. */
    static TokenParameter of(String column, String text, TokenParameter... allowed) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(allowed).filter(p -> p.field.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(column + " '" + text.strip() + "' is not one of "
                        + Arrays.stream(allowed).map(TokenParameter::field).collect(Collectors.joining(", "))));
    }
}
