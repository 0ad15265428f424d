package org.talecamel.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.api.ApiError;
import org.talecamel.api.ApiJson;
import org.talecamel.api.DashboardFile;
import org.talecamel.api.RunViews;
import org.talecamel.api.TrendViews;
import org.talecamel.api.Uploads;
import org.talecamel.budget.EstimatedBudget;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.ReasoningEffort;
import org.talecamel.llm.RequestShape;
import org.talecamel.method.Method;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Language;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Template;
import org.talecamel.run.Endpoint;
import org.talecamel.run.InputFile;
import org.talecamel.run.Run;
import org.talecamel.run.RunCoordinator;
import org.talecamel.run.RunManifest;

/**
 * The steps of the API routes ({@code routes/api.camel.yaml}). An upload becomes a run of its own, opened at once so
 * its id can be answered, and read in the background through the same per-file route as inbox files. Every answer is
 * JSON, refusals included ({@code {"error": "..."}}), except files served as they are: a run's files, trend charts,
 * and the dashboard's page, script and style sheet.
 */
public final class ApiSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSteps.class);
    /** Exchange property: the uploaded file, under its kept name. */
    static final String UPLOAD = "taleUpload";
    private static final String UPLOAD_NAME = "taleUploadName";
    private static final String QUESTION = "taleBudgetQuestion";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final RunCoordinator runs;
    private final Uploads uploads;
    private final RunViews views;
    private final TrendViews trends;
    private final RequestShape shape;
    private final ReasoningEffort effort;
    private final int budgetFallback;

    public ApiSteps(RunCoordinator runs, Uploads uploads, RunViews views, TrendViews trends, RequestShape shape,
                    ReasoningEffort effort, int budgetFallback) {
        this.runs = runs;
        this.uploads = uploads;
        this.views = views;
        this.trends = trends;
        this.shape = shape;
        this.effort = effort;
        this.budgetFallback = budgetFallback;
    }

    // --- POST /api/runs ---

    /** Checks and keeps the uploaded file, opens its run and answers 202 with the run's id. */
    public String upload(Exchange exchange) {
        Message message = exchange.getMessage();
        String contentType = contentType(message);
        if (contentType.startsWith(FORM)) {
            throw ApiError.badRequest("the body was sent as a form (curl -d does that): send the file as it is, with"
                    + " curl --data-binary @problems.jsonl -H 'Content-Type: application/octet-stream', or as"
                    + " multipart with curl -F file=@problems.jsonl");
        }
        String name = message.getHeader("name", String.class);
        if (contentType.startsWith("multipart/form-data")) {
            Integer files = message.getHeader(Exchange.ATTACHMENTS_SIZE, Integer.class);
            if (files == null || files != 1 || !(message.getBody() instanceof File)) {
                throw ApiError.badRequest("send exactly one file in the multipart form (curl -F file=@problems.jsonl), got "
                        + (files == null ? 0 : files));
            }
            if (name == null || name.isBlank()) {
                name = message.getHeader(Exchange.FILE_NAME, String.class);
            }
        }
        Uploads.Received received = uploads.receive(message.getBody(InputStream.class), name);
        Run run = runs.open(runs.defaults());
        Path kept;
        try {
            kept = uploads.keep(received, run.id());
            runs.uploadKept(run, kept);
        } catch (IOException | RuntimeException e) {
            uploads.discard(received);
            run.fileFailed(received.name(), "could not be kept: " + e.getMessage());
            runs.finish(run);
            throw new UncheckedIOException(new IOException("cannot keep the upload in " + uploads.folder() + ": "
                    + e.getMessage(), e));
        }
        LOG.info("Upload {} ({} bytes) is run {}", received.name(), received.bytes(), run.id());
        exchange.setProperty(EvaluationSteps.RUN, run);
        exchange.setProperty(UPLOAD, kept.toFile());
        exchange.setProperty(UPLOAD_NAME, received.name());
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("id", run.id());
        accepted.put("status", "running");
        accepted.put("file", received.name());
        accepted.put("bytes", received.bytes());
        accepted.put("links", RunViews.links(run.id()));
        String json = respond(exchange, 202, accepted);
        message.setHeader("Location", "/api/runs/" + run.id());
        return json;
    }

    /** In the background: the uploaded file, named as the user named it, for the per-file route. */
    public File uploaded(@ExchangeProperty(UPLOAD) File file, @ExchangeProperty(UPLOAD_NAME) String name,
                         @ExchangeProperty(EvaluationSteps.RUN) Run run, Exchange exchange) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.FILE_NAME_ONLY, name);
        message.setHeader(Exchange.FILE_NAME, name);
        run.fileStarted(InputFile.scan(file.toPath(), name));
        return file;
    }

    public void finish(@ExchangeProperty(EvaluationSteps.RUN) Run run) {
        runs.finish(run);
    }

    /** An upload whose run the process stopped in the middle of, its run reopened to read it again. */
    public record Interrupted(Run run, File file, String name) {
    }

    /**
     * At the service's start: the runs of uploads that the process stopped in the middle of (killed, say), reopened
     * under their own ids, oldest first. A run whose upload is no longer kept is finished at once, saying so.
     */
    public List<Interrupted> interruptedUploads() {
        List<Interrupted> resumed = new ArrayList<>();
        for (RunManifest manifest : runs.interruptedUploads()) {
            Run run = runs.resumeUpload(manifest);
            String name = Uploads.nameOf(manifest.upload(), run.id());
            if (Files.isRegularFile(manifest.upload())) {
                LOG.warn("Run {} of upload {} was interrupted (the process stopped in its middle); resuming it. Answers "
                        + "received before come from the response cache, not the endpoint.", run.id(), name);
                resumed.add(new Interrupted(run, manifest.upload().toFile(), name));
            } else {
                LOG.warn("Run {} of upload {} was interrupted, and its file is no longer at {}: finishing it as it is",
                        run.id(), name, manifest.upload());
                run.fileFailed(name, "was interrupted, and the uploaded file is no longer at " + manifest.upload());
                runs.finish(run);
            }
        }
        return resumed;
    }

    /** Sets an interrupted upload up for the per-upload route, as {@link #upload} does for a new one. */
    public void resume(@Body Interrupted interrupted, Exchange exchange) {
        exchange.setProperty(EvaluationSteps.RUN, interrupted.run());
        exchange.setProperty(UPLOAD, interrupted.file());
        exchange.setProperty(UPLOAD_NAME, interrupted.name());
    }

    // --- GET /api/runs, /api/runs/{id} and its files ---

    public String list(Exchange exchange) {
        return respond(exchange, 200, Map.of("runs", views.list()));
    }

    public String run(@Header("id") String id, Exchange exchange) {
        return respond(exchange, 200, views.one(id));
    }

    /** One of the run's files, served as it is. */
    public File file(@Header("id") String id, @Header("file") String name, Exchange exchange) {
        RunViews.RunFile which = RunViews.RunFile.named(name);
        File file = views.file(id, which).toFile();
        answer(exchange.getMessage(), 200, which.contentType());
        return file;
    }

    // --- GET /api/trends and its charts ---

    public String trends(Exchange exchange) {
        return respond(exchange, 200, Map.of("trends", trends.list()));
    }

    /** One trend chart, a PNG the run history drew. */
    public File trendChart(@Header("chart") String name, Exchange exchange) {
        File chart = trends.chart(name).toFile();
        answer(exchange.getMessage(), 200, "image/png");
        return chart;
    }

    // --- GET / and /dashboard/{file} ---

    /** The dashboard's page, script or style sheet, from the jar. */
    public byte[] dashboard(@Header("file") String name, Exchange exchange) {
        DashboardFile file = DashboardFile.named(name);
        answer(exchange.getMessage(), 200, file.contentType());
        // a new jar's page is picked up at once
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        return file.content();
    }

    // --- POST /api/budget ---

    /**
     * The TALE-EP estimator's request for {@code {"question": ..., "choices": [...], "template": ..., "language": ...}}
     * (all but the question optional, as in a problem file); nothing is answered.
     */
    public ChatRequest budgetRequest(Exchange exchange) {
        if (contentType(exchange.getMessage()).startsWith(FORM)) {
            throw ApiError.badRequest("the body was sent as a form (curl -d does that unless told otherwise): send it"
                    + " as JSON, with -H 'Content-Type: application/json'");
        }
        Problem problem = question(exchange.getMessage().getBody(byte[].class));
        exchange.setProperty(QUESTION, problem);
        exchange.getMessage().removeHeaders("*"); // the caller's headers (its token) go no further
        return shape.request(runs.defaults().endpoint().model(), effort,
                List.of(ChatMessage.system(Prompts.SYSTEM), ChatMessage.user(Method.estimatorPrompt(problem))), null);
    }

    /** The estimated budget (or the fallback, saying why) and the budget-aware prompt to send with it. */
    public String budget(@Body ChatResult reply, @ExchangeProperty(QUESTION) Problem problem, Exchange exchange) {
        EstimatedBudget budget = EstimatedBudget.of(reply.content(), reply.error(), budgetFallback);
        Endpoint endpoint = runs.defaults().endpoint();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("budget", budget.tokens());
        answer.put("budgetSource", budget.source().label());
        answer.put("prompt", Method.TALE_EP.userPrompt(problem, budget.tokens()));
        answer.put("systemPrompt", Prompts.SYSTEM);
        answer.put("model", reply.ok() && !reply.model().isBlank() ? reply.model() : endpoint.model());
        answer.put("simulated", endpoint.simulated());
        if (budget.note() != null) {
            answer.put("note", budget.note());
        }
        Map<String, Object> estimator = new LinkedHashMap<>();
        estimator.put("reply", reply.content());
        estimator.put("promptTokens", reply.promptTokens());
        estimator.put("completionTokens", reply.completionTokens());
        answer.put("estimator", estimator);
        return respond(exchange, 200, answer);
    }

    private static Problem question(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("the body is not UTF-8: send JSON in UTF-8, {\"question\": \"...\"}");
        }
        JsonNode json;
        try {
            json = ApiJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not JSON: send {\"question\": \"...\"} (optionally with \"choices\")");
        }
        if (json == null || !json.isObject()) {
            throw ApiError.badRequest("send a JSON object: {\"question\": \"...\"}");
        }
        JsonNode question = json.get("question");
        if (question == null || !question.isTextual() || question.asText().isBlank()) {
            throw ApiError.badRequest("missing field 'question': send {\"question\": \"...\"}");
        }
        List<String> choices = new ArrayList<>();
        JsonNode options = json.get("choices");
        if (options != null && !options.isNull()) {
            if (!options.isArray()) {
                throw ApiError.badRequest("'choices' must be an array of the options, e.g. [\"12\", \"14\", \"16\"]");
            }
            options.forEach(option -> choices.add(option.asText()));
        }
        Template template = json.hasNonNull("template") ? Template.of(json.get("template").asText())
                .orElseThrow(() -> ApiError.badRequest("'template' must be one of " + Template.ids())) : null;
        Language language = json.hasNonNull("language") ? Language.of(json.get("language").asText())
                .orElseThrow(() -> ApiError.badRequest("'language' must be one of " + Language.ids())) : null;
        try {
            return new Problem("api", 1, "api", question.asText(), "", choices, null, template, language);
        } catch (IllegalArgumentException misfit) {
            throw ApiError.badRequest(misfit.getMessage());
        }
    }

    // --- shared ---

    /** GET /api/openapi.json: the API's description, kept beside the routes that it describes. */
    public String openapi(Exchange exchange) throws IOException {
        try (InputStream in = ApiSteps.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the jar");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            answer(exchange.getMessage(), 200, "application/json");
            return json;
        }
    }

    /** Turns a refused or failed request into {@code {"error": "..."}} with its status. */
    public String error(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause, Exchange exchange) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ApiError refused) {
                return respond(exchange, refused.status(), Map.of("error", refused.getMessage()));
            }
        }
        LOG.warn("API request failed", cause);
        String reason = cause == null ? "unknown error" : cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return respond(exchange, 500, Map.of("error", "tale-camel could not answer: " + reason));
    }

    private static String contentType(Message message) {
        return String.valueOf(message.getHeader(Exchange.CONTENT_TYPE)).strip().toLowerCase(Locale.ROOT);
    }

    /** The value as JSON, answered with this status. */
    private static String respond(Exchange exchange, int status, Object value) {
        answer(exchange.getMessage(), status, "application/json");
        return ApiJson.write(value);
    }

    /** Sets the status and content type, and no other header: the request's are not echoed back. */
    private static void answer(Message message, int status, String contentType) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
    }
}
