package org.talecamel.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The body of {@code POST /chat/completions} in the OpenAI format; a null field is left out. {@link RequestShape}
 * decides the fields besides the model and the messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Integer seed,
        Integer n,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        @JsonProperty("thinking_token_budget") Integer thinkingTokenBudget) {

    /** A request with a temperature and an optional {@code max_tokens}, nothing else. */
    public ChatRequest(String model, List<ChatMessage> messages, double temperature, Integer maxTokens) {
        this(model, messages, (Double) temperature, maxTokens, null, null, null, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as sent: the same text for every attempt, and what the response cache's key is made of. */
    public String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat request could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** The text of every message, for counting prompt tokens when the endpoint reports no usage. */
    public String promptText() {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : messages) {
            text.append(message.content()).append('\n');
        }
        return text.toString();
    }
}
