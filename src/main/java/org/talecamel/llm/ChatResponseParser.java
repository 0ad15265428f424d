package org.talecamel.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an OpenAI chat completion: {@code choices[0].message.content}, {@code finish_reason} and {@code usage}.
 * Anything unusable becomes a {@link ChatResult} with an error, never an exception, so the run goes on.
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
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            return ChatResult.failed(httpStatus, latencyMs, "response has no message content: " + snippet(text));
        }
        String answer = content.asText();
        String model = root.path("model").asText(request.model());
        String finishReason = choice.path("finish_reason").asText("");
        JsonNode usage = root.path("usage");
        if (usage.path("completion_tokens").isIntegralNumber() && usage.path("prompt_tokens").isIntegralNumber()) {
            int prompt = usage.get("prompt_tokens").asInt();
            int cached = Math.min(prompt, Math.max(0, usage.path("prompt_tokens_details").path("cached_tokens").asInt(0)));
            return new ChatResult(httpStatus, latencyMs, model, answer, finishReason, prompt, cached,
                    usage.get("completion_tokens").asInt(), TokenSource.USAGE, null);
        }
        return new ChatResult(httpStatus, latencyMs, model, answer, finishReason,
                TokenCounter.count(request.promptText()), 0, TokenCounter.count(answer), TokenSource.COUNTED, null);
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
