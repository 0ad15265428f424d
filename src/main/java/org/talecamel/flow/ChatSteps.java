package org.talecamel.flow;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResponseParser;
import org.talecamel.llm.ChatResult;

/** The steps of the chat route around the HTTP call: headers and timing before it, a {@link ChatResult} after. */
public final class ChatSteps {

    private static final String REQUEST = "taleChatRequest";
    private static final String STARTED = "taleChatStarted";

    private final String apiKey;

    public ChatSteps(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey.strip();
    }

    /** Keeps the request for later token counting, sets the JSON and auth headers, starts the clock. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        exchange.setProperty(REQUEST, exchange.getMessage().getMandatoryBody(ChatRequest.class));
        exchange.getMessage().setHeader("Content-Type", "application/json");
        if (!apiKey.isEmpty()) {
            exchange.getMessage().setHeader("Authorization", "Bearer " + apiKey);
        }
        exchange.setProperty(STARTED, System.nanoTime());
    }

    /** Turns the HTTP response (any status) into a result. */
    public ChatResult received(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().removeHeader("Authorization");
        return ChatResponseParser.parse(status == null ? 0 : status, body, elapsedMs(exchange),
                exchange.getProperty(REQUEST, ChatRequest.class));
    }

    /** Turns a failure to get any response (refused, timed out) into a result. */
    public ChatResult failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        exchange.getMessage().removeHeader("Authorization");
        String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return ChatResult.failed(0, elapsedMs(exchange), "no response from the endpoint: " + reason);
    }

    private static long elapsedMs(Exchange exchange) {
        Long started = exchange.getProperty(STARTED, Long.class);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }
}
