package org.talecamel.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.audit.AuditRow;
import org.talecamel.run.Progress;
import org.talecamel.run.RunListener;
import org.talecamel.run.RunOutcome;

/**
 * Publishes what a run writes, for other systems (routes/broker.camel.yaml sends it to {@code tale.broker.results-topic}):
 * each audit row as it is written ({@code taleMessage=result}: one call, or one rejected input), and the run's summary
 * when it ends ({@code taleMessage=summary}), or that it was interrupted ({@code taleMessage=interrupted}). The formats
 * are the JSON Schemas in the README. It wraps the run listener it is given, which is still told everything.
 */
public final class ResultsTopic implements RunListener, Consumer<AuditRow> {

    /** JMS property of a published message: result, summary or interrupted. */
    public static final String KIND = "taleMessage";
    private static final Logger LOG = LoggerFactory.getLogger(ResultsTopic.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = "seda:tale-results?size=10000&blockWhenFull=true";

    private final RunListener listener;
    private final ProducerTemplate producer;

    public ResultsTopic(RunListener listener, ProducerTemplate producer) {
        this.listener = listener;
        this.producer = producer;
    }

    /** One audit row, as an object of the audit's columns (the CSV's cells; null for an empty one). */
    @Override
    public void accept(AuditRow row) {
        ObjectNode message = JSON.createObjectNode();
        List<String> cells = row.cells();
        for (int i = 0; i < AuditRow.COLUMNS.size(); i++) {
            String cell = cells.get(i);
            message.put(AuditRow.COLUMNS.get(i), cell.isEmpty() ? null : cell);
        }
        publish("result", row.runId(), message);
    }

    @Override
    public void runFinished(RunOutcome outcome) {
        try {
            ObjectNode message = JSON.createObjectNode();
            message.put("run_id", outcome.summary().runId());
            message.put("suite", outcome.suite());
            message.put("status", outcome.summary().status());
            message.put("completed", outcome.completed());
            message.put("gates_passed", outcome.gatesPassed());
            message.put("report", outcome.reports().get(0).toAbsolutePath().toString());
            message.set("summary", summary(outcome.directory().resolve("summary.json")));
            publish("summary", outcome.summary().runId(), message);
        } finally {
            listener.runFinished(outcome);
        }
    }

    @Override
    public void runInterrupted(Progress progress) {
        try {
            ObjectNode message = JSON.createObjectNode();
            message.put("run_id", progress.runId());
            message.put("status", "interrupted");
            message.put("done", progress.done());
            publish("interrupted", progress.runId(), message);
        } finally {
            listener.runInterrupted(progress);
        }
    }

    @Override
    public void inboxEmpty(Path inbox) {
        listener.inboxEmpty(inbox);
    }

    @Override
    public void progress(Progress progress, boolean lineDue) {
        listener.progress(progress, lineDue);
    }

    private static JsonNode summary(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + " to publish it: " + e.getMessage(), e);
        }
    }

    /** Never fails the run: a broker that is down loses the published message, not the result (the audit has it). */
    private void publish(String kind, String runId, ObjectNode message) {
        try {
            producer.sendBodyAndHeaders(ROUTE, JSON.writeValueAsString(message),
                    Map.of(KIND, kind, CallMessages.RUN, runId));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Could not publish the {} of run {} on the results topic: {}", kind, runId, e.getMessage());
        }
    }
}
