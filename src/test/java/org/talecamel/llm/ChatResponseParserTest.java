package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatResponseParserTest {

    private static final ChatRequest REQUEST = new ChatRequest("gpt-4o-mini",
            List.of(ChatMessage.system("You are a helpful assistant."), ChatMessage.user("Q: 2+2?")), 0, null);

    @Test
    void should_read_content_finish_reason_and_usage() {
        // given
        String body = """
                {"id":"x","object":"chat.completion","model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"2+2=4. Answer: [[4]]"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":25,"completion_tokens":9,"total_tokens":34}}""";
        // when
        ChatResult result = ChatResponseParser.parse(200, body, 12, REQUEST);
        // then
        assertThat(result.ok()).isTrue();
        assertThat(result.content()).isEqualTo("2+2=4. Answer: [[4]]");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(result.promptTokens()).isEqualTo(25);
        assertThat(result.completionTokens()).isEqualTo(9);
        assertThat(result.tokenSource()).isEqualTo(TokenSource.USAGE);
        assertThat(result.latencyMs()).isEqualTo(12);
    }

    @Test
    void should_count_tokens_with_jtokkit_when_usage_is_missing() {
        String body = """
                {"choices":[{"message":{"content":"The answer is 4."},"finish_reason":"stop"}]}""";

        ChatResult result = ChatResponseParser.parse(200, body, 5, REQUEST);

        assertThat(result.ok()).isTrue();
        assertThat(result.tokenSource()).isEqualTo(TokenSource.COUNTED);
        assertThat(result.completionTokens()).isEqualTo(TokenCounter.count("The answer is 4.")).isBetween(4, 7);
        assertThat(result.promptTokens()).isPositive();
        assertThat(result.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void should_report_an_http_error_with_its_status_and_message() {
        String body = """
                {"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests"}}""";

        ChatResult result = ChatResponseParser.parse(429, body, 3, REQUEST);

        assertThat(result.ok()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(429);
        assertThat(result.error()).isEqualTo("HTTP 429: Rate limit reached for gpt-4o-mini");
    }

    @Test
    void should_report_an_http_error_with_a_plain_text_body() {
        ChatResult result = ChatResponseParser.parse(502, "<html>Bad gateway</html>", 3, REQUEST);

        assertThat(result.error()).isEqualTo("HTTP 502: <html>Bad gateway</html>");
    }

    @Test
    void should_report_a_body_that_is_not_json() {
        ChatResult result = ChatResponseParser.parse(200, "{\"choices\": [", 3, REQUEST);

        assertThat(result.ok()).isFalse();
        assertThat(result.error()).startsWith("unusable response body (not JSON)");
    }

    @Test
    void should_report_empty_choices() {
        ChatResult result = ChatResponseParser.parse(200, "{\"choices\":[]}", 3, REQUEST);

        assertThat(result.error()).startsWith("response has no choices");
    }

    @Test
    void should_report_a_choice_without_content() {
        ChatResult result = ChatResponseParser.parse(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\"}}]}", 3, REQUEST);

        assertThat(result.error()).startsWith("response has no message content");
    }

    @Test
    void should_report_an_empty_body() {
        ChatResult result = ChatResponseParser.parse(200, "", 3, REQUEST);

        assertThat(result.ok()).isFalse();
    }
}
