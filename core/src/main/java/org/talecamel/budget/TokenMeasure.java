package org.talecamel.budget;

/** How long an answer is, where a budget is derived from its length (the search, the elasticity walk and sweep). */
public enum TokenMeasure {
    /** The completion tokens the endpoint billed ({@code usage}), as our default. */
    USAGE("completion tokens from usage"),
    /** cl100k of the answer text, as the reference's {@code token_measure} ({@code tale.preset=paper}). */
    ANSWER_TEXT("cl100k tokens of the answer text, as the reference's token_measure");

    private final String description;

    TokenMeasure(String description) {
        this.description = description;
    }

    public int of(Answer answer) {
        return this == USAGE ? answer.usageTokens() : answer.paperTokens();
    }

    public String description() {
        return description;
    }

    /** An answer and its length both ways. */
    public record Answer(String text, int usageTokens, int paperTokens) {
    }
}
