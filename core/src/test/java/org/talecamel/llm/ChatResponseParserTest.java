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

    @Test
    void should_read_reasoning_tokens_inside_completion_tokens_and_add_only_those_reported_apart() {
        // OpenAI: reasoning_tokens is part of completion_tokens
        ChatResult openai = ChatResponseParser.parse(200, """
                {"choices":[{"message":{"content":"Answer: [[4]]"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":25,"completion_tokens":300,"completion_tokens_details":{"reasoning_tokens":290}}}""",
                1, REQUEST);
        // a server that counts them apart: more reasoning tokens than completion tokens cannot be inside them
        ChatResult apart = ChatResponseParser.parse(200, """
                {"choices":[{"message":{"content":"Answer: [[4]]"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":25,"completion_tokens":10,"completion_tokens_details":{"reasoning_tokens":290}}}""",
                1, REQUEST);

        assertThat(openai.completionTokens()).isEqualTo(300);
        assertThat(openai.reasoningTokens()).isEqualTo(290);
        assertThat(apart.completionTokens()).isEqualTo(300);
        assertThat(apart.reasoningTokens()).isEqualTo(290);
    }

    @Test
    void should_keep_reasoning_text_apart_from_the_answer_and_count_it_when_usage_has_no_detail() {
        ChatResult vllm = ChatResponseParser.parse(200, """
                {"choices":[{"message":{"content":"Answer: [[4]]","reasoning_content":"2 and 2 make 4."},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":25,"completion_tokens":40}}""", 1, REQUEST);
        ChatResult sglang = ChatResponseParser.parse(200, """
                {"choices":[{"message":{"content":"Answer: [[4]]","reasoning":"2 and 2 make 4."},
                 "finish_reason":"stop"}]}""", 1, REQUEST);
        // cut off while thinking: no content at all
        ChatResult thinking = ChatResponseParser.parse(200, """
                {"choices":[{"message":{"content":null,"reasoning_content":"Let me see"},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":25,"completion_tokens":8}}""", 1, REQUEST);

        assertThat(vllm.content()).isEqualTo("Answer: [[4]]");
        assertThat(vllm.reasoning()).isEqualTo("2 and 2 make 4.");
        assertThat(vllm.reasoningTokens()).isEqualTo(TokenCounter.count("2 and 2 make 4."));
        assertThat(vllm.completionTokens()).isEqualTo(40);
        // no usage: the answer and the reasoning both counted
        assertThat(sglang.reasoning()).isEqualTo("2 and 2 make 4.");
        assertThat(sglang.completionTokens()).isEqualTo(TokenCounter.count("Answer: [[4]]")
                + TokenCounter.count("2 and 2 make 4."));
        assertThat(thinking.ok()).isTrue();
        assertThat(thinking.content()).isEmpty();
        assertThat(thinking.truncated()).isTrue();
        // a classic model: nothing reported, no reasoning
        ChatResult classic = ChatResponseParser.parse(200, """
                {"choices":[{"message":{"content":"4"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":25,"completion_tokens":1}}""", 1, REQUEST);
        assertThat(classic.reasoningTokens()).isNull();
        assertThat(classic.reasoning()).isEmpty();
    }

    @Test
    void should_name_the_refused_parameter_and_the_row_or_setting_to_change() {
        ModelParameters row = ModelTable.load(java.nio.file.Path.of("config/models.csv")).of("gpt-5-mini");
        ChatResult maxTokens = ChatResponseParser.parse(400, """
                {"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use                 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens",                "code":"unsupported_parameter"}}""", 1, REQUEST);
        ChatResult effort = ChatResponseParser.parse(400, """
                {"error":{"message":"Unsupported value: 'reasoning_effort' does not support 'none' with this model.",                "type":"invalid_request_error","param":"reasoning_effort","code":"unsupported_value"}}""", 1, REQUEST);
        ChatResult other = ChatResponseParser.parse(400, """
                {"error":{"message":"Invalid 'messages': empty array.","type":"invalid_request_error"}}""", 1, REQUEST);

        assertThat(ParameterRefusal.parameter(maxTokens)).contains("max_tokens");
        assertThat(ParameterRefusal.reason(maxTokens, "gpt-5-mini", row)).startsWith("parameter refused: the model"
                + " gpt-5-mini refused max_tokens (HTTP 400: Unsupported parameter:").endsWith("set its row,"
                + " config/models.csv line 36 (gpt-5*), to token_limit=max_completion_tokens");
        assertThat(ParameterRefusal.reason(effort, "gpt-5-mini", row)).contains("set tale.llm.reasoning-effort to a"
                + " value the model takes, or empty to send none");
        assertThat(ParameterRefusal.parameter(other)).isEmpty();
        assertThat(new RetryPolicy(4, 1, 1).retryable(maxTokens)).isFalse();
    }
}
