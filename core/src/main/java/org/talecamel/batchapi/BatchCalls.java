package org.talecamel.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.flow.ChatSteps;
import org.talecamel.flow.EvaluationSteps;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResponseParser;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.Connection;
import org.talecamel.llm.ResponseCache;
import org.talecamel.run.Run;
import org.talecamel.run.RunEnding;

/**
 * Batch mode's side of a call ({@code tale.llm.mode=batch}, routes/llm.camel.yaml): instead of the HTTP call, the
 * request joins a round of its run's calls, and its exchange waits, holding no thread, until the batch that carries it
 * is answered. A round is sent once no call has joined it for {@code tale.batch.gather-ms}: every problem of the run
 * is then waiting on it, so the rounds follow the methods' own steps (TALE-EP's estimates, then its answers; one
 * round per halving step of search). A round larger than a batch file may hold is split.
 * <p>
 * Each request is a line whose {@code custom_id} is a hash of its endpoint and body, so the output is matched by it,
 * never by position, and the same request asked twice in a round is one line. The ids of each batch go into the run
 * folder the moment they exist ({@link BatchFolder}): a resumed run's calls join the batch that already carries them.
 * Answers go through the same scoring, audit and response cache as a call made one by one.
 * <p>
 * {@link #tick} does the work with the provider, from the route's timer: sends the rounds that are ready, polls the
 * pending batches every {@code tale.batch.poll-ms}, and collects the ended ones.
 */
public final class BatchCalls extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tries of an upload or a batch's creation that got no answer, before its calls fail. */
    private static final int SUBMIT_TRIES = 5;

    private final BatchSettings settings;
    private final Function<Connection, BatchApi> apis;
    private final ResponseCache cache;
    private final Executor answersOn;
    private final Clock clock;
    private final Function<String, Connection> connectionOf;
    private final Predicate<String> open;
    private final Map<String, RunBatches> runs = new ConcurrentHashMap<>();

    /**
     * @param apis         the Batch API of each connection
     * @param connectionOf each model's connection
     * @param open         whether the run of this id is still open in this process
     * @param cache        null when the response cache is off
     * @param answersOn    where a waiting call goes on once answered (its scoring, its next call)
     */
    public BatchCalls(BatchSettings settings, Function<Connection, BatchApi> apis,
                      Function<String, Connection> connectionOf, Predicate<String> open, ResponseCache cache,
                      Executor answersOn, Clock clock) {
        this.settings = settings;
        this.apis = apis;
        this.connectionOf = connectionOf;
        this.open = open;
        this.cache = cache;
        this.answersOn = answersOn;
        this.clock = clock;
    }

    public BatchSettings settings() {
        return settings;
    }

    /** The call joins its run's round, or the batch that already carries it, or is answered from a collected one. */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Run run = exchange.getProperty(EvaluationSteps.RUN, Run.class);
        Connection connection = ChatSteps.connection(exchange);
        ChatRequest request = ChatSteps.request(exchange);
        String body = connection.batchBody(request.json());
        String customId = customId(connection, body);
        // a run resumed in this process is another Run of the same id: it starts from its folder
        RunBatches batches = runs.compute(run.id(), (id, known) -> known != null && known.run == run ? known
                : new RunBatches(run, new BatchFolder(run.directory()), settings, connectionOf));
        Waiter waiter = new Waiter(exchange, callback, request);
        String answer = batches.join(customId, request.model(), connection, body, waiter, clock.instant());
        if (answer == null) {
            return false;
        }
        // answered by a batch collected before: this run's, before it was resumed
        answerWith(waiter, answer, batches.originOf(customId), false);
        return true;
    }

    /**
     * One beat of the timer: for each run, sends the rounds that are ready, polls the batches due a poll, collects
     * the ended ones, and releases the calls of a run that stopped sending. Each run hears how its batches stand
     * whenever one of their records changes ({@link RunBatches#save}).
     */
    public void tick() {
        for (Iterator<RunBatches> each = runs.values().iterator(); each.hasNext(); ) {
            RunBatches batches = each.next();
            try {
                if (batches.run.isStopped()) {
                    stopped(batches);
                } else {
                    batches.readyRounds(settings, System.nanoTime()).forEach(round -> submit(batches, round));
                    for (Submitted pending : batches.pending()) {
                        if (pending.duePoll(settings.pollMs())) {
                            advance(batches, pending);
                        }
                    }
                }
                if (!open.test(batches.run.id()) && batches.idle()) {
                    each.remove();
                }
            } catch (RuntimeException e) {
                LOG.error("Batches of run {}: {}", batches.run.id(), e.getMessage(), e);
            }
        }
    }

    /**
     * Releases every waiting call at once: the process is asked to stop. The batches stay at the provider, and the
     * next start's resumed run joins them again.
     */
    public void releaseAll() {
        runs.values().forEach(this::stopped);
    }

    /** The run stopped sending: its waiting calls end as not sent; its pending batches are left, or cancelled. */
    private void stopped(RunBatches batches) {
        List<Waiter> waiting = batches.releaseAll();
        if (!batches.run.isInterrupted()) {
            // a spend cap, a refused key: the run ends here, so its batches would be billed for nothing
            for (Submitted pending : batches.pending()) {
                String why = "the run " + batches.run.stopReason();
                // one the provider never got is not sent, not still uploading
                BatchRecord left = pending.record.batchId() == null ? pending.record.withStatus("not sent")
                        : pending.record;
                if (pending.record.batchId() != null) {
                    try {
                        RemoteBatch cancelled = apis.apply(pending.connection).cancel(pending.record.batchId());
                        left = left.polled(cancelled);
                        why += "; cancelled at the provider, which bills the " + cancelled.completed()
                                + " request(s) it had completed: not collected, so not in this run's figures";
                        LOG.warn("Run {} {}: cancelled its batch {} ({})", batches.run.id(),
                                batches.run.stopReason(), pending.record.batchId(), cancelled.status());
                    } catch (BatchApi.BatchApiException e) {
                        why += "; it could not be cancelled (" + e.getMessage() + "): the provider may still answer"
                                + " and bill it";
                        LOG.warn("Run {} {}; its batch {} could not be cancelled: {}", batches.run.id(),
                                batches.run.stopReason(), pending.record.batchId(), e.getMessage());
                    }
                }
                batches.save(pending, left.ended(clock.instant(), why));
            }
        }
        // the records first: the calls let go of may end the run, whose summary lists its batches
        String reason = ChatSteps.notSent(batches.run);
        waiting.forEach(waiter -> complete(waiter, ChatResult.notSent(reason)));
    }

    /** A ready round becomes a batch: its input is written, its record kept, and it is uploaded and created. */
    private void submit(RunBatches batches, Round round) {
        Submitted submitted = batches.submitted(round, clock.instant());
        LOG.info("Run {}: batch {} of {} request(s) to {} ({})", batches.run.id(), submitted.record.number(),
                submitted.lines.size(), round.model, Connection.shown(round.connection.chatUrl()));
        advance(batches, submitted);
    }

    /** Takes the batch one step on: uploads its file, creates it, or polls it and collects it once it ended. */
    private void advance(RunBatches batches, Submitted pending) {
        BatchApi api = apis.apply(pending.connection);
        pending.polled();
        try {
            if (pending.record.fileId() == null) {
                String fileId = api.upload(batches.folder.input(pending.record.number()),
                        "tale-" + batches.run.id() + "-batch-" + pending.record.number() + ".jsonl");
                batches.save(pending, pending.record.uploaded(fileId));
            }
            if (pending.record.batchId() == null) {
                batches.save(pending, pending.record.polled(api.create(pending.record.fileId())));
                LOG.info("Run {}: batch {} is {} ({})", batches.run.id(), pending.record.number(),
                        pending.record.batchId(), pending.record.status());
                return;
            }
            RemoteBatch remote = api.get(pending.record.batchId());
            if (!remote.status().equals(pending.record.status()) || remote.completed() != pending.record.completed()) {
                batches.save(pending, pending.record.polled(remote));
            }
            if (remote.ended()) {
                collect(batches, pending, api, remote);
            }
        } catch (BatchApi.BatchApiException e) {
            failed(batches, pending, e);
        }
    }

    /** A call to the Batch API failed: tried again at the next poll, or the batch's calls end. */
    private void failed(RunBatches batches, Submitted pending, BatchApi.BatchApiException e) {
        if (e.keyRefused()) {
            batches.run.stop(RunEnding.stopped(RunEnding.Kind.KEY_REFUSED, "the Batch API refused the key ("
                    + e.getMessage() + "); set " + pending.connection.keySettings()));
            return;
        }
        if (e.status() == 404 && pending.record.batchId() != null) {
            // the provider does not know it (the built-in simulator forgets its batches when its process stops)
            LOG.warn("Run {}: batch {} ({}) is unknown to the endpoint; its {} request(s) are not answered by it",
                    batches.run.id(), pending.record.number(), pending.record.batchId(), pending.lines.size());
            String why = "the endpoint does not know batch " + pending.record.batchId();
            batches.save(pending, pending.record.withStatus("lost").ended(clock.instant(), why));
            unanswered(batches, pending, Map.of(), why);
            return;
        }
        boolean submitting = pending.record.batchId() == null;
        if (e.transientFailure() && (!submitting || ++pending.submitTries < SUBMIT_TRIES)) {
            LOG.warn("Run {}: batch {}: {}; tried again in {} ms (tale.batch.poll-ms)", batches.run.id(),
                    pending.record.number(), e.getMessage(), settings.pollMs());
            return;
        }
        LOG.warn("Run {}: batch {} cannot be sent: {}", batches.run.id(), pending.record.number(), e.getMessage());
        batches.save(pending, pending.record.withStatus("not sent").ended(clock.instant(), e.getMessage()));
        if (e.status() == 0 || e.status() >= 500) {
            // no response, or a 5xx, however often tried: the endpoint is down, as the circuit judges calls one by
            // one; the run stops, and its calls, this batch's too, are not attempted
            batches.run.stop(RunEnding.stopped(RunEnding.Kind.ENDPOINT_DOWN, "endpoint down: the Batch API gave "
                    + (e.status() == 0 ? "no response" : "HTTP " + e.status()) + " to " + SUBMIT_TRIES
                    + " tries to send batch " + pending.record.number() + " (" + e.getMessage() + ")"));
            return;
        }
        List<Waiter> waiting = batches.endAll(pending);
        waiting.forEach(waiter -> complete(waiter, ChatResult.failed(e.status(), 0, "batch "
                + pending.record.number() + " could not be sent: " + e.getMessage())));
    }

    /** The batch ended: its output and error files are kept, and every line that waits on it is answered. */
    private void collect(RunBatches batches, Submitted pending, BatchApi api, RemoteBatch remote)
            throws BatchApi.BatchApiException {
        int number = pending.record.number();
        Map<String, String> lines = new LinkedHashMap<>();
        if (remote.outputFileId() != null) {
            String output = api.content(remote.outputFileId());
            BatchFolder.write(batches.folder.output(number), output);
            lines.putAll(byCustomId(output));
        }
        if (remote.errorFileId() != null) {
            String errors = api.content(remote.errorFileId());
            BatchFolder.write(batches.folder.errors(number), errors);
            byCustomId(errors).forEach(lines::putIfAbsent);
        }
        String why = remote.status().equals("completed") ? null : "batch " + remote.id() + " " + remote.status()
                + (remote.errors().isEmpty() ? "" : ": " + String.join("; ", remote.errors()));
        LOG.info("Run {}: batch {} ({}) {}: {} of {} answered", batches.run.id(), number, remote.id(),
                remote.status(), remote.completed(), remote.total());
        // the record says it ended before its answers go on: a run they finish shows it ended
        batches.save(pending, pending.record.ended(clock.instant(), why));
        unanswered(batches, pending, lines, why);
    }

    /**
     * Answers each line of the batch from its output line; a line with none (expired, cancelled, the batch failed
     * or is lost) or one refused for the moment (429, 5xx) goes as {@code tale.batch.unanswered} says.
     *
     * @param why why the batch did not answer all of its lines, or null when it completed
     */
    private void unanswered(RunBatches batches, Submitted pending, Map<String, String> output, String why) {
        String origin = "batch " + pending.record.batchId() + " (" + pending.record.number() + " of run "
                + batches.run.id() + ")";
        List<Runnable> answers = new ArrayList<>();
        synchronized (batches) {
            for (Line line : pending.lines.values()) {
                String answer = output.get(line.customId);
                int status = statusOf(answer);
                if (answers(answer)) {
                    batches.answered(line.customId, answer, origin);
                    for (Waiter waiter : line.waiters) {
                        answers.add(() -> answerWith(waiter, answer, origin, true));
                    }
                    continue;
                }
                String reason = answer != null && status == 0 ? errorOf(answer)
                        : status > 0 ? "HTTP " + status : why == null ? "not in the batch's output" : why;
                BatchSettings.Unanswered policy = settings.unanswered();
                if (policy == BatchSettings.Unanswered.BATCH && line.sends > settings.resends()) {
                    policy = BatchSettings.Unanswered.REPORT;
                }
                if (line.waiters.isEmpty()) {
                    // a line of a batch recovered from the run folder that no call of the resumed run has joined
                    // (its request is not asked again, or asked of another endpoint): nothing to send it again for
                    continue;
                }
                switch (policy) {
                    case BATCH -> batches.again(line, System.nanoTime());
                    case SYNC -> line.waiters.forEach(waiter -> answers.add(() -> sendAlone(waiter)));
                    case REPORT -> line.waiters.forEach(waiter -> answers.add(() -> complete(waiter,
                            ChatResult.failed(status, 0, origin + " did not answer it: " + reason
                                    + (settings.unanswered() == BatchSettings.Unanswered.REPORT ? ""
                                    : "; sent in " + line.sends + " batches")))));
                }
            }
            pending.lines.clear();
        }
        answers.forEach(Runnable::run);
    }

    /** Ends a waiting call with the output line that answers it. */
    private void answerWith(Waiter waiter, String line, String origin, boolean later) {
        JsonNode response = read(line).path("response");
        ChatResult result = ChatResponseParser.parse(response.path("status_code").asInt(),
                response.path("body").toString(), 0, waiter.request).fromBatch(origin);
        String key = ChatSteps.cacheKey(waiter.exchange);
        Run run = waiter.exchange.getProperty(EvaluationSteps.RUN, Run.class);
        if (cache != null && key != null && result.ok()) {
            cache.put(key, run.id(), response.path("body").toString(), true);
        }
        ChatSteps.answered(waiter.exchange, result);
        if (later) {
            answersOn.execute(() -> waiter.callback.done(false));
        }
    }

    /** The call goes on to be made on its own, through the chat endpoint. */
    private void sendAlone(Waiter waiter) {
        answersOn.execute(() -> waiter.callback.done(false));
    }

    private void complete(Waiter waiter, ChatResult result) {
        ChatSteps.answered(waiter.exchange, result);
        answersOn.execute(() -> waiter.callback.done(false));
    }

    /**
     * Whether an output line answers its request for good: a response, and not one refused for the moment (429,
     * 5xx), which is sent again.
     */
    static boolean answers(String line) {
        int status = statusOf(line);
        return status > 0 && status != 429 && status < 500;
    }

    /** A line's {@code response.status_code}; 0 for none (an error line, or no line). */
    private static int statusOf(String line) {
        return line == null ? 0 : read(line).path("response").path("status_code").asInt(0);
    }

    private static String errorOf(String line) {
        JsonNode error = read(line).path("error");
        return error.path("code").asText("error") + ": " + error.path("message").asText("");
    }

    /** An output or error file's lines by their {@code custom_id}: never by position. */
    static Map<String, String> byCustomId(String content) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            if (!line.isBlank()) {
                String id = read(line).path("custom_id").asText("");
                if (!id.isEmpty()) {
                    lines.put(id, line.strip());
                }
            }
        }
        return lines;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** A request's line in a batch's input. */
    static String inputLine(String customId, String url, String body) {
        ObjectNode line = JSON.createObjectNode().put("custom_id", customId).put("method", "POST").put("url", url);
        line.set("body", read(body));
        return line.toString();
    }

    /** The same request to the same endpoint has the same id, in any run and after any restart. */
    static String customId(Connection connection, String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((connection.cacheScope() + "\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "tale-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A call waiting for its answer: its exchange, and how to let it go on. */
    record Waiter(Exchange exchange, AsyncCallback callback, ChatRequest request) {
    }

    /** One request of a batch: its id, its input line, and the calls waiting on it. */
    static final class Line {
        final String customId;
        final String input;
        final String model;
        final Connection connection;
        final List<Waiter> waiters = new ArrayList<>();
        /** in how many batches it has gone */
        int sends;

        Line(String customId, String input, String model, Connection connection) {
            this.customId = customId;
            this.input = input;
            this.model = model;
            this.connection = connection;
        }
    }

    /** Calls gathering for one model's next batch. */
    static final class Round {
        final String model;
        final Connection connection;
        final Map<String, Line> lines = new LinkedHashMap<>();
        long bytes;
        long lastJoinNanos;

        Round(String model, Connection connection) {
            this.model = model;
            this.connection = connection;
        }
    }

    /** A batch sent, or being sent: its record and the lines that wait on it. */
    static final class Submitted {
        volatile BatchRecord record;
        final Connection connection;
        final Map<String, Line> lines;
        long lastPollNanos;
        int submitTries;

        Submitted(BatchRecord record, Connection connection, Map<String, Line> lines) {
            this.record = record;
            this.connection = connection;
            this.lines = lines;
        }

        boolean duePoll(long pollMs) {
            return System.nanoTime() - lastPollNanos >= pollMs * 1_000_000;
        }

        void polled() {
            lastPollNanos = System.nanoTime();
        }
    }
}
