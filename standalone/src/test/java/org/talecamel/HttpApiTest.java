package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API on loopback without a token, as a user's script calls it: upload, poll, fetch the report. */
class HttpApiTest {

    static final Path SAMPLE = Path.of("data-in/samples/gsm8k-style.jsonl");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Two of the sample's problems: enough for a run, quick to finish. */
    static final byte[] TWO_PROBLEMS = String.join("\n", lines(SAMPLE).subList(0, 2)).getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path root;
    static TaleTestApp app;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        app = TaleTestApp.start(root, Map.of());
        client = new Client(app.http, null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void should_run_an_uploaded_file_in_the_background_and_serve_its_report() throws Exception {
        // when
        HttpResponse<String> accepted = client.upload(Files.readAllBytes(SAMPLE), "gsm8k-style.jsonl");

        // then the run's id comes back at once, and the run can be followed until it has finished
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode run = JSON.readTree(accepted.body());
        String id = run.path("id").asText();
        assertThat(run.path("status").asText()).isEqualTo("running");
        assertThat(accepted.headers().firstValue("Location")).contains("/api/runs/" + id);
        JsonNode finished = client.awaitFinished(id);
        assertThat(finished.path("suite").asText()).isEqualTo("inbox");
        assertThat(finished.path("simulated").asBoolean()).isTrue();
        assertThat(finished.path("done").asLong()).isEqualTo(finished.path("total").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(finished.path("finishedAt").asText()).isGreaterThan(finished.path("startedAt").asText());
        assertThat(finished.path("results")).extracting(m -> m.path("method").asText()).containsExactly("cot", "tale-ep");
        assertThat(finished.path("results").get(1).path("accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(finished.path("summary").path("files").get(0).path("name").asText()).isEqualTo("gsm8k-style.jsonl");

        // and its files are served from the links it gave
        HttpResponse<String> report = client.get(finished.path("links").path("report").asText());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(report.body()).contains("SIMULATED", "tale-ep");
        assertThat(client.get("/api/runs/" + id + "/summary.json").body()).contains("\"runId\" : \"" + id + "\"");
        assertThat(client.get("/api/runs/" + id + "/audit.csv").body()).startsWith("run_id,timestamp");
        assertThat(client.get("/api/runs/" + id + "/junit.xml").body()).contains("<testsuite name=\"inbox.gsm8k-style.cot\"");

        // the file was read as the inbox reads it, and is kept under the run's id
        assertThat(app.inbox.resolveSibling("uploads").resolve(id + "-gsm8k-style.jsonl")).hasSameBinaryContentAs(SAMPLE);
    }

    @Test
    void should_list_runs_with_what_a_dashboard_shows() throws Exception {
        // given a finished run
        String id = JSON.readTree(client.upload(TWO_PROBLEMS, "listed.jsonl").body()).path("id").asText();
        client.awaitFinished(id);

        // when
        HttpResponse<String> list = client.get("/api/runs");

        // then
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode run : JSON.readTree(list.body()).path("runs")) {
            entry = run.path("id").asText().equals(id) ? run : entry;
        }
        assertThat(entry).as(list.body()).isNotNull();
        assertThat(entry.path("status").asText()).isEqualTo("finished");
        assertThat(entry.path("suite").asText()).isEqualTo("inbox");
        assertThat(entry.has("startedAt") && entry.has("finishedAt")).isTrue();
        assertThat(entry.path("done").asLong()).isEqualTo(entry.path("total").asLong()).isPositive();
        assertThat(entry.path("results")).allSatisfy(method -> assertThat(method.has("accuracy")).isTrue());
        assertThat(entry.path("links").path("report").asText()).isEqualTo("/api/runs/" + id + "/report");
        assertThat(entry.has("summary")).as("the list leaves each run's summary out").isFalse();
    }

    @Test
    void should_show_a_run_that_did_not_complete_as_stopped_with_its_reason(@TempDir Path own) throws Exception {
        // given a service whose runs stop at a spend cap of 300 output tokens
        try (TaleTestApp capped = TaleTestApp.start(own, Map.of("tale.run.max-output-tokens", "300"))) {
            Client api = new Client(capped.http, null);
            String id = JSON.readTree(api.upload(Files.readAllBytes(SAMPLE), "capped.jsonl").body()).path("id").asText();

            // when
            JsonNode run = api.awaitFinished(id);
            JsonNode listed = JSON.readTree(api.get("/api/runs").body()).path("runs").get(0);

            // then: stopped, with why, in the run, the list and its summary; never "finished", and no "done"
            for (JsonNode view : List.of(run, listed)) {
                assertThat(view.path("status").asText()).isEqualTo("stopped");
                assertThat(view.path("reason").asText()).startsWith("spend cap, tale.run.max-output-tokens=300 reached");
                assertThat(view.has("done")).isFalse();
                assertThat(view.path("files")).extracting(JsonNode::asText).containsExactly("capped.jsonl");
            }
            assertThat(run.path("summary").path("status").asText()).isEqualTo("stopped");
            assertThat(run.path("summary").path("ending").path("kind").asText()).isEqualTo("spend-cap");
            assertThat(api.get("/api/runs/" + id + "/junit.xml").body()).contains("RunStopped");
        }
    }

    @Test
    void should_answer_404_in_json_for_what_does_not_exist() throws Exception {
        for (String path : new String[] {"/api/runs/20990101-000000-000-abcd", "/api/runs/not-a-run-id",
                "/api/runs/..%2F..%2Fconfig", "/api/runs/20990101-000000-000-abcd/report",
                "/api/runs/20990101-000000-000-abcd/application.properties", "/api/nothing-here"}) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void should_serve_the_trend_charts_of_a_suite_with_two_finished_runs() throws Exception {
        // given two finished runs of the same suite and model (at least: other tests add theirs)
        String chart = anyTrendChart();

        // when
        JsonNode trends = JSON.readTree(client.get("/api/trends").body()).path("trends");

        // then the suite's trend lists its charts, and each is a PNG
        assertThat(trends).hasSize(1);
        JsonNode trend = trends.get(0);
        // the same content under three names (listed, described, trend) is one trend, named after its newest run's file
        assertThat(trend.path("label").asText()).isEqualTo("inbox · trend.jsonl on gpt-4o-mini (SIMULATED)");
        assertThat(trend.path("simulated").asBoolean()).isTrue();
        assertThat(trend.path("runs").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(trend.path("charts")).extracting(c -> c.path("title").asText())
                .containsExactly("Accuracy per method", "Mean output tokens per method");
        for (JsonNode link : trend.path("charts")) {
            HttpResponse<byte[]> png = client.http.send(client.request(link.path("href").asText()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(new String(png.body(), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("\u0089PNG");
        }
        assertThat(trend.path("charts").get(0).path("href").asText()).isEqualTo("/api/trends/" + chart);

        // and nothing else is served under /api/trends
        for (String path : new String[] {"/api/trends/index.json", "/api/trends/..%2Findex.json",
                "/api/trends/" + chart.replace(".png", ".json"), "/api/trends/no-such-chart-accuracy.png"}) {
            HttpResponse<String> response = client.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void should_estimate_a_budget_and_give_the_prompt_without_answering_the_question() throws Exception {
        // when
        HttpResponse<String> response = client.post("/api/budget",
                "{\"question\": \"Tom has 3 apples and buys 5 more. How many apples does he have now?\"}",
                "application/json");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode budget = JSON.readTree(response.body());
        int tokens = budget.path("budget").asInt();
        assertThat(tokens).isPositive();
        assertThat(budget.path("budgetSource").asText()).isEqualTo("estimated");
        assertThat(budget.path("prompt").asText()).startsWith("Q: Tom has 3 apples")
                .endsWith("Let's think step by step and use less than " + tokens + " tokens:\n");
        assertThat(budget.path("simulated").asBoolean()).isTrue();
        assertThat(budget.path("model").asText()).startsWith("simulated-");
        assertThat(budget.path("estimator").path("reply").asText()).contains("[[" + tokens + "]]");
    }

    @Test
    void should_give_the_prompt_of_the_template_family_and_language_asked_for() throws Exception {
        // when
        HttpResponse<String> response = client.post("/api/budget",
                "{\"question\": \"下列哪个数是质数？\", \"choices\": [\"21\", \"29\"], \"language\": \"zh\"}",
                "application/json");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode budget = JSON.readTree(response.body());
        assertThat(budget.path("prompt").asText()).isEqualTo("下列哪个数是质数？\nA. 21\nB. 29\n\n请严格按照如下格式回答：[[选项]]，"
                + "例如：选项: [[A]]。\n让我们一步一步思考并使用少于 " + budget.path("budget").asInt() + " tokens:\n");
    }

    @Test
    void should_answer_the_readme_s_budget_example_as_the_readme_shows() throws Exception {
        // given: the README's example call, and the answer it shows (in # comment lines, the prompt shortened)
        Matcher example = Pattern.compile("-d '(\\{\"question\"[^']*)' http://127\\.0\\.0\\.1:8080/api/budget\n((?:# .*\n)+)")
                .matcher(Files.readString(Path.of("README.md")));
        assertThat(example.find()).as("the README's POST /api/budget example").isTrue();
        String shown = example.group(2).replaceAll("(?m)^#\\s*", "");

        // when
        JsonNode answer = JSON.readTree(client.post("/api/budget", example.group(1), "application/json").body());

        // then: the budget the simulator gives, and every field the API answers with, the estimator's too
        assertThat(shown).contains("\"budget\":" + answer.path("budget").asInt() + ",",
                "use less than " + answer.path("budget").asInt() + " tokens");
        List<String> fields = new ArrayList<>();
        answer.fieldNames().forEachRemaining(fields::add);
        answer.path("estimator").fieldNames().forEachRemaining(fields::add);
        assertThat(Pattern.compile("\"(\\w+)\":").matcher(shown).results().map(field -> field.group(1)))
                .containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void should_refuse_a_budget_request_that_is_not_a_question() throws Exception {
        Map<String, String> bodies = Map.of(
                "not json", "the body is not JSON",
                "[1, 2]", "send a JSON object",
                "{\"prompt\": \"2+2\"}", "missing field 'question'",
                "{\"question\": \"  \"}", "missing field 'question'",
                "{\"question\": \"2+2?\", \"choices\": \"4\"}", "'choices' must be an array",
                "{\"question\": \"2+2?\", \"template\": \"essay\"}", "'template' must be one of gsm8k, cloze, choice, gpqa",
                "{\"question\": \"2+2?\", \"language\": \"fr\"}", "'language' must be one of en, zh",
                "{\"question\": \"2+2?\", \"template\": \"gpqa\"}", "template 'gpqa' needs field 'choices'");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = client.post("/api/budget", body.getKey(), "application/json");
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(body.getKey()).contains(body.getValue());
        }
        HttpResponse<String> form = client.post("/api/budget", "{\"question\":\"2+2?\"}", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("Content-Type: application/json");
    }

    @Test
    void should_refuse_an_upload_it_could_not_run_and_open_no_run_for_it() throws Exception {
        // given
        int runsBefore = runs();
        byte[] latin1 = "{\"question\": \"2+2?\", \"answer\": \"4\"}\n{\"question\": \"Caf\u00e9 prices?\", \"answer\": \"4\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        // then: empty, unsupported type, no name, nothing left of the name, not UTF-8, not a JSON array, a form
        assertRefused(client.upload(new byte[0], "empty.jsonl"), "empty.jsonl: the upload is empty (0 bytes)");
        assertRefused(client.upload("question\n2+2\n".getBytes(StandardCharsets.UTF_8), "notes.txt"),
                "notes.txt: unsupported file type '.txt': use .jsonl, .json or .csv");
        assertRefused(client.upload("{}".getBytes(StandardCharsets.UTF_8), null), "name the file");
        assertRefused(client.upload("{}".getBytes(StandardCharsets.UTF_8), "../.."), "leaves no usable file name");
        int e = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('\u00e9');
        assertRefused(client.upload(latin1, "latin1.jsonl"), "latin1.jsonl line 2: not UTF-8 (byte offset " + e + ")");
        assertRefused(client.upload("{\"question\": \"2+2?\"}".getBytes(StandardCharsets.UTF_8), "one.json"),
                "one.json: ");
        assertRefused(client.post("/api/runs?name=x.jsonl", "{\"question\":\"2+2?\"}", "application/x-www-form-urlencoded"),
                "sent as a form");
        assertThat(runs()).isEqualTo(runsBefore);
        try (Stream<Path> kept = Files.list(app.inbox.resolveSibling("uploads"))) {
            assertThat(kept).noneMatch(file -> file.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void should_keep_an_uploaded_file_in_the_uploads_folder_whatever_name_it_was_sent_with() throws Exception {
        Path uploads = app.inbox.resolveSibling("uploads");
        for (String name : new String[] {"../evil.jsonl", "../../../../tmp/evil.jsonl", "..\\..\\evil.jsonl", "/evil.jsonl"}) {
            // when
            HttpResponse<String> accepted = client.upload(TWO_PROBLEMS, name);

            // then
            assertThat(accepted.statusCode()).as(name + ": " + accepted.body()).isEqualTo(202);
            JsonNode run = JSON.readTree(accepted.body());
            assertThat(run.path("file").asText()).isEqualTo("evil.jsonl");
            assertThat(uploads.resolve(run.path("id").asText() + "-evil.jsonl")).hasBinaryContent(TWO_PROBLEMS);
            client.awaitFinished(run.path("id").asText());
        }
        assertThat(root.resolve("evil.jsonl")).doesNotExist();
        assertThat(app.inbox.resolve("evil.jsonl")).doesNotExist();
        assertThat(Path.of("/tmp/evil.jsonl")).doesNotExist();
    }

    @Test
    void should_accept_a_multipart_upload_named_by_its_part() throws Exception {
        // when
        HttpResponse<String> accepted = client.multipart(TWO_PROBLEMS, "from a form.jsonl");

        // then
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode run = JSON.readTree(accepted.body());
        assertThat(run.path("file").asText()).isEqualTo("from a form.jsonl");
        JsonNode finished = client.awaitFinished(run.path("id").asText());
        assertThat(finished.path("summary").path("datasets").get(0).asText()).isEqualTo("from a form");
    }

    @Test
    void should_describe_every_route_it_serves_and_answer_every_path_it_describes() throws Exception {
        // given finished runs, for the paths that name one (a run, a trend chart), and the description
        String id = JSON.readTree(client.upload(TWO_PROBLEMS, "described.jsonl").body()).path("id").asText();
        client.awaitFinished(id);
        String chart = anyTrendChart();
        HttpResponse<String> document = client.get("/api/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = JSON.readTree(document.body()).path("paths");

        // then every REST route of the running app is described
        List<RestRegistry.RestService> routes = app.context().getRestRegistry().listAllRestServices();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(6);
        for (RestRegistry.RestService route : routes) {
            // the dashboard's page is the rest "/" with no path of its own
            String path = (route.getBasePath() + "/" + Objects.toString(route.getUriTemplate(), "")).replaceAll("/+", "/");
            path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            assertThat(paths.path(path).has(route.getMethod().toLowerCase(Locale.ROOT)))
                    .as("%s %s is in openapi.json", route.getMethod(), path).isTrue();
        }

        // and every described operation answers a sound request with a success it documents
        Map<String, byte[]> bodies = Map.of("/api/runs", TWO_PROBLEMS,
                "/api/budget", "{\"question\": \"What is 6 times 7?\"}".getBytes(StandardCharsets.UTF_8));
        List<String> answered = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : iterable(paths.fields())) {
            for (Map.Entry<String, JsonNode> operation : iterable(path.getValue().fields())) {
                for (String concrete : concrete(path.getKey(), operation.getValue(), id, chart)) {
                    HttpRequest.Builder request = client.request(concrete + (concrete.equals("/api/runs") ? "?name=x.jsonl" : ""));
                    request = operation.getKey().equals("post")
                            ? request.header("Content-Type", concrete.equals("/api/budget") ? "application/json"
                                    : "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(concrete)))
                            : request.GET();
                    HttpResponse<String> response = client.send(request);
                    String status = String.valueOf(response.statusCode());
                    assertThat(status).as("%s %s: %s", operation.getKey(), concrete, response.body()).startsWith("2");
                    assertThat(operation.getValue().path("responses").has(status))
                            .as("%s %s answered %s, which openapi.json does not list", operation.getKey(), concrete, status)
                            .isTrue();
                    answered.add(operation.getKey() + " " + concrete);
                }
            }
        }
        assertThat(answered).contains("post /api/runs", "get /api/runs/" + id + "/report", "post /api/budget",
                "get /api/trends/" + chart);
        // the run just started is left to finish before the app stops
        for (JsonNode run : JSON.readTree(client.get("/api/runs").body()).path("runs")) {
            client.awaitFinished(run.path("id").asText());
        }
    }

    /** The path with its parameters filled in: the run's id, the chart's name, and each value a {file} may take. */
    private static List<String> concrete(String template, JsonNode operation, String id, String chart) {
        List<String> paths = new ArrayList<>(List.of(template.replace("{id}", id).replace("{chart}", chart)));
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals("file")) {
                String path = paths.remove(0);
                parameter.path("schema").path("enum").forEach(file -> paths.add(path.replace("{file}", file.asText())));
            }
        }
        return paths;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static java.util.List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertRefused(HttpResponse<String> response, String reason) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains(reason);
    }

    /** A trend chart's name, once the suite has two finished runs (uploading what it lacks). */
    private static String anyTrendChart() throws Exception {
        for (int uploads = 0; uploads <= 2; uploads++) {
            JsonNode trends = JSON.readTree(client.get("/api/trends").body()).path("trends");
            if (trends.size() > 0) {
                return trends.get(0).path("charts").get(0).path("href").asText().substring("/api/trends/".length());
            }
            client.awaitFinished(JSON.readTree(client.upload(TWO_PROBLEMS, "trend.jsonl").body()).path("id").asText());
        }
        throw new AssertionError("no trend chart after two more finished runs: " + client.get("/api/trends").body());
    }

    private static int runs() throws Exception {
        return JSON.readTree(client.get("/api/runs").body()).path("runs").size();
    }

    /** java.net.http against the app, with a bearer token when given one. */
    static final class Client {

        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final URI base;
        private final String token;

        Client(URI base, String token) {
            this.base = base;
            this.token = token;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path).GET());
        }

        HttpResponse<String> post(String path, String body, String contentType) throws IOException, InterruptedException {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        }

        /** The file as the raw body, named in {@code ?name=} (none when null). */
        HttpResponse<String> upload(byte[] file, String name) throws IOException, InterruptedException {
            String path = "/api/runs" + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
            return send(request(path).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
        }

        /** The file as the one part of a multipart/form-data body, as {@code curl -F file=@name} sends it. */
        HttpResponse<String> multipart(byte[] file, String fileName) throws IOException, InterruptedException {
            String boundary = "tale-camel-test-boundary";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(request("/api/runs").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        /** Polls the run, as a script would, until it has finished (or a minute has passed). */
        /** Waits for the run to end, completed ({@code finished}) or {@code stopped}. */
        JsonNode awaitFinished(String id) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                HttpResponse<String> response = get("/api/runs/" + id);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode run = JSON.readTree(response.body());
                if (!run.path("status").asText().equals("running")) {
                    return run;
                }
                assertThat(run.path("status").asText()).isEqualTo("running");
                assertThat(run.path("done").asLong()).isLessThanOrEqualTo(run.path("total").asLong());
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("run " + id + " did not finish: " + run);
                }
                Thread.sleep(200);
            }
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
            return token == null ? request : request.header("Authorization", "Bearer " + token);
        }
    }
}
