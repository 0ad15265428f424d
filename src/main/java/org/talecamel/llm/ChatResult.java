package org.talecamel.llm;

/**
 * What one chat call gave back, usable or not.
 *
 * @param httpStatus 0 when no HTTP response arrived at all (connection refused, timeout)
 * @param cachedPromptTokens prompt tokens the endpoint served from its prompt cache (OpenAI's
 *                   {@code usage.prompt_tokens_details.cached_tokens}); part of {@code promptTokens}
 * @param error      null when the call gave a usable answer, else a reason a user can act on
 */
public record ChatResult(
        int httpStatus,
        long latencyMs,
        String model,
        String content,
        String finishReason,
        int promptTokens,
        int cachedPromptTokens,
        int completionTokens,
        TokenSource tokenSource,
        String error) {

    public boolean ok() {
        return error == null;
    }

    /** The answer was cut off at {@code max_tokens}. */
    public boolean truncated() {
        return "length".equals(finishReason);
    }

    public static ChatResult failed(int httpStatus, long latencyMs, String error) {
        return new ChatResult(httpStatus, latencyMs, "", "", "", 0, 0, 0, TokenSource.NONE, error);
    }
}
