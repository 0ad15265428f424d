package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real jar, in its own process, as Jenkins runs it: the exit code says passed, gate failed, or not completed. */
class ExitCodesIT {

    private static final Path JAR = Path.of("target/tale-camel.jar");
    private static final String SAMPLE = "data-in/samples/gsm8k-style.jsonl";

    @Test
    void should_exit_0_when_the_run_completed_and_passed_its_gates(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_GATES_MIN_ACCURACY", "50"), "--once", SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
        assertThat(run.output()).contains("gate passed", "Report: ").doesNotContain("is ignored");
    }

    @Test
    void should_run_once_without_opening_the_http_port_so_a_taken_port_does_not_matter(@TempDir Path out) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_HTTP_PORT", String.valueOf(taken.getLocalPort())),
                    "--once", SAMPLE);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
            assertThat(run.output()).doesNotContain("/observe/health", "Address already in use", "Dashboard at");
        }
    }

    @Test
    void should_not_start_the_service_without_health_and_metrics_when_the_http_port_is_taken(@TempDir Path out)
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_INBOX", out.resolve("inbox").toString(),
                    "TALE_HTTP_PORT", String.valueOf(taken.getLocalPort())));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains("cannot serve /observe/health and /observe/metrics on 127.0.0.1:"
                    + taken.getLocalPort(), "set tale.http.port (TALE_HTTP_PORT) to a free port");
        }
    }

    @Test
    void should_exit_1_when_a_quality_gate_failed(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_GATES_MIN_ACCURACY_TALE_EP", "99"), "--once", SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("GATE FAILED: tale-ep accuracy", "Report: ");
    }

    @Test
    void should_exit_3_when_the_endpoint_cannot_be_reached(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "openai",
                "TALE_LLM_BASE_URL", "http://127.0.0.1:9/v1", "TALE_LLM_RETRY_ATTEMPTS", "1"), "--once", SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("STOPPED, did not complete: endpoint down", "evaluations not attempted",
                "Exit code 3");
    }

    @Test
    void should_exit_4_when_the_endpoint_refuses_the_key(@TempDir Path out) throws Exception {
        try (Stub endpoint = Stub.answering(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}")) {
            Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "openai",
                    "TALE_LLM_BASE_URL", endpoint.baseUrl(), "OPENAI_API_KEY", "sk-wrong"), "--once", SAMPLE);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
            assertThat(run.output()).contains("key refused: the endpoint answered HTTP 401", "OPENAI_API_KEY")
                    .doesNotContain("sk-wrong");
            assertThat(endpoint.requests()).isLessThanOrEqualTo(3 + 8 - 1);
        }
    }

    @Test
    void should_exit_4_when_azure_refuses_the_key_read_from_azure_openai_api_key(@TempDir Path out) throws Exception {
        try (Stub azure = Stub.answering(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to "
                + "invalid subscription key or wrong API endpoint.\"}}")) {
            // given: the environment of a machine with both keys, and the Azure settings as environment variables
            Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "azure",
                    "TALE_LLM_BASE_URL", azure.rootUrl(), "TALE_LLM_AZURE_DEPLOYMENT", "prod-4o",
                    "TALE_LLM_AZURE_API_VERSION", "2024-10-21", "AZURE_OPENAI_API_KEY", "azure-wrong-key",
                    "OPENAI_API_KEY", "sk-not-for-azure"), "--once", SAMPLE);

            // then: Azure's key went to the deployment's path in api-key, OpenAI's nowhere, and the stop names Azure's
            assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
            assertThat(run.output()).contains("key refused: the endpoint answered HTTP 401",
                    "tale.llm.api-key (TALE_LLM_API_KEY) or AZURE_OPENAI_API_KEY", "azure, deployment prod-4o")
                    .doesNotContain("azure-wrong-key", "sk-not-for-azure");
            assertThat(azure.requestsMade()).isNotEmpty().allSatisfy(request -> {
                assertThat(request.getUrl()).isEqualTo("/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21");
                assertThat(request.getHeader("api-key")).isEqualTo("azure-wrong-key");
                assertThat(request.containsHeader("Authorization")).isFalse();
            });
        }
    }

    @Test
    void should_exit_2_in_one_line_when_the_azure_deployment_is_missing(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "azure",
                "TALE_LLM_BASE_URL", "https://res.openai.azure.com", "TALE_LLM_AZURE_API_VERSION", "2024-10-21"),
                "--once", SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output().lines().filter(line -> line.contains("tale.llm.azure.deployment")).toList())
                .singleElement().satisfies(line -> assertThat(line).contains("TALE_LLM_AZURE_DEPLOYMENT", "is not set"));
        assertThat(run.output()).doesNotContain("Exception", "route");
    }

    @Test
    void should_exit_7_when_the_model_refuses_a_parameter_the_table_says_it_takes(@TempDir Path out) throws Exception {
        // given: the simulator imitating gpt-5-mini, which refuses a temperature; a table that claims it takes one
        Path table = Files.writeString(out.resolve("models.csv"), Files.readString(Path.of("config/models.csv"))
                .replace("gpt-5*,max_completion_tokens,no,yes", "gpt-5*,max_completion_tokens,yes,yes"));

        Finished refused = run(Map.of("TALE_OUTPUT", out.resolve("refused").toString(), "TALE_LLM_MODEL", "gpt-5-mini",
                "TALE_LLM_MODELS_TABLE", table.toString()), "--once", SAMPLE);
        Finished shipped = run(Map.of("TALE_OUTPUT", out.resolve("shipped").toString(), "TALE_LLM_MODEL", "gpt-5-mini",
                "TALE_LLM_REASONING_EFFORT", "low"), "--once", SAMPLE);

        // then: stopped at once, naming the row; with the shipped table the same model's run completes
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(7);
        assertThat(refused.output()).contains("STOPPED, did not complete: parameter refused: the model gpt-5-mini"
                + " refused temperature", "to temperature=no", "Exit code 7");
        assertThat(shipped.exitCode()).as(shipped.output()).isEqualTo(0);
        assertThat(shipped.output()).contains("model gpt-5-mini: no temperature (the model takes none), no"
                + " max_completion_tokens, reasoning_effort low");
    }

    @Test
    void should_exit_5_when_the_spend_cap_stops_the_run(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_RUN_MAX_OUTPUT_TOKENS", "1500"), "--once", SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("STOPPED, did not complete: spend cap, tale.run.max-output-tokens=1500");
    }

    @Test
    void should_exit_6_when_no_call_gets_an_answer(@TempDir Path out) throws Exception {
        try (Stub endpoint = Stub.answering(404, "{\"error\":{\"message\":\"The model does not exist\"}}")) {
            Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "openai",
                    "TALE_LLM_BASE_URL", endpoint.baseUrl()), "--once", SAMPLE);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(6);
            assertThat(run.output()).contains("no answers: every call failed", "HTTP 404: The model does not exist",
                    "accuracy     –");
        }
    }

    @Test
    void should_run_the_same_through_the_launcher_with_its_jvm_settings(@TempDir Path out) throws Exception {
        // given: a jar of its own, with no class archive beside it yet
        Path jar = Files.createDirectories(out.resolve("build")).resolve("tale-camel.jar");
        Files.copy(Path.of("target/tale-camel.jar"), jar);
        Map<String, String> env = Map.of("TALE_OUTPUT", out.toString(), "TALE_GATES_MIN_ACCURACY", "50",
                "JAVA_HOME", System.getProperty("java.home"), "TALE_JAR", jar.toString());

        // when: run twice, the second time from the class archive the first left beside the jar
        Finished first = run(List.of("bin/tale-camel", "--once", SAMPLE), env);
        Path archive = out.resolve("build/tale-camel.jsa");
        boolean archived = Files.isRegularFile(archive);
        Finished second = run(List.of("bin/tale-camel", "--once", SAMPLE), env);

        // then: both read the whole file, and the JVM's notes about the archive stay out of the output
        assertThat(archived).as("class archive after the first run").isTrue();
        for (Finished run : List.of(first, second)) {
            assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
            assertThat(run.output()).contains("completed", "28 problems read, 0 rejected", "gate passed", "Report: ")
                    .doesNotContain("[warning]", "[cds");
        }
    }

    @Test
    void should_read_a_file_named_on_the_command_line_again_in_the_next_run(@TempDir Path out) throws Exception {
        // given: last night's run of the same file, into the same output folder
        Finished lastNight = run(Map.of("TALE_OUTPUT", out.toString()), "--once", SAMPLE);

        // when
        Finished tonight = run(Map.of("TALE_OUTPUT", out.toString()), "--once", SAMPLE);

        // then: the file is read again (only the watched inbox remembers files it read)
        assertThat(lastNight.exitCode()).as(lastNight.output()).isEqualTo(0);
        assertThat(tonight.exitCode()).as(tonight.output()).isEqualTo(0);
        assertThat(tonight.output()).contains("completed", "28 problems read, 0 rejected").doesNotContain("already read");
    }

    @Test
    void should_exit_2_for_a_suite_that_does_not_exist(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString()), "--once", "--suite", "no-such-suite");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("no suite 'no-such-suite'");
    }

    @Test
    void should_run_a_suite_with_its_own_methods_and_judge_its_drop_gate_from_the_second_run_on(@TempDir Path out)
            throws Exception {
        // given: no run of the suite before, so its accuracy-drop gate has nothing to measure against
        Finished first = run(Map.of("TALE_OUTPUT", out.toString()), "--once", "--suite", "samples");

        // when
        Finished second = run(Map.of("TALE_OUTPUT", out.toString()), "--once", "--suite", "samples");

        // then: the first run fails that gate as not measured, as any gate that cannot be measured; the second passes it
        assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
        assertThat(first.output()).contains("(suite samples)", "cod ", "gate passed: tale-ep accuracy",
                "GATE FAILED: max-accuracy-drop.cot not measured: no previous completed run over the same inputs");
        assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
        assertThat(second.output()).contains("gate passed: cot accuracy drop against the previous run");
    }

    @ParameterizedTest
    @CsvSource({
            "TALE_GATES_MIN_ACCURACY, 0.9, 'TALE_GATES_MIN_ACCURACY=0.9 is ambiguous: gates are in percent (90 means 90%),"
                    + " so write 90 for 90%, or 0.9% if you really mean under one percent'",
            "TALE_GATES_MIN_ACCURACY_TALE_E, 90, 'TALE_GATES_MIN_ACCURACY_TALE_E=90: TALE_E is not a method of this run"
                    + " (its methods: cot as COT, tale-ep as TALE_EP)'"})
    void should_exit_2_before_the_run_for_a_gate_that_cannot_be_meant(String name, String value, String message,
                                                                      @TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), name, value), "--once", SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output().lines().filter(line -> line.contains(name)))
                .containsExactly("tale-camel could not run: " + message);
        assertThat(run.output()).doesNotContain("Exception", "\tat ", "Report: ");
    }

    @Test
    void should_not_start_the_service_when_a_nightly_suite_has_a_gate_for_a_method_it_does_not_run(@TempDir Path dir)
            throws Exception {
        // given: a project folder whose one suite sets a gate for tale-ep, which it does not run
        copy(Path.of("config/application.properties"), dir);
        copy(Path.of("routes"), dir);
        Files.writeString(Files.createDirectories(dir.resolve("config/suites")).resolve("nightly.properties"), """
                suite.files = data-in/samples/gsm8k-style.jsonl
                tale.methods = cot,cod
                tale.gates.min-accuracy.tale-ep = 70
                """);

        // when the service starts
        Finished run = run(dir, Map.of("TALE_HTTP_PORT", "0"));

        // then it refuses to, now rather than when the schedule fires
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("ERROR [main] NightlySteps - Nightly suite nightly cannot run:"
                + " config/suites/nightly.properties: tale.gates.min-accuracy.tale-ep=70: tale-ep is not a method of"
                + " this run (its methods: cot, cod)").doesNotContain("Exception", "\tat ");
    }

    @Test
    void should_exit_2_without_starting_when_the_api_would_listen_beyond_loopback_without_a_token(@TempDir Path out)
            throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_INBOX", out.resolve("inbox").toString(),
                "TALE_HTTP_HOST", "0.0.0.0", "TALE_HTTP_PORT", "0"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("the HTTP API would listen on 0.0.0.0 (tale.http.host)",
                "set tale.http.token");
    }

    @Test
    void should_judge_the_address_the_server_binds_however_it_was_set(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_INBOX", out.resolve("inbox").toString(),
                "CAMEL_SERVER_HOST", "0.0.0.0", "TALE_HTTP_PORT", "0"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("the HTTP API would listen on 0.0.0.0");
    }

    @Test
    void should_name_the_inbox_folder_when_it_is_empty(@TempDir Path out) throws Exception {
        // given
        Path inbox = Files.createDirectories(out.resolve("inbox"));

        // when
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_INBOX", inbox.toString()), "--once");

        // then
        assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
        assertThat(run.output()).contains("The inbox " + inbox.toAbsolutePath() + " is empty: nothing to evaluate");
    }

    @Test
    void should_warn_once_that_a_base_url_is_ignored_while_the_provider_is_the_simulator(@TempDir Path out)
            throws Exception {
        // when: a real endpoint's URL is set, but not the provider that would use it
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(),
                "TALE_LLM_BASE_URL", "http://someone:s3cret@127.0.0.1:11434/v1"), "--once", SAMPLE);

        // then: the run goes on with the simulator, and one warning says how to use the URL instead
        assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
        assertThat(run.output().lines().filter(line -> line.contains("tale.llm.base-url")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("WARN", "http://127.0.0.1:11434/v1", "is ignored",
                        "tale.llm.provider=simulator", "TALE_LLM_PROVIDER=openai"));
        assertThat(run.output()).doesNotContain("s3cret");
    }

    @Test
    void should_refuse_a_base_url_that_is_not_http_in_one_line_without_its_credentials(@TempDir Path out)
            throws Exception {
        // when
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "openai",
                "TALE_LLM_BASE_URL", "ftp://bob:s3cret@llm.example.com/v1"), "--once", SAMPLE);

        // then: a configuration error naming the key and the value, not a dump of Camel's routes
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output().lines().filter(line -> line.contains("tale.llm.base-url")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("ftp://llm.example.com/v1", "http:// or https://"));
        assertThat(run.output()).doesNotContain("s3cret", "bob", "route", "Exception");
    }

    @Test
    void should_say_in_one_line_to_run_from_the_project_folder_when_started_elsewhere(@TempDir Path elsewhere)
            throws Exception {
        // given: the project's configuration, named from another working folder
        Path project = Path.of("").toAbsolutePath();
        Path workingFolder = elsewhere.toRealPath();
        List<String> command = List.of(java(), "-jar", JAR.toAbsolutePath().toString(), "--once",
                project.resolve(SAMPLE).toString());

        // when
        Finished run = run(command, Map.of("TALE_CONFIG", project.resolve("config/application.properties").toString()),
                workingFolder);

        // then: one line saying where routes/ was looked for and where to run from; nothing left behind
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output().strip()).doesNotContain("\n", "Exception")
                .contains("routes/ not found in " + workingFolder, "run tale-camel from the project folder",
                        "cd " + project);
        try (var left = Files.list(workingFolder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void should_remove_its_staging_copies_when_the_run_ends_however_it_ends(@TempDir Path out) throws Exception {
        // given
        Map<String, String> env = Map.of("TALE_OUTPUT", out.toString());

        // when: a run that completes, one that cannot reach its endpoint, and one that cannot start
        Finished completed = run(env, "--once", SAMPLE);
        Finished unreachable = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "openai",
                "TALE_LLM_BASE_URL", "http://127.0.0.1:9/v1", "TALE_LLM_RETRY_ATTEMPTS", "1"), "--once", SAMPLE);
        Finished refused = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "no-such-provider"),
                "--once", SAMPLE);

        // then: each ended as it should, and none left its copy of the file behind
        assertThat(completed.exitCode()).as(completed.output()).isEqualTo(0);
        assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(3);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        try (var staged = Files.walk(out.resolve("staging"))) {
            assertThat(staged.filter(Files::isRegularFile)).isEmpty();
        }
        try (var folders = Files.list(out.resolve("staging"))) {
            assertThat(folders).isEmpty();
        }
    }

    @Test
    void should_name_this_run_in_latest_whether_it_completed_or_stopped_and_none_when_no_run_started(@TempDir Path out)
            throws Exception {
        Path latest = out.resolve("runs/latest");

        // a run that completes, then one that stops: latest names each, so a pipeline publishes its own run
        Finished completed = run(Map.of("TALE_OUTPUT", out.toString()), "--once", SAMPLE);
        String completedId = Files.readString(latest).strip();
        Finished stopped = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_RUN_MAX_OUTPUT_TOKENS", "500"),
                "--once", SAMPLE);
        String stoppedId = Files.readString(latest).strip();

        // a run that cannot start (a gate that cannot be meant) leaves none: never the run before it
        Finished refused = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_GATES_MIN_ACCURACY", "0.9"), "--once", SAMPLE);

        assertThat(completed.exitCode()).as(completed.output()).isZero();
        assertThat(completed.output()).contains("Run " + completedId + " ");
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(5);
        assertThat(stoppedId).isNotEqualTo(completedId);
        assertThat(out.resolve("runs").resolve(stoppedId).resolve("junit.xml")).content()
                .contains("RunStopped", "the run did not complete: stopped: spend cap");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(latest).doesNotExist();
    }

    private record Finished(int exitCode, String output) {
    }

    /** A WireMock endpoint on loopback that answers every request with the same status and body. */
    private static final class Stub implements AutoCloseable {
        private final com.github.tomakehurst.wiremock.WireMockServer server;

        private Stub(int status, String body) {
            server = new com.github.tomakehurst.wiremock.WireMockServer(
                    com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                            .bindAddress("127.0.0.1").dynamicPort());
            server.start();
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(status)
                            .withHeader("Content-Type", "application/json").withBody(body)));
        }

        static Stub answering(int status, String body) {
            return new Stub(status, body);
        }

        String baseUrl() {
            return server.baseUrl() + "/v1";
        }

        /** The server without a path, as an Azure OpenAI resource endpoint. */
        String rootUrl() {
            return server.baseUrl();
        }

        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requestsMade() {
            return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        }

        int requests() {
            return server.getAllServeEvents().size();
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    private static Finished run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(Path.of(""), env, args);
    }

    /** The jar run from {@code dir}, as from another project folder. */
    private static Finished run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return run(command, env, dir);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Finished run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return run(command, env, Path.of(""));
    }

    private static Finished run(List<String> command, Map<String, String> env, Path workingFolder)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(workingFolder.toAbsolutePath().toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TALE_") || key.startsWith("CAMEL_")
                || key.equals("OPENAI_API_KEY") || key.equals("AZURE_OPENAI_API_KEY"));
        builder.environment().putAll(env);
        Path log = Files.createTempFile("tale-camel-it", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tale-camel did not exit within 180 s:\n" + Files.readString(log));
        }
        return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Copies a file or a folder into {@code dir} under the same relative path. */
    private static void copy(Path source, Path dir) throws IOException {
        try (var paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path target = dir.resolve(path.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target);
                }
            }
        }
    }
}
