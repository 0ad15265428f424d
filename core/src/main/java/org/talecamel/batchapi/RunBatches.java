package org.talecamel.batchapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.talecamel.llm.Connection;
import org.talecamel.run.BatchStatus;
import org.talecamel.run.Run;

/**
 * One run's batches in this process: the rounds gathering, the batches pending at the provider, and the answers of
 * those collected. Made from its run folder, so that a resumed run knows the batches its interrupted self sent.
 * {@link BatchCalls} keeps one per open run, and holds its lock while it changes it.
 */
final class RunBatches {

    final Run run;
    final BatchFolder folder;
    private final BatchSettings settings;
    /** Rounds gathering, by model and endpoint. */
    private final Map<String, BatchCalls.Round> rounds = new LinkedHashMap<>();
    /** Rounds full before their gathering time, to be sent at the next beat. */
    private final List<BatchCalls.Round> full = new ArrayList<>();
    /** Every batch of the run, by number: pending and ended. */
    private final Map<Integer, BatchCalls.Submitted> batches = new LinkedHashMap<>();
    /** The output lines of the batches collected, by custom_id, and the batch each came from. */
    private final Map<String, String> answers = new java.util.HashMap<>();
    private final Map<String, String> origins = new java.util.HashMap<>();
    private int lastNumber;

    /**
     * @param connectionOf the connection of a model, for the batches a resumed run finds pending before any of its
     *                     calls asks for them
     */
    RunBatches(Run run, BatchFolder folder, BatchSettings settings, Function<String, Connection> connectionOf) {
        this.run = run;
        this.folder = folder;
        this.settings = settings;
        for (BatchRecord record : folder.load()) {
            lastNumber = Math.max(lastNumber, record.number());
            Connection connection = connectionOf.apply(record.model());
            Map<String, BatchCalls.Line> lines = new LinkedHashMap<>();
            if (record.pending()) {
                for (String input : BatchFolder.lines(folder.input(record.number()))) {
                    String id = BatchCalls.byCustomId(input).keySet().stream().findFirst().orElse(null);
                    if (id != null) {
                        BatchCalls.Line line = new BatchCalls.Line(id, input, record.model(), connection);
                        line.sends = 1;
                        lines.put(id, line);
                    }
                }
            } else {
                String origin = "batch " + record.batchId() + " (" + record.number() + " of run " + run.id() + ")";
                BatchFolder.lines(folder.output(record.number())).forEach(output ->
                        BatchCalls.byCustomId(output).forEach((id, line) -> {
                            if (BatchCalls.answers(line)) {
                                answers.put(id, line);
                                origins.put(id, origin);
                            }
                        }));
            }
            batches.put(record.number(), new BatchCalls.Submitted(record, connection, lines));
        }
        run.batches(statuses());
    }

    /**
     * A call joins: answered at once from a collected batch (the output line is returned), or it waits on the pending
     * batch that carries its request, or on its model's round (null is returned).
     */
    synchronized String join(String customId, String model, Connection connection, String body,
                             BatchCalls.Waiter waiter, Instant now) {
        String answer = answers.get(customId);
        if (answer != null) {
            return answer;
        }
        for (BatchCalls.Submitted pending : batches.values()) {
            BatchCalls.Line line = pending.lines.get(customId);
            if (line != null && pending.record.pending()) {
                line.waiters.add(waiter);
                return null;
            }
        }
        BatchCalls.Line line = new BatchCalls.Line(customId,
                BatchCalls.inputLine(customId, connection.batchAddresses().lineUrl(), body), model, connection);
        line.waiters.add(waiter);
        add(line, System.nanoTime());
        return null;
    }

    /** Where an answer collected before came from, for its audit row. */
    synchronized String originOf(String customId) {
        return origins.get(customId);
    }

    /** Into its model's round; a round that cannot take it is full, and the line starts the next. */
    private void add(BatchCalls.Line line, long nowNanos) {
        String key = line.model + " " + line.connection.chatUrl();
        BatchCalls.Round round = rounds.get(key);
        if (round != null && round.lines.containsKey(line.customId)) {
            round.lines.get(line.customId).waiters.addAll(line.waiters);
            return;
        }
        long size = line.input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1L;
        if (round != null && (round.lines.size() >= settings.maxRequests() || round.bytes + size > settings.maxBytes())) {
            full.add(round);
            rounds.remove(key);
            round = null;
        }
        if (round == null) {
            round = new BatchCalls.Round(line.model, line.connection);
            rounds.put(key, round);
        }
        round.lines.put(line.customId, line);
        round.bytes += size;
        round.lastJoinNanos = nowNanos;
    }

    /** A line its batch did not answer goes into the next round, with the calls that wait on it. */
    synchronized void again(BatchCalls.Line line, long nowNanos) {
        add(line, nowNanos);
    }

    /** The rounds to send now: full ones, and those no call has joined for {@code tale.batch.gather-ms}. */
    synchronized List<BatchCalls.Round> readyRounds(BatchSettings settings, long nowNanos) {
        List<BatchCalls.Round> ready = new ArrayList<>(full);
        full.clear();
        rounds.values().removeIf(round -> {
            boolean quiet = nowNanos - round.lastJoinNanos >= settings.gatherMs() * 1_000_000;
            if (quiet) {
                ready.add(round);
            }
            return quiet;
        });
        return ready;
    }

    /**
     * The round becomes the run's next batch: its input file is written and its record kept before anything is
     * uploaded; calls for its requests from now on wait on it.
     */
    synchronized BatchCalls.Submitted submitted(BatchCalls.Round round, Instant now) {
        int number = ++lastNumber;
        long bytes = folder.writeInput(number, round.lines.values().stream().map(line -> line.input).toList());
        round.lines.values().forEach(line -> line.sends++);
        BatchRecord record = BatchRecord.gathered(number, round.model, round.connection.chatUrl(), round.lines.size(),
                bytes, now);
        BatchCalls.Submitted submitted = new BatchCalls.Submitted(record, round.connection,
                new LinkedHashMap<>(round.lines));
        folder.save(record);
        batches.put(number, submitted);
        run.batches(statuses());
        return submitted;
    }

    synchronized void save(BatchCalls.Submitted submitted, BatchRecord record) {
        submitted.record = record;
        folder.save(record);
        run.batches(statuses());
    }

    /** An output line that answers a request, kept for calls that ask it again. */
    synchronized void answered(String customId, String line, String origin) {
        answers.put(customId, line);
        origins.put(customId, origin);
    }

    /** The batches still pending at the provider. */
    synchronized List<BatchCalls.Submitted> pending() {
        return batches.values().stream().filter(submitted -> submitted.record.pending()).toList();
    }

    /** The calls waiting on a batch that will not answer: they leave it. */
    synchronized List<BatchCalls.Waiter> endAll(BatchCalls.Submitted submitted) {
        List<BatchCalls.Waiter> waiting = new ArrayList<>();
        submitted.lines.values().forEach(line -> waiting.addAll(line.waiters));
        submitted.lines.clear();
        return waiting;
    }

    /** Every call waiting, on a round or a batch: they leave. The rounds are dropped; the batches stay recorded. */
    synchronized List<BatchCalls.Waiter> releaseAll() {
        List<BatchCalls.Waiter> waiting = new ArrayList<>();
        full.forEach(round -> round.lines.values().forEach(line -> waiting.addAll(line.waiters)));
        rounds.values().forEach(round -> round.lines.values().forEach(line -> waiting.addAll(line.waiters)));
        full.clear();
        rounds.clear();
        for (BatchCalls.Submitted submitted : batches.values()) {
            submitted.lines.values().forEach(line -> {
                waiting.addAll(line.waiters);
                line.waiters.clear();
            });
        }
        return waiting;
    }

    /** Nothing waits here, nor gathers. */
    synchronized boolean idle() {
        return full.isEmpty() && rounds.isEmpty() && batches.values().stream()
                .allMatch(submitted -> submitted.lines.values().stream().allMatch(line -> line.waiters.isEmpty()));
    }

    synchronized List<BatchStatus> statuses() {
        return batches.values().stream().map(submitted -> submitted.record.view()).toList();
    }
}
