package org.talecamel.health;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Camel health check {@code tale/llm-endpoint}: UP while the configured LLM endpoint answers HTTP; DOWN when nothing
 * answers, or when it refuses the API key (401, 403: every call would be refused too). Its {@code state} detail says
 * which: {@code up}, {@code refused-key} or {@code no-answer}. A readiness check only: an endpoint that is down makes tale-camel unable to work, not broken, so it should not be restarted for it.
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
        builder.detail("state", answer.state().detail());
        builder.message(answer.message());
        if (answer.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
