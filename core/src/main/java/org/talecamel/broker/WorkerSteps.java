package org.talecamel.broker;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.flow.ChatSteps;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.Connections;
import org.talecamel.run.Endpoint;

/**
 * A worker's side of a call (routes/broker.camel.yaml): a call message from the calls queue becomes the chat route's
 * request, made with this worker's own endpoint and key, retries, rate limits and circuit breaker; its result goes
 * back as the answer. The worker keeps no run, no cache and no audit: the coordinator does.
 */
public final class WorkerSteps {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerSteps.class);

    private final String name;
    private final Connections connections;

    /**
     * @param name        this worker, as its answers name it: process id and host
     * @param connections where this worker sends each model's calls, as its answers say
     */
    public WorkerSteps(String name, Connections connections) {
        this.name = name;
        this.connections = connections;
    }

    /** This process as a worker's answers name it. */
    public static String processName() {
        return ProcessHandle.current().pid() + "@" + BrokerSettings.hostName();
    }

    /** The call message's request. A message that is not one is thrown back to the broker, and dead-lettered. */
    public void call(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        Integer delivery = exchange.getMessage().getHeader("JMSXDeliveryCount", Integer.class);
        if (delivery != null && delivery > 1) {
            LOG.info("Call of run {} delivered again (delivery {}): an earlier delivery did not complete",
                    exchange.getMessage().getHeader(CallMessages.RUN), delivery);
        }
        exchange.getMessage().setBody(CallMessages.call(body == null ? "" : body));
    }

    /** The result as the answer message; the chat route's HTTP headers are not passed on. */
    public void answer(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        ChatResult result = exchange.getMessage().getMandatoryBody(ChatResult.class);
        String model = ChatSteps.request(exchange).model();
        exchange.getMessage().removeHeaders("*", "JMS*");
        exchange.getMessage().setBody(CallMessages.json(new CallMessages.Answer(result,
                ChatSteps.responseText(exchange), name, Endpoint.of(connections.of(model), model).identity(),
                rateLimitsOrNull(exchange))));
    }

    private static org.talecamel.llm.RateLimitHeaders rateLimitsOrNull(Exchange exchange) {
        org.talecamel.llm.RateLimitHeaders heard = ChatSteps.rateLimits(exchange);
        return heard == null || heard.isEmpty() ? null : heard;
    }
}
