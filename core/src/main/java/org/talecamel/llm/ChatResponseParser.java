package org.talecamel.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Reads an OpenAI chat completion: {@code choices[0].message.content}, {@code finish_reason} and {@code usage}.
 * Anything unusable becomes a {@link ChatResult} with an error, never an exception, so the run goes on.
 * <p>
 * Reasoning: the answer is {@code message.content} alone; reasoning text sent beside it ({@code reasoning_content},
 * else {@code reasoning}: vLLM, SGLang, DeepSeek) is kept apart, never scored. A reasoning model cut off while it
 * thought may send no content: its answer is then empty, not an unusable body. The reasoning tokens are
 * {@code usage.completion_tokens_details.reasoning_tokens}, else the reasoning text counted with cl100k.
 * {@code completion_tokens} is the billed output, reasoning included, as OpenAI, DeepSeek, vLLM and SGLang report it,
 * so reasoning tokens are not added to it; only reasoning tokens more than {@code completion_tokens}, which cannot be
 * inside it (a server counting them apart), are added, so they are billed once, never twice and never not at all.
 * With no {@code usage} at all, the answer and the reasoning text are both counted.
 */
public final class ChatResponseParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 200;

    private ChatResponseParser() {
    }

    public static ChatResult parse(int httpStatus, String body, long latencyMs, ChatRequest request) {
        String text = body == null ? "" : body;
        if (httpStatus < 200 || httpStatus >= 300) {
            return ChatResult.failed(httpStatus, latencyMs, "HTTP " + httpStatus + ": " + errorMessage(text));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return ChatResult.failed(httpStatus, latencyMs, "unusable response body (not JSON): " + snippet(text));
        }
        if (root == null || !root.isObject()) {
            return ChatResult.failed(httpStatus, latencyMs, "unusable response body (not a JSON object): " + snippet(text));
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return ChatResult.failed(httpStatus, latencyMs, "response has no choices: " + snippet(text));
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        String reasoning = reasoningText(message);
        String finishReason = choice.path("finish_reason").asText("");
        JsonNode usage = root.path("usage");
        JsonNode reported = usage.path("completion_tokens_details").path("reasoning_tokens");
        JsonNode content = message.path("content");
        String answer;
        if (content.isTextual()) {
            answer = content.asText();
        } else if ((content.isNull() || content.isMissingNode()) && message.isObject()
                && (!reasoning.isEmpty() || "length".equals(finishReason) || reported.asInt(0) > 0)) {
            answer = ""; // it spent its tokens thinking
        } else {
            return ChatResult.failed(httpStatus, latencyMs, "response has no message content: " + snippet(text));
        }
        String model = root.path("model").asText(request.model());
        Integer counted = reasoning.isEmpty() ? null : TokenCounter.count(reasoning);
        if (usage.path("completion_tokens").isIntegralNumber() && usage.path("prompt_tokens").isIntegralNumber()) {
            int prompt = usage.get("prompt_tokens").asInt();
            int cached = Math.min(prompt, Math.max(0, usage.path("prompt_tokens_details").path("cached_tokens").asInt(0)));
            int completion = usage.get("completion_tokens").asInt();
            Integer reasoningTokens = reported.isIntegralNumber() ? Integer.valueOf(Math.max(0, reported.asInt())) : counted;
            if (reasoningTokens != null && reasoningTokens > completion) {
                completion += reasoningTokens; // counted apart from completion_tokens: billed as output all the same
            }
            return new ChatResult(httpStatus, latencyMs, model, answer, finishReason, prompt, cached, completion,
                    TokenSource.USAGE, null, List.of(), ChatResult.Delivery.SENT, null, reasoningTokens, reasoning);
        }
        return new ChatResult(httpStatus, latencyMs, model, answer, finishReason, TokenCounter.count(request.promptText()),
                0, TokenCounter.count(answer) + (counted == null ? 0 : counted), TokenSource.COUNTED, null, List.of(),
                ChatResult.Delivery.SENT, null, counted, reasoning);
    }

    /** The reasoning sent beside the answer: {@code reasoning_content} (vLLM, DeepSeek), else {@code reasoning}. */
    private static String reasoningText(JsonNode message) {
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            JsonNode text = message.path(field);
            if (text.isTextual() && !text.asText().isEmpty()) {
                return text.asText();
            }
        }
        return "";
    }

    /** The {@code error.message} of an OpenAI-style error body, else the start of the body. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not JSON: fall back to the raw text
        }
        return body.isBlank() ? "(empty body)" : snippet(body);
    }

    private static String snippet(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "…";
    }
}
