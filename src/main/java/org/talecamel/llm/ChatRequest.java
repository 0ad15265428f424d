package org.talecamel.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /chat/completions} in the OpenAI format; {@code max_tokens} is left out when null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        double temperature,
        @JsonProperty("max_tokens") Integer maxTokens) {

    /** The text of every message, for counting prompt tokens when the endpoint reports no usage. */
    public String promptText() {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : messages) {
            text.append(message.content()).append('\n');
        }
        return text.toString();
    }
}
