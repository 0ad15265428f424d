package org.talecamel.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Camel health check {@code tale/llm-endpoint}: UP while the configured LLM endpoint answers HTTP. A readiness check
 * only: an endpoint that is down makes tale-camel unable to work, not broken, so it should not be restarted for it.
 */
public final class LlmEndpointHealthCheck extends AbstractHealthCheck {

    private final LlmEndpointProbe probe;

    public LlmEndpointHealthCheck(LlmEndpointProbe probe) {
        super("tale", "llm-endpoint");
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        LlmEndpointProbe.Answer answer = probe.probe();
        builder.detail("url", answer.url());
        builder.message(answer.message());
        if (answer.answers()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
