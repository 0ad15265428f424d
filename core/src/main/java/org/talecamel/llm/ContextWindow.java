package org.talecamel.llm;

/**
 * The model's context window ({@code tale.llm.context-tokens}; 0 = not checked). A question that leaves less than
 * {@link #ROOM} tokens of it for the instructions and the answer is not sent: the endpoint would refuse it, or cut it.
 */
public record ContextWindow(int tokens) {

    /** Tokens kept free for the method's instructions and the answer. */
    public static final int ROOM = 1024;

    public ContextWindow {
        if (tokens != 0 && tokens <= ROOM) {
            throw new IllegalArgumentException("tale.llm.context-tokens must be 0 (not checked) or more than " + ROOM
                    + ", was " + tokens);
        }
    }

    /** Why the question does not fit, or null when it does. */
    public String tooLong(String question) {
        // a token is at least one UTF-8 byte and a char at most three: most questions need no counting
        if (tokens == 0 || (long) question.length() * 3 <= tokens - ROOM) {
            return null;
        }
        int count = TokenCounter.count(question);
        return count <= tokens - ROOM ? null
                : "question is " + count + " tokens, too long for the model's context of " + tokens
                        + " tokens (tale.llm.context-tokens) with room for instructions and an answer";
    }
}
