package org.talecamel.llm;

/**
 * What one chat call gave back, usable or not.
 *
 * @param httpStatus 0 when no HTTP response arrived at all (connection refused, timeout)
 * @param cachedPromptTokens prompt tokens the endpoint served from its prompt cache (OpenAI's
 *                   {@code usage.prompt_tokens_details.cached_tokens}); part of {@code promptTokens}
 * @param error      null when the call gave a usable answer, else a reason a user can act on
 * @param retried    the failed attempts before this one, each retried
 * @param delivery   whether the endpoint answered it, the response cache did, or it was never sent
 * @param origin     where an answer not asked now came from: the response cache's "first asked by run ... at ...", or
 *                   the batch that answered it ("batch batch_abc, file file-xyz"); else null
 * @param completionTokens the output tokens billed: the visible answer and the model's reasoning together
 * @param reasoningTokens  of those, the model's reasoning: {@code usage.completion_tokens_details.reasoning_tokens},
 *                   or the reasoning text counted with cl100k when usage gives no detail; null when the endpoint
 *                   reported none and sent no reasoning text
 * @param reasoning  the reasoning text the endpoint sent beside the answer ({@code message.reasoning_content} or
 *                   {@code message.reasoning}: vLLM, SGLang, DeepSeek); "" when none. Never scored.
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
        String error,
        java.util.List<Attempt> retried,
        Delivery delivery,
        String origin,
        Integer reasoningTokens,
        String reasoning) {

    /** Where a result came from. */
    public enum Delivery {
        /** the endpoint was called (and answered, or failed) */
        SENT,
        /** served from the response cache: no call was made and nothing was paid */
        CACHED,
        /** served from the response cache, as {@link #CACHED}; first answered in a batch, at its batch price */
        CACHED_FROM_BATCH,
        /** not sent: the endpoint's circuit was open and the run stopped sending */
        NOT_SENT,
        /** answered in a batch of the provider's Batch API ({@code tale.llm.mode=batch}), at its batch price */
        BATCHED
    }

    public ChatResult {
        retried = retried == null ? java.util.List.of() : java.util.List.copyOf(retried);
        reasoning = reasoning == null ? "" : reasoning;
    }

    public ChatResult(int httpStatus, long latencyMs, String model, String content, String finishReason,
                      int promptTokens, int cachedPromptTokens, int completionTokens, TokenSource tokenSource,
                      String error) {
        this(httpStatus, latencyMs, model, content, finishReason, promptTokens, cachedPromptTokens, completionTokens,
                tokenSource, error, java.util.List.of(), Delivery.SENT, null, null, "");
    }

    /** This result, after the failed attempts that came before it. */
    public ChatResult afterRetries(java.util.List<Attempt> attempts) {
        return new ChatResult(httpStatus, latencyMs, model, content, finishReason, promptTokens, cachedPromptTokens,
                completionTokens, tokenSource, error, attempts, delivery, origin, reasoningTokens, reasoning);
    }

    /**
     * This result, served from the response cache: no call was made and nothing was paid.
     *
     * @param origin    where the answer came from, as the audit says it ("first asked by run ... at ...")
     * @param inABatch  whether it was first answered in a batch, and so first cost its batch price
     */
    public ChatResult fromCache(String origin, boolean inABatch) {
        return new ChatResult(httpStatus, 0, model, content, finishReason, promptTokens, cachedPromptTokens,
                completionTokens, tokenSource, error, java.util.List.of(),
                inABatch ? Delivery.CACHED_FROM_BATCH : Delivery.CACHED, origin, reasoningTokens, reasoning);
    }

    /**
     * This result, as a line of a batch's output: the endpoint answered it, in batch {@code origin}, at the batch
     * price.
     */
    public ChatResult fromBatch(String origin) {
        return new ChatResult(httpStatus, latencyMs, model, content, finishReason, promptTokens, cachedPromptTokens,
                completionTokens, tokenSource, error, retried, Delivery.BATCHED, origin, reasoningTokens, reasoning);
    }

    /** Answered in a batch ({@link #fromBatch}). */
    public boolean batched() {
        return delivery == Delivery.BATCHED;
    }

    public boolean cached() {
        return delivery == Delivery.CACHED || delivery == Delivery.CACHED_FROM_BATCH;
    }

    /** Served from the response cache, and first answered in a batch: it first cost its batch price. */
    public boolean firstAnsweredInABatch() {
        return delivery == Delivery.CACHED_FROM_BATCH;
    }

    public boolean notSent() {
        return delivery == Delivery.NOT_SENT;
    }

    /** A call the endpoint never saw: its circuit was open and the run stops sending. */
    public static ChatResult notSent(String reason) {
        return new ChatResult(0, 0, "", "", "", 0, 0, 0, TokenSource.NONE, reason, java.util.List.of(), Delivery.NOT_SENT,
                null, null, "");
    }

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
