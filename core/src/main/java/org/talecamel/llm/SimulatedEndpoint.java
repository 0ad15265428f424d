package org.talecamel.llm;

import java.io.IOException;
import java.util.ServiceLoader;
import org.talecamel.problems.Problem;

/**
 * The built-in SIMULATED endpoint ({@code tale.llm.provider=simulator}) as the core sees it: an OpenAI-compatible
 * server on this machine, started for the run and stopped with Camel. It lives in a module of its own
 * ({@code tale-camel-simulator}, none of it product logic), which the core finds on the class path: the standalone
 * jar and the WAR both carry it.
 */
public interface SimulatedEndpoint extends AutoCloseable {

    /** {@code http://127.0.0.1:<port>}: what an OpenAI client takes as its base URL without {@code /v1}. */
    String rootUrl();

    /** The simulated model has seen this problem from now on: told of each problem a run reads, before any call. */
    void learn(Problem problem);

    @Override
    void close();

    /** Starts a simulated endpoint; registered in {@code META-INF/services} by the simulator module. */
    interface Factory {
        SimulatedEndpoint start(SimulatorSettings settings) throws IOException;
    }

    /** Starts the simulator found on the class path, or says that there is none. */
    static SimulatedEndpoint start(SimulatorSettings settings) throws IOException {
        Factory factory = ServiceLoader.load(Factory.class, SimulatedEndpoint.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("tale.llm.provider=simulator, but the built-in simulator"
                        + " (module tale-camel-simulator) is not on the class path: add it, or configure a real"
                        + " endpoint (tale.llm.provider=openai or azure)"));
        return factory.start(settings);
    }
}
