package org.talecamel.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.RateLimitHeaders;

/**
 * The two messages between a coordinator and its workers. A call is the chat request's JSON, exactly the body an
 * OpenAI-compatible endpoint takes (which endpoint, and which key, is the worker's own configuration); its JMS
 * properties name the run ({@code taleRun}) and the coordinator ({@code taleCoordinator}). An answer is
 * {@link Answer} as JSON: the call's result after the worker's retries, and the endpoint's response text, which the
 * coordinator keeps in its response cache.
 */
public final class CallMessages {

    /** JMS property of a call: the run it belongs to, for a reader of the queue. */
    public static final String RUN = "taleRun";
    /** JMS property of a call: the coordinator whose answers queue it is answered on. */
    public static final String COORDINATOR = "taleCoordinator";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private CallMessages() {
    }

    /**
     * A worker's answer to one call.
     *
     * @param result   what the call gave, its failed attempts included
     * @param response the endpoint's response text when the result is usable, for the coordinator's cache; else null
     * @param worker   the worker that made the call (its process id and host)
     * @param endpoint which endpoint the worker called ({@link org.talecamel.run.Endpoint#identity}: "simulator", or
     *                 the provider and URL): the coordinator takes only answers from its run's endpoint
     * @param rateLimits the limits the endpoint's response reported (x-ratelimit-*), which the coordinator paces
     *                 every worker's calls by; null when it sent none
     */
    public record Answer(ChatResult result, String response, String worker, String endpoint,
                         RateLimitHeaders rateLimits) {

        public Answer(ChatResult result, String response, String worker, String endpoint) {
            this(result, response, worker, endpoint, null);
        }
    }

    public static ChatRequest call(String json) {
        try {
            return JSON.readValue(json, ChatRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a call message is not a chat request: " + e.getOriginalMessage(), e);
        }
    }

    public static String json(Answer answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON: " + e.getMessage(), e);
        }
    }

    public static Answer answer(String json) {
        try {
            Answer answer = JSON.readValue(json, Answer.class);
            if (answer.result() == null) {
                throw new IllegalArgumentException("an answer message has no result: " + json);
            }
            return answer;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an answer message is not an answer: " + e.getOriginalMessage(), e);
        }
    }
}
