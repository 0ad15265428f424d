package org.talecamel.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.talecamel.llm.Attempt;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.RateLimitHeaders;
import org.talecamel.llm.TokenSource;

class CallMessagesTest {

    @Test
    void should_read_a_call_as_the_request_the_coordinator_wrote() {
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("What is 3 + 4?")), 0.0, 120);

        assertThat(CallMessages.call(request.json())).isEqualTo(request);
        assertThat(CallMessages.call(request.json()).json()).isEqualTo(request.json());
    }

    @Test
    void should_keep_a_results_attempts_tokens_and_the_endpoints_limits_through_an_answer() {
        ChatResult result = new ChatResult(200, 140, "gpt-4o-mini-2024-07-18", "So [[7]]", "stop", 30, 0, 12,
                TokenSource.USAGE, null).afterRetries(List.of(new Attempt(1, 429, 5, "HTTP 429", 1000)));
        RateLimitHeaders limits = new RateLimitHeaders(new RateLimitHeaders.Limit(3000, 41, Duration.ofMillis(180)),
                null);

        CallMessages.Answer answer = CallMessages.answer(CallMessages.json(
                new CallMessages.Answer(result, "{\"raw\":true}", "42@host", "openai https://x/v1", limits)));

        assertThat(answer.result()).isEqualTo(result);
        assertThat(answer.response()).isEqualTo("{\"raw\":true}");
        assertThat(answer.worker()).isEqualTo("42@host");
        assertThat(answer.endpoint()).isEqualTo("openai https://x/v1");
        assertThat(answer.rateLimits()).isEqualTo(limits);
    }

    @Test
    void should_refuse_a_message_that_is_not_a_call_or_an_answer() {
        assertThatThrownBy(() -> CallMessages.call("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a call message is not a chat request");
        assertThatThrownBy(() -> CallMessages.answer("{\"worker\":\"w\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an answer message has no result");
    }
}
