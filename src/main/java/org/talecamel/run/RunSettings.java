package org.talecamel.run;

import java.util.List;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;

/**
 * What a run asks and how it is judged: the application's settings for inbox runs, a suite's for its runs.
 *
 * @param suite    the name of the runs in reports, junit.xml and the history
 * @param endpoint the endpoint and the model the run asks
 */
public record RunSettings(String suite, List<Method> methods, Endpoint endpoint, GateLimits gates, SpendCap spendCap) {

    public RunSettings {
        methods = List.copyOf(methods);
        spendCap = spendCap == null ? SpendCap.none() : spendCap;
    }

    public RunSettings(String suite, List<Method> methods, Endpoint endpoint, GateLimits gates) {
        this(suite, methods, endpoint, gates, SpendCap.none());
    }

    public List<String> methodIds() {
        return methods.stream().map(Method::id).toList();
    }
}
