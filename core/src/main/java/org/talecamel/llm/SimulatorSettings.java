package org.talecamel.llm;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the simulated endpoint.
 *
 * @param host      address to bind; blank means 127.0.0.1 (the simulator is for this machine only)
 * @param port      port to bind; 0 picks any free port (see {@link SimulatedEndpoint#rootUrl()})
 * @param seed      makes every simulated answer reproducible; a request's own {@code seed} takes its place
 * @param knowledge problem files, or directories whose .jsonl/.json/.csv files are read (not recursively) once, at
 *                  start, holding the problems the simulated model "has seen" before any run; it learns the
 *                  problems of runs as they are read ({@link SimulatedEndpoint#learn})
 * @param modelName the model listed by {@code GET /v1/models}, and used when a request names none
 * @param latencyMs how long each chat reply waits before it is sent, as a real endpoint's would; 0 for none
 * @param models    the models table: a model whose row says {@code reasoning=yes} is imitated as OpenAI's reasoning
 *                  models behave (see the simulator module); null or empty imitates every model as a classic one
 * @param batchMs   how long a batch of the simulated Batch API takes from its creation to its end
 * @param batchOutcome how a batch ends: {@code completed}, {@code failed} (at validation, no output) or
 *                  {@code expired} (at {@code batchMs}, with the first half of its requests answered)
 */
public record SimulatorSettings(String host, int port, long seed, List<Path> knowledge, String modelName,
                                long latencyMs, ModelTable models, long batchMs, String batchOutcome) {

    /** How a simulated batch ends. */
    public static final List<String> BATCH_OUTCOMES = List.of("completed", "failed", "expired");

    /** A simulator whose batches complete after 2 s. */
    public SimulatorSettings(String host, int port, long seed, List<Path> knowledge, String modelName, long latencyMs,
                             ModelTable models) {
        this(host, port, seed, knowledge, modelName, latencyMs, models, 2000, "completed");
    }

    public SimulatorSettings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("simulator port must be 0..65535 (0 = any free port), was " + port);
        }
        knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
        modelName = modelName == null || modelName.isBlank() ? "gpt-4o-mini" : modelName.strip();
        models = models == null ? ModelTable.classic() : models;
        if (latencyMs < 0) {
            throw new IllegalArgumentException("simulator latency must be 0 or more milliseconds, was " + latencyMs);
        }
        if (batchMs < 0) {
            throw new IllegalArgumentException("tale.simulator.batch.processing-ms must be 0 or more, was " + batchMs);
        }
        batchOutcome = batchOutcome == null || batchOutcome.isBlank() ? "completed" : batchOutcome.strip();
        if (!BATCH_OUTCOMES.contains(batchOutcome)) {
            throw new IllegalArgumentException("tale.simulator.batch.outcome must be one of " + BATCH_OUTCOMES
                    + ", was '" + batchOutcome + "'");
        }
    }
}
