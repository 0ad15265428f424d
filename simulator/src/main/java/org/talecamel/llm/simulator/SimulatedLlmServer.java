package org.talecamel.llm.simulator;

import org.talecamel.llm.TokenCounter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.SimulatedEndpoint;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED OpenAI-compatible chat endpoint, for running tale-camel where no real model is reachable.
 * Serves {@code POST /v1/chat/completions} and {@code GET /v1/models}, and OpenAI's Batch API
 * ({@link SimulatedBatchApi}); replies come from a
 * {@link SimulatedModel}, and every reply names its model {@code simulated-...} so no figure produced with it
 * can pass for a real model's. Token usage is counted for real with cl100k_base.
 * <p>
 * A model whose row in the models table says {@code reasoning=yes} is imitated as OpenAI's reasoning models behave,
 * whatever else the row says: a temperature other than 1 and {@code max_tokens} are refused with OpenAI's own error
 * bodies; {@code max_completion_tokens} limits the reasoning and the answer together; and usage reports SIMULATED
 * reasoning tokens ({@code completion_tokens_details.reasoning_tokens}, counted in {@code completion_tokens}): as many
 * as the answer's, times 0 ({@code reasoning_effort} none), ¼ (minimal), ½ (low), 1 (medium, the default) or 2 (high).
 *
 * <p>It also answers as Azure OpenAI is called ({@code tale.simulator.imitate=azure}): on a deployment's path,
 * {@code POST /openai/deployments/{deployment}/chat/completions?api-version=...} and
 * {@code GET /openai/models?api-version=...}, and on Azure's v1 API, {@code POST /openai/v1/chat/completions} and
 * {@code GET /openai/v1/models}. Azure's Batch API is served too: {@code POST /openai/files},
 * {@code GET /openai/files/{id}/content}, {@code POST /openai/batches}, {@code GET /openai/batches/{id}} and
 * {@code POST /openai/batches/{id}/cancel} with an api-version, and the same under {@code /openai/v1}; their lines
 * name a deployment as the model, and are answered as the OpenAI batches' are, {@code simulated-<deployment>}. All
 * these want an {@code api-key} header (any key will do) and refuse a call without one with 401 and Azure's error
 * body; the paths outside {@code /openai/v1/} want their api-version too.
 */
public final class SimulatedLlmServer implements SimulatedEndpoint {

    private final AtomicInteger chatCalls = new AtomicInteger();

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedLlmServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 8;
    static final String MODEL_PREFIX = "simulated-";
    static final String FINGERPRINT = "tale-camel-simulator";
    /** A Batch API path: its surface's prefix, files or batches, and an id with what is asked of it. */
    private static final Pattern BATCH_API =
            Pattern.compile("(/v1|/openai/v1|/openai)/(files|batches)(/[^/]+)?(/content|/cancel)?");
    private static final Set<String> BATCH_CALLS = Set.of("POST files", "GET files/{id}/content", "POST batches",
            "GET batches/{id}", "POST batches/{id}/cancel");
    private static final Pattern AZURE_DEPLOYMENT_CHAT = Pattern.compile("/openai/deployments/[^/]+/chat/completions");
    // What OpenAI adds per message (role and framing), and once to prime the reply; see its token-counting guide.
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_REPLY = 3;

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm against the client's delayed
        // ACK every reply then waits about 40 ms. Read once, when the first server of the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorSettings settings;
    private final Knowledge knowledge;
    private final SimulatedModel model;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String baseUrl;
    private final String rootUrl;
    private final SimulatedBatchApi batches;

    private SimulatedLlmServer(SimulatorSettings settings, Knowledge knowledge, HttpServer server,
                               ExecutorService threads) {
        this.settings = settings;
        this.knowledge = knowledge;
        this.model = new SimulatedModel(knowledge, settings.seed());
        this.server = server;
        this.threads = threads;
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        this.rootUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort();
        this.baseUrl = rootUrl + "/v1";
        this.batches = new SimulatedBatchApi(settings.batchMs(), settings.batchOutcome(), settings.seed(),
                this::completion, System::currentTimeMillis);
    }

    /** Chat completion requests served one by one (not those of batches), for tests to count. */
    public int chatCalls() {
        return chatCalls.get();
    }

    /** The SIMULATED Batch API this endpoint serves. */
    public SimulatedBatchApi batches() {
        return batches;
    }

    /** Learns the problems in {@code settings.knowledge()} and starts listening. */
    public static SimulatedLlmServer start(SimulatorSettings settings) throws IOException {
        Knowledge knowledge = Knowledge.load(settings.knowledge());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
        } catch (IOException e) {
            throw new IOException("[SIMULATED LLM] cannot listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "simulated-llm-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        SimulatedLlmServer simulator = new SimulatedLlmServer(settings, knowledge, server, threads);
        server.createContext("/", simulator::handle);
        server.setExecutor(threads);
        server.start();
        // the tokenizer's vocabulary takes about a second to load: loaded now, while Camel starts, not by the first calls
        threads.execute(() -> TokenCounter.count("warm-up"));
        LOG.info("[SIMULATED LLM] listening on {} — answers are simulated, not a real model", simulator.baseUrl);
        return simulator;
    }

    /**
     * The simulated model has seen this problem from now on, as a model trained on it would have. tale-camel tells it
     * each problem it reads, before asking about it, so a problem is answered the same however it arrived.
     */
    @Override
    public void learn(Problem problem) {
        knowledge.learn(problem);
    }

    /** {@code http://127.0.0.1:<port>/v1}: what an OpenAI client takes as its base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:<port>}: what an Azure OpenAI client takes as its resource endpoint. */
    @Override
    public String rootUrl() {
        return rootUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdown();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("[SIMULATED LLM] stopped listening on {}", baseUrl);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean azure = path.startsWith("/openai/");
            boolean chat = path.equals("/v1/chat/completions") || path.equals("/openai/v1/chat/completions")
                    || AZURE_DEPLOYMENT_CHAT.matcher(path).matches();
            boolean models = path.equals("/v1/models") || path.equals("/openai/v1/models") || path.equals("/openai/models");
            if (batchApi(exchange, method, path)) {
                return;
            }
            if (!chat && !models) {
                error(exchange, 404, "Unknown request URL: " + method + " " + path
                        + ". This simulated endpoint serves POST /v1/chat/completions and GET /v1/models, and as Azure"
                        + " OpenAI POST /openai/deployments/{deployment}/chat/completions, GET /openai/models,"
                        + " POST /openai/v1/chat/completions and GET /openai/v1/models; and the Batch API: POST /v1/files,"
                        + " GET /v1/files/{id}/content, POST /v1/batches, GET /v1/batches/{id},"
                        + " POST /v1/batches/{id}/cancel, and as Azure OpenAI's the same under /openai (with an"
                        + " api-version) and /openai/v1.");
            } else if (!method.equals(chat ? "POST" : "GET")) {
                error(exchange, 405, "Use " + (chat ? "POST" : "GET") + " for " + path + ", not " + method + ".");
            } else if (azure && refusedAsAzure(exchange, path)) {
                return;
            } else if (chat) {
                chatCalls.incrementAndGet();
                chatCompletion(exchange);
            } else {
                send(exchange, 200, models());
            }
        } catch (RuntimeException e) {
            LOG.error("[SIMULATED LLM] failed to simulate a reply", e);
            send(exchange, 500, errorBody("The simulated model failed: " + e, "server_error", null, null));
        } finally {
            exchange.close();
        }
    }

    /**
     * The Batch API's requests ({@link SimulatedBatchApi}), OpenAI's under {@code /v1} and Azure's under
     * {@code /openai} and {@code /openai/v1}, which Azure's checks guard as its chat paths; false for any other.
     */
    private boolean batchApi(HttpExchange exchange, String method, String path) throws IOException {
        Matcher call = BATCH_API.matcher(path);
        String shape = call.matches() ? method + " " + call.group(2) + (call.group(3) == null ? "" : "/{id}")
                + (call.group(4) == null ? "" : call.group(4)) : "";
        if (!BATCH_CALLS.contains(shape)) {
            return false;
        }
        SimulatedBatchApi.Surface surface = SimulatedBatchApi.Surface.at(call.group(1));
        if (surface.azure() && refusedAsAzure(exchange, path)) {
            return true;
        }
        String id = call.group(3) == null ? null : call.group(3).substring(1);
        switch (shape) {
            case "POST files" -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                reply(exchange, batches.upload(exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            case "GET files/{id}/content" -> fileContent(exchange, id);
            case "POST batches" -> {
                try (InputStream in = exchange.getRequestBody()) {
                    reply(exchange, batches.create(JSON.readTree(in), surface));
                } catch (JsonProcessingException e) {
                    error(exchange, 400, "The request body is not valid JSON: " + e.getOriginalMessage());
                }
            }
            case "GET batches/{id}" -> reply(exchange, batches.get(id));
            default -> reply(exchange, batches.cancel(id));
        }
        return true;
    }

    private void fileContent(HttpExchange exchange, String fileId) throws IOException {
        java.util.Optional<byte[]> file = batches.content(fileId);
        if (file.isEmpty()) {
            error(exchange, 404, "No such File object: " + fileId);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/jsonl");
        exchange.sendResponseHeaders(200, file.get().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.get());
        }
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        send(exchange, reply.status(), reply.body());
    }

    /**
     * Azure's checks, answered as Azure does where it matters to tale-camel: no {@code api-key} header is a 401 with
     * Azure's error body (no {@code type}, a string {@code code}); the deployment path without an api-version is
     * refused too. True when the request was refused.
     */
    private static boolean refusedAsAzure(HttpExchange exchange, String path) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("api-key");
        if (key == null || key.isBlank()) {
            LOG.debug("[SIMULATED LLM] refused a request to {} without an api-key header", path);
            send(exchange, 401, azureError("401", "Access denied due to invalid subscription key or wrong API endpoint."
                    + " Make sure to provide a valid key for an active subscription and use a correct regional API"
                    + " endpoint for your resource."));
            return true;
        }
        String query = exchange.getRequestURI().getRawQuery();
        boolean versioned = query != null && Arrays.stream(query.split("&")).anyMatch(p -> p.startsWith("api-version=")
                && p.length() > "api-version=".length());
        if (!path.startsWith("/openai/v1/") && !versioned) {
            send(exchange, 404, azureError("404", "Resource not found (SIMULATED: paths outside /openai/v1/ need an"
                    + " api-version query parameter)"));
            return true;
        }
        return false;
    }

    private static ObjectNode azureError(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return body;
    }

    private void chatCompletion(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            error(exchange, 400, "The request body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        Reply reply = completion(request);
        if (reply.status() == 200 && settings.latencyMs() > 0) {
            try {
                Thread.sleep(settings.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: answer at once
            }
        }
        send(exchange, reply.status(), reply.body());
    }

    /** A simulated HTTP reply: its status and JSON body. */
    record Reply(int status, JsonNode body) {
    }

    /** The reply to one chat request: the simulated completion, or the error a real endpoint would give. */
    Reply completion(JsonNode request) {
        String problem = invalidity(request);
        if (problem != null) {
            return new Reply(400, errorBody(problem, "invalid_request_error", null, null));
        }
        String requested = request.path("model").asText(settings.modelName());
        boolean reasoning = settings.models().of(requested).reasoning();
        if (reasoning) {
            Reply refused = refusedAsReasoningModel(request);
            if (refused != null) {
                return refused;
            }
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : request.get("messages")) {
            messages.add(new ChatMessage(message.get("role").asText(), text(message.get("content"))));
        }
        long seed = SimulatedModel.seedOf(request.path("model").asText(),
                request.path("seed").isIntegralNumber() ? request.get("seed").asLong() : settings.seed());
        String content = model.reply(messages, seed);
        String finishReason = "stop";
        int reasoningTokens = reasoning ? (int) Math.round(TokenCounter.count(content)
                * thinkingFactor(request.path("reasoning_effort").asText("medium"))) : 0;
        JsonNode limit = request.hasNonNull("max_completion_tokens")
                ? request.get("max_completion_tokens") : request.get("max_tokens");
        if (limit != null && !limit.isNull()) {
            // a reasoning model's limit covers its thinking first, then the answer
            reasoningTokens = Math.min(reasoningTokens, limit.asInt());
            int left = limit.asInt() - reasoningTokens;
            String truncated = left == 0 ? (content.isEmpty() ? null : "") : TokenCounter.truncatedOrNull(content, left);
            if (truncated != null) {
                content = truncated;
                finishReason = "length";
            }
        }
        int promptTokens = TOKENS_PER_REPLY;
        for (ChatMessage message : messages) {
            promptTokens += TOKENS_PER_MESSAGE + TokenCounter.count(message.role()) + TokenCounter.count(message.content());
        }
        int completionTokens = TokenCounter.count(content) + reasoningTokens;
        String modelName = requested.startsWith(MODEL_PREFIX) ? requested : MODEL_PREFIX + requested;

        ObjectNode response = JSON.createObjectNode();
        response.put("id", "chatcmpl-sim-" + UUID.randomUUID().toString().replace("-", ""));
        response.put("object", "chat.completion");
        response.put("created", System.currentTimeMillis() / 1000);
        response.put("model", modelName);
        response.put("system_fingerprint", FINGERPRINT);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = response.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        if (reasoning) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        }
        LOG.debug("[SIMULATED LLM] simulated reply of {} tokens ({}) as {}", completionTokens, finishReason, modelName);
        return new Reply(200, response);
    }

    /**
     * Refuses, with OpenAI's own bodies, what its reasoning models refuse: a temperature but the default 1, and
     * {@code max_tokens}. Null when it takes the request.
     */
    private static Reply refusedAsReasoningModel(JsonNode request) {
        JsonNode temperature = request.get("temperature");
        if (temperature != null && temperature.isNumber() && temperature.asDouble() != 1) {
            String value = temperature.asDouble() == Math.rint(temperature.asDouble())
                    ? String.valueOf(temperature.asLong()) : temperature.asText();
            return new Reply(400, errorBody("Unsupported value: 'temperature' does not support " + value
                    + " with this model. Only the default (1) value is supported.", "invalid_request_error",
                    "temperature", "unsupported_value"));
        }
        if (request.hasNonNull("max_tokens")) {
            return new Reply(400, errorBody("Unsupported parameter: 'max_tokens' is not supported with this model. Use"
                    + " 'max_completion_tokens' instead.", "invalid_request_error", "max_tokens", "unsupported_parameter"));
        }
        return null;
    }

    /** SIMULATED thinking: how many tokens of reasoning per token of answer, by {@code reasoning_effort}. */
    private static double thinkingFactor(String effort) {
        return switch (effort) {
            case "none" -> 0;
            case "minimal" -> 0.25;
            case "low" -> 0.5;
            case "high" -> 2;
            default -> 1;
        };
    }

    /** Why the request cannot be served, in OpenAI's manner, or null when it can. */
    private static String invalidity(JsonNode request) {
        if (request == null || !request.isObject()) {
            return "The request body must be a JSON object.";
        }
        if (request.has("model") && !request.get("model").isTextual()) {
            return "'model' must be a string.";
        }
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return "'messages' must be a non-empty array of {role, content} objects.";
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                return "'messages[" + i + "]' must be an object with a string 'role'.";
            }
            JsonNode content = message.get("content");
            if (content != null && !content.isNull() && !content.isTextual() && !content.isArray()) {
                return "'messages[" + i + "].content' must be a string or an array of content parts.";
            }
        }
        for (String field : List.of("max_tokens", "max_completion_tokens")) {
            JsonNode limit = request.get(field);
            if (limit != null && !limit.isNull() && (!limit.isIntegralNumber() || limit.asLong() < 1
                    || limit.asLong() > Integer.MAX_VALUE)) {
                return "'" + field + "' must be a positive integer.";
            }
        }
        JsonNode seed = request.get("seed");
        if (seed != null && !seed.isNull() && !seed.isIntegralNumber()) {
            return "'seed' must be an integer.";
        }
        return null;
    }

    /** Content as a string, or as an array of parts of which the text parts count. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                text.append(part.path("text").asText(""));
            }
            return text.toString();
        }
        return content.asText();
    }

    private ObjectNode models() {
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        ObjectNode entry = data.addObject();
        entry.put("id", MODEL_PREFIX + settings.modelName());
        entry.put("object", "model");
        entry.put("created", 0);
        entry.put("owned_by", FINGERPRINT);
        return list;
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        LOG.debug("[SIMULATED LLM] refused a request ({}): {}", status, message);
        send(exchange, status, errorBody(message, "invalid_request_error", null, null));
    }

    private static ObjectNode errorBody(String message, String type, String param, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return body;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
