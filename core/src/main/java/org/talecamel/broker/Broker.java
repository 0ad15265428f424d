package org.talecamel.broker;

import jakarta.jms.ConnectionFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Connects a coordinator or a worker to the broker: Camel's {@code jms} component on an ActiveMQ Artemis connection
 * factory for {@code tale.broker.url} (or the one the host binds as {@link #CONNECTION_FACTORY}: a Jakarta EE
 * server's own), and the properties that routes/broker.camel.yaml reads.
 */
public final class Broker {

    /** Registry name of a connection factory the host provides; without one, tale.broker.url is connected to. */
    public static final String CONNECTION_FACTORY = "taleBrokerConnectionFactory";

    private Broker() {
    }

    /** What this process is: a coordinator (a broker is set), a worker ({@code --worker}), or neither. */
    public enum Role {
        SINGLE, COORDINATOR, WORKER
    }

    /**
     * The properties the routes read: which of the broker routes are in ({@code tale.broker.coordinator},
     * {@code tale.broker.worker}), the queues, and how many calls may be in flight at once
     * ({@code tale.calls-in-flight}: {@code tale.concurrency}, or a coordinator's {@code tale.broker.in-flight}).
     */
    public static Map<String, String> properties(Role role, Optional<BrokerSettings> broker, int concurrency) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tale.broker.coordinator", String.valueOf(role == Role.COORDINATOR));
        properties.put("tale.broker.worker", String.valueOf(role == Role.WORKER));
        properties.put("tale.calls-in-flight", String.valueOf(role == Role.COORDINATOR
                ? broker.orElseThrow().inFlight() : concurrency));
        broker.ifPresent(settings -> {
            properties.put("tale.broker.calls-queue", settings.callsQueue());
            properties.put("tale.broker.answers-queue", settings.answersQueue());
            properties.put("tale.broker.coordinator-id", settings.coordinatorId());
            properties.put("tale.broker.dead-letter-queue", settings.deadLetterQueue());
            properties.put("tale.broker.problems-queue", settings.problemsQueue());
            properties.put("tale.broker.results-topic", settings.resultsTopic());
            properties.put("tale.broker.call-timeout-ms", String.valueOf(settings.callTimeoutMs()));
        });
        return properties;
    }

    /**
     * Adds the {@code jms} component, connected to the broker: to {@code tale.broker.url}, or with {@code server} to
     * the Jakarta EE server's own broker through the connection factory the WAR found for it.
     */
    public static void connect(CamelContext context, BrokerSettings settings, Role role) {
        JmsComponent jms = new JmsComponent();
        if (settings.serversOwn()) {
            ConnectionFactory provided = context.getRegistry().lookupByNameAndType(CONNECTION_FACTORY,
                    ConnectionFactory.class);
            if (provided == null) {
                throw new IllegalArgumentException("tale.broker.url=server means a Jakarta EE server's own broker, and"
                        + " this process has none: no connection factory at tale.broker.connection-factory"
                        + " (java:/ConnectionFactory); outside a server, give the broker's tcp:// URL");
            }
            jms.setConnectionFactory(role == Role.WORKER ? provided : cached(provided, settings));
        } else {
            jms.setConnectionFactory(artemis(settings, role));
        }
        context.addComponent("jms", jms);
    }

    private static ConnectionFactory cached(ConnectionFactory factory, BrokerSettings settings) {
        CachingConnectionFactory cached = new CachingConnectionFactory(factory);
        cached.setSessionCacheSize(settings.inFlight());
        return cached;
    }

    /**
     * A worker takes one call at a time per consumer (no client-side buffer, so that calls spread over the workers
     * and a killed worker held only those it was making); a coordinator keeps one connection and caches its sessions
     * and producers, as it sends every call.
     */
    private static ConnectionFactory artemis(BrokerSettings settings, Role role) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.url(), settings.user(),
                settings.password());
        if (role == Role.WORKER) {
            factory.setConsumerWindowSize(0);
            return factory;
        }
        return cached(factory, settings);
    }
}
