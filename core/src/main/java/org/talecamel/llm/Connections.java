package org.talecamel.llm;

import java.util.Map;

/**
 * The connection each model of a run is called by: its own where {@code tale.model.<name>.*} settings give it one
 * (another provider, base URL, key or Azure deployment), else the run's ({@code tale.llm.*}).
 *
 * @param fallback the connection of {@code tale.llm.*}, and of every model without settings of its own
 * @param byModel  the connections of the models with settings of their own, by model name
 */
public record Connections(Connection fallback, Map<String, Connection> byModel) {

    public Connections {
        byModel = Map.copyOf(byModel);
    }

    public static Connections of(Connection only) {
        return new Connections(only, Map.of());
    }

    /** The connection a call naming this model goes by. */
    public Connection of(String model) {
        return model == null ? fallback : byModel.getOrDefault(model, fallback);
    }

    /** True when a model has a connection of its own. */
    public boolean ownFor(String model) {
        return byModel.containsKey(model);
    }
}
