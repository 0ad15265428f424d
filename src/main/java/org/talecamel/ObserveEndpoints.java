package org.talecamel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.talecamel.metrics.TaleMetrics;

/** Wires the tale meters onto Camel's Micrometer registry. */
final class ObserveEndpoints {

    private ObserveEndpoints() {
    }

    /** The meters, ready before Camel's services start. */
    static TaleMetrics wire(CamelContext context) {
        return new TaleMetrics(meterRegistry(context.getRegistry()));
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
}
