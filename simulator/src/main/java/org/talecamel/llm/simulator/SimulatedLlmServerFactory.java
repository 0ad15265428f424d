package org.talecamel.llm.simulator;

import java.io.IOException;
import org.talecamel.llm.SimulatedEndpoint;
import org.talecamel.llm.SimulatorSettings;

/** How the core starts the simulator ({@link SimulatedEndpoint#start}), registered in {@code META-INF/services}. */
public final class SimulatedLlmServerFactory implements SimulatedEndpoint.Factory {

    @Override
    public SimulatedEndpoint start(SimulatorSettings settings) throws IOException {
        return SimulatedLlmServer.start(settings);
    }
}
