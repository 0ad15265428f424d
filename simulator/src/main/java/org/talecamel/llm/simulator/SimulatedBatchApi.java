package org.talecamel.llm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.talecamel.llm.simulator.SimulatedLlmServer.Reply;

/**
 * OpenAI's Batch API, SIMULATED: {@code POST /v1/files} (a JSONL file of requests, {@code purpose=batch}),
 * {@code POST /v1/batches}, {@code GET /v1/batches/{id}}, {@code POST /v1/batches/{id}/cancel} and
 * {@code GET /v1/files/{id}/content}; and Azure OpenAI's, the same under {@code /openai} (a dated api-version) and
 * {@code /openai/v1} (its v1 API), whose lines name a deployment as their model ({@link Surface}). A batch is
 * {@code validating} for the first tenth of its processing time, then {@code in_progress} with its
 * {@code request_counts.completed} growing, then it ends as {@code tale.simulator.batch.outcome} says:
 * {@code completed} (every request answered by the simulated model, the output file's lines in another order than the
 * input's, as OpenAI's may be), {@code failed} (at validation, with its {@code errors}, no output) or {@code expired}
 * (the first half answered, the rest in the error file, code {@code batch_expired}). Answers are made when the batch
 * ends, by the same simulated model as chat calls.
 */
public final class SimulatedBatchApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Azure's rule for deployment names. */
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final long processingMs;
    private final String outcome;
    private final long seed;
    private final Function<JsonNode, Reply> completion;
    private final LongSupplier clock;
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();

    /**
     * Where the Batch API is called, and what a batch made there takes as its {@code endpoint} and its lines as their
     * {@code url}: OpenAI's {@code /v1/chat/completions}; Azure's {@code /chat/completions} on a dated api-version (its
     * batch how-to); on Azure's v1 API {@code /v1/chat/completions} (its v1 reference), or {@code /chat/completions},
     * which its v1 how-to sends as the batch's endpoint. Azure's lines name one deployment as their model.
     */
    public enum Surface {
        OPENAI("/v1", false, "/v1/chat/completions"),
        AZURE("/openai", true, "/chat/completions"),
        AZURE_V1("/openai/v1", true, "/v1/chat/completions", "/chat/completions");

        private final String prefix;
        private final boolean azure;
        private final List<String> endpoints;

        Surface(String prefix, boolean azure, String... endpoints) {
            this.prefix = prefix;
            this.azure = azure;
            this.endpoints = List.of(endpoints);
        }

        /** The surface whose paths begin with this prefix ({@code /v1}, {@code /openai}, {@code /openai/v1}). */
        static Surface at(String prefix) {
            for (Surface surface : values()) {
                if (surface.prefix.equals(prefix)) {
                    return surface;
                }
            }
            throw new IllegalArgumentException("no Batch API under " + prefix);
        }

        /** Azure's: wants an {@code api-key}, and lines that name a deployment. */
        boolean azure() {
            return azure;
        }
    }

    SimulatedBatchApi(long processingMs, String outcome, long seed, Function<JsonNode, Reply> completion,
                      LongSupplier clock) {
        this.processingMs = processingMs;
        this.outcome = outcome;
        this.seed = seed;
        this.completion = completion;
        this.clock = clock;
    }

    private record StoredFile(String id, String filename, String purpose, byte[] content, long createdAt) {
        ObjectNode json() {
            ObjectNode node = JSON.createObjectNode();
            node.put("id", id);
            node.put("object", "file");
            node.put("bytes", content.length);
            node.put("created_at", createdAt / 1000);
            node.put("filename", filename);
            node.put("purpose", purpose);
            return node;
        }
    }

    /** One batch: its input's lines, and once it has ended its output and error files. */
    private static final class Batch {
        final String id;
        final Surface surface;
        final String endpoint;
        final String inputFileId;
        final List<JsonNode> requests;
        final long createdAt;
        final String validationError;
        volatile boolean cancelled;
        String outputFileId;
        String errorFileId;
        int completed;
        int failed;
        boolean ended;

        Batch(String id, Surface surface, String endpoint, String inputFileId, List<JsonNode> requests,
              long createdAt, String validationError) {
            this.id = id;
            this.surface = surface;
            this.endpoint = endpoint;
            this.inputFileId = inputFileId;
            this.requests = requests;
            this.createdAt = createdAt;
            this.validationError = validationError;
        }
    }

    /** Files uploaded so far, for tests that count what a client sent. */
    public int uploads() {
        return uploads.get();
    }

    /** Batches created so far. */
    public int batchesCreated() {
        return created.get();
    }

    /** How many times a batch was asked to be cancelled. */
    public int cancels() {
        return cancels.get();
    }

    /** Batches created so far on this surface's paths. */
    public int batchesCreated(Surface surface) {
        return (int) batches.values().stream().filter(batch -> batch.surface == surface).count();
    }

    /** {@code POST /v1/files}: the multipart form's {@code purpose} and {@code file}. */
    Reply upload(String contentType, byte[] body) {
        Map<String, Multipart.Part> form;
        try {
            form = Multipart.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        Multipart.Part file = form.get("file");
        Multipart.Part purpose = form.get("purpose");
        if (file == null || purpose == null) {
            return error(400, "A file upload needs the form fields 'file' and 'purpose'.");
        }
        StoredFile stored = new StoredFile("file-sim-" + ids.incrementAndGet(),
                file.filename() == null ? "upload.jsonl" : file.filename(),
                new String(purpose.content(), StandardCharsets.UTF_8).strip(), file.content(), clock.getAsLong());
        files.put(stored.id(), stored);
        uploads.incrementAndGet();
        return new Reply(200, stored.json());
    }

    /** {@code GET /v1/files/{id}/content}. */
    Optional<byte[]> content(String fileId) {
        return Optional.ofNullable(files.get(fileId)).map(StoredFile::content);
    }

    /** {@code POST /v1/batches}, or Azure's {@code POST /openai/batches}, {@code POST /openai/v1/batches}. */
    Reply create(JsonNode request, Surface surface) {
        String inputFileId = request.path("input_file_id").asText("");
        StoredFile input = files.get(inputFileId);
        if (input == null) {
            return error(404, "No such File object: " + inputFileId);
        }
        String endpoint = request.path("endpoint").asText();
        if (!surface.endpoints.contains(endpoint)) {
            return error(400, "The simulated Batch API under " + surface.prefix + " takes the endpoint "
                    + String.join(" or ", surface.endpoints) + ", not '" + endpoint + "'.");
        }
        List<JsonNode> requests = new ArrayList<>();
        String invalid = null;
        Set<String> customIds = new HashSet<>();
        String[] lines = new String(input.content(), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length && invalid == null; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JsonNode line = JSON.readTree(lines[i]);
                String refused = refused(surface, line, customIds, requests.isEmpty() ? null : requests.get(0));
                if (refused != null) {
                    invalid = "line " + (i + 1) + " " + refused;
                } else {
                    requests.add(line);
                }
            } catch (java.io.IOException e) {
                invalid = "line " + (i + 1) + " is not JSON";
            }
        }
        Batch batch = new Batch("batch_sim_" + ids.incrementAndGet(), surface, endpoint, inputFileId,
                List.copyOf(requests), clock.getAsLong(), invalid);
        batches.put(batch.id, batch);
        created.incrementAndGet();
        return new Reply(200, json(batch));
    }

    /**
     * Why a line is refused, or null: no {@code custom_id} or body, or one already seen; a {@code url} this surface
     * does not take; on Azure, a {@code model} that is not a deployment's name, or another deployment than the first
     * line's.
     */
    private static String refused(Surface surface, JsonNode line, Set<String> customIds, JsonNode first) {
        String customId = line.path("custom_id").asText("");
        if (customId.isEmpty() || !line.path("body").isObject()) {
            return "has no custom_id or no body";
        }
        if (!customIds.add(customId)) {
            return "repeats the custom_id " + customId;
        }
        String url = line.path("url").asText();
        if (!surface.endpoints.contains(url)) {
            return "has the url '" + url + "'; lines under " + surface.prefix + " take "
                    + String.join(" or ", surface.endpoints);
        }
        if (!surface.azure) {
            return null;
        }
        String model = line.path("body").path("model").asText("");
        if (!DEPLOYMENT.matcher(model).matches()) {
            return "has no deployment's name as its model ('" + model + "')";
        }
        String deployment = first == null ? model : first.path("body").path("model").asText();
        return model.equals(deployment) ? null : "names the deployment " + model + ", not " + deployment
                + " as the lines before it: a batch goes to one deployment";
    }

    /** {@code GET /v1/batches/{id}}. */
    Reply get(String batchId) {
        Batch batch = batches.get(batchId);
        return batch == null ? error(404, "No such Batch object: " + batchId) : new Reply(200, json(batch));
    }

    /** {@code POST /v1/batches/{id}/cancel}: the batch ends cancelled, with what it had completed. */
    Reply cancel(String batchId) {
        Batch batch = batches.get(batchId);
        if (batch == null) {
            return error(404, "No such Batch object: " + batchId);
        }
        batch.cancelled = true;
        cancels.incrementAndGet();
        return new Reply(200, json(batch));
    }

    /** The batch as {@code GET /v1/batches/{id}} shows it now. */
    private synchronized ObjectNode json(Batch batch) {
        long elapsed = clock.getAsLong() - batch.createdAt;
        long validating = processingMs / 10;
        String status;
        int completedNow = 0;
        if (batch.validationError != null || "failed".equals(outcome)) {
            status = elapsed < validating ? "validating" : "failed";
        } else if (batch.cancelled) {
            end(batch, share(batch, elapsed, validating));
            status = "cancelled";
        } else if (elapsed < validating) {
            status = "validating";
        } else if (elapsed < processingMs) {
            status = "in_progress";
            completedNow = share(batch, elapsed, validating);
        } else {
            end(batch, "expired".equals(outcome) ? batch.requests.size() / 2 : batch.requests.size());
            status = "expired".equals(outcome) ? "expired" : "completed";
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("id", batch.id);
        node.put("object", "batch");
        node.put("endpoint", batch.endpoint);
        node.put("input_file_id", batch.inputFileId);
        node.put("completion_window", "24h");
        node.put("status", status);
        node.put("output_file_id", batch.outputFileId);
        node.put("error_file_id", batch.errorFileId);
        node.put("created_at", batch.createdAt / 1000);
        if (status.equals("failed")) {
            ObjectNode error = node.putObject("errors").put("object", "list").putArray("data").addObject();
            error.put("code", batch.validationError != null ? "invalid_request" : "simulated_failure");
            error.put("message", batch.validationError != null ? "SIMULATED: " + batch.validationError
                    : "SIMULATED: the batch failed on request (tale.simulator.batch.outcome=failed)");
        }
        ObjectNode counts = node.putObject("request_counts");
        counts.put("total", batch.requests.size());
        counts.put("completed", batch.ended ? batch.completed : completedNow);
        counts.put("failed", batch.ended ? batch.failed : 0);
        node.putObject("metadata").put("simulated", "true");
        return node;
    }

    /** How many requests an in-progress batch has completed by now. */
    private int share(Batch batch, long elapsed, long validating) {
        double done = (elapsed - validating) / (double) Math.max(1, processingMs - validating);
        return (int) Math.max(0, Math.min(batch.requests.size(), Math.floor(batch.requests.size() * done)));
    }

    /** Ends the batch once: the first {@code answered} requests in the output file, the others in the error file. */
    private void end(Batch batch, int answered) {
        if (batch.ended) {
            return;
        }
        List<String> output = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < batch.requests.size(); i++) {
            JsonNode request = batch.requests.get(i);
            ObjectNode line = JSON.createObjectNode();
            line.put("id", "batch_req_sim_" + ids.incrementAndGet());
            line.put("custom_id", request.get("custom_id").asText());
            if (i < answered) {
                Reply reply = completion.apply(request.get("body"));
                ObjectNode response = line.putObject("response");
                response.put("status_code", reply.status());
                response.put("request_id", "req_sim_" + ids.incrementAndGet());
                response.set("body", reply.body());
                line.putNull("error");
                output.add(line.toString());
            } else {
                line.putNull("response");
                ObjectNode error = line.putObject("error");
                error.put("code", batch.cancelled ? "batch_cancelled" : "batch_expired");
                error.put("message", batch.cancelled ? "This request was not executed: the batch was cancelled."
                        : "This request could not be executed before the completion window expired.");
                errors.add(line.toString());
            }
        }
        // OpenAI's output lines need not follow the input's order: neither do these
        Collections.shuffle(output, new Random(seed ^ batch.id.hashCode()));
        batch.completed = answered;
        batch.failed = batch.requests.size() - answered;
        batch.outputFileId = output.isEmpty() ? null : store(batch.id + "_output.jsonl", output);
        batch.errorFileId = errors.isEmpty() ? null : store(batch.id + "_error.jsonl", errors);
        batch.ended = true;
    }

    private String store(String name, List<String> lines) {
        StoredFile file = new StoredFile("file-sim-" + ids.incrementAndGet(), name, "batch_output",
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), clock.getAsLong());
        files.put(file.id(), file);
        return file.id();
    }

    private static Reply error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        return new Reply(status, body);
    }
}
