package org.talecamel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.Registry;
import org.talecamel.health.LlmEndpointHealthCheck;
import org.talecamel.health.LlmEndpointProbe;
import org.talecamel.llm.Connection;
import org.talecamel.metrics.TaleMetrics;

/**
 * Wires what {@code /observe/health} and {@code /observe/metrics} serve (Camel's embedded HTTP server, configured by
 * the {@code camel.management.*} keys): the tale meters on Camel's Micrometer registry and the LLM endpoint's health
 * check.
 */
final class ObserveEndpoints {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ObserveEndpoints.class);

    private ObserveEndpoints() {
    }

    /**
     * Binds the health check of the LLM endpoint, which sends the key as the calls do, and returns the meters, ready
     * before Camel's services start.
     */
    static TaleMetrics wire(CamelContext context, Function<String, Optional<String>> property, Connection llm,
                            Duration healthTimeout) throws Exception {
        checkPortFree(property);
        Registry registry = context.getRegistry();
        registry.bind("llmEndpointHealthCheck",
                new LlmEndpointHealthCheck(new LlmEndpointProbe(llm, healthTimeout)));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the server listens only once Camel has fully started, on its real port (0 picks a free one)
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                logAddresses(started);
            }
        });
        return new TaleMetrics(meterRegistry(registry));
    }

    /**
     * The Micrometer registry that camel-micrometer-prometheus scrapes: bound here, before Camel's metrics service
     * starts and looks for one. Without that service (--once) the meters are still kept in-process.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry existing = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }

    /**
     * Vert.x only logs a port it cannot listen on, and Camel carries on without health or metrics: a service started
     * beside another one on the same port stops here instead, saying which key to change.
     */
    private static void checkPortFree(Function<String, Optional<String>> property) {
        if (!property.apply("camel.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        String host = property.apply("camel.management.host").orElse("0.0.0.0");
        int port = property.apply("camel.management.port").map(Integer::parseInt).orElse(8080);
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve /observe/health and /observe/metrics on " + host + ":" + port
                    + " (" + e.getMessage() + "): set tale.http.port (TALE_HTTP_PORT) to a free port");
        }
    }

    /**
     * Where the service's dashboard, health and metrics are, when its HTTP server runs (not with --once): on the port
     * it really listens on, and on an address a browser on this machine can open.
     */
    private static void logAddresses(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server == null) {
            return;
        }
        boolean dashboard = context.getPropertiesComponent().resolveProperty("camel.server.enabled")
                .map(value -> Boolean.parseBoolean(value.strip())).orElse(false);
        if (dashboard) {
            LOG.info("Dashboard at {}/", base(server.getHost(), server.getPort()));
        }
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null) {
            String base = base(management.getHost(), server.getPort());
            LOG.info("Health at {}{}, Prometheus metrics at {}/observe/metrics", base, management.getHealthPath(), base);
        }
    }

    /** {@code http://host:port}, with 127.0.0.1 for a server listening on every address. */
    private static String base(String host, int port) {
        String shown = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port;
    }
}
