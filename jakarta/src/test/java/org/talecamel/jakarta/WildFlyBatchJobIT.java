package org.talecamel.jakarta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The WAR in the reference server, WildFly 39 {@code standalone-full}, evaluations run as the Jakarta Batch job
 * {@code tale-evaluation} started, watched and restarted with the server's own CLI. One server for the whole class
 * (a boot takes 7 to 20 s): first on the built-in simulator, then against a counting endpoint, killed with
 * {@code kill -9} in the middle of a job and booted again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlyBatchJobIT {

    private static final Path TARGET = Path.of("jakarta/target");
    private static final Pattern QUESTION = Pattern.compile("Ann has (\\d+) marbles");
    private static final int PROBLEMS = 60;
    private static final int CONCURRENCY = 4;
    private static final String TOKEN = "it-token-0123456789abcdef0123456789";

    private static WildFly server;
    private static Path home;
    private static WireMockServer endpoint;

    @BeforeAll
    static void boot_the_server_with_the_war() throws Exception {
        home = TARGET.resolve("it-home").toAbsolutePath();
        WildFly.deleteTree(home);
        Files.deleteIfExists(TARGET.resolve("it-server.log"));
        server = WildFly.prepare(Path.of(System.getProperty("wildfly.home")), Path.of(System.getProperty("tale.war")),
                TARGET.resolve("it-server").toAbsolutePath());
        server.start(Map.of("tale.home", home.toString()));
    }

    @AfterAll
    static void stop_everything() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    @Test
    @Order(1)
    void should_run_the_job_on_the_simulator_and_complete_passed_with_the_run_written() throws Exception {
        // given the WAR deployed: it gave the empty tale home the project's configuration, routes and samples
        assertThat(home.resolve("config/application.properties")).exists();
        assertThat(home.resolve("routes/batch.camel.yaml")).exists();

        // when the job runs two sample files, its files copied to a workspace
        long execution = server.startJob("files=\"data-in/samples/gsm8k-style.jsonl,data-in/samples/gsm8k-style.csv\","
                + " methods=\"cot,tale-ep\", outputDir=workspace");
        Map<String, String> ended = server.awaitEnd(execution, Duration.ofMinutes(3));

        // then it completed, passed (no gate is set), and the run is written as an inbox run's is
        assertThat(ended).as(ended.toString()).containsEntry("batch-status", "COMPLETED")
                .containsEntry("exit-status", "PASSED");
        Path run = onlyRunIn(home.resolve("data-out/runs"), Set.of());
        assertThat(run.resolve("report.md")).content().contains("SIMULATED").contains("tale-ep");
        List<CSVRecord> audit = audit(run.resolve("audit.csv"));
        Matcher problems = Pattern.compile("^  \"problems\" : (\\d+)", Pattern.MULTILINE)
                .matcher(Files.readString(run.resolve("summary.json")));
        assertThat(problems.find()).isTrue();
        List<CSVRecord> answers = audit.stream().filter(r -> r.get("phase").equals("answer")).toList();
        assertThat(answers.stream().map(r -> r.get("source_file")).distinct())
                .containsExactlyInAnyOrder("gsm8k-style.jsonl", "gsm8k-style.csv");
        assertThat(answers).as("an answer per problem and method").hasSize(2 * Integer.parseInt(problems.group(1)));
        assertThat(run.resolve("junit.xml")).content().contains("<testsuite name=\"batch.gsm8k-style.cot\"");
        assertThat(home.resolve("workspace/junit.xml")).hasSameTextualContentAs(run.resolve("junit.xml"));
        assertThat(home.resolve("workspace/audit.csv")).exists();
    }

    @Test
    @Order(2)
    void should_end_completed_with_gate_failed_when_a_quality_gate_fails() throws Exception {
        // given a suite whose gate no run can pass
        Files.writeString(home.resolve("config/suites/strict.properties"), """
                suite.files = data-in/samples/gsm8k-zero-style.jsonl
                tale.methods = cot
                tale.gates.max-mean-output-tokens.cot = 1
                """);
        Set<Path> before = runs(home.resolve("data-out/runs"));

        // when
        long execution = server.startJob("suite=strict");
        Map<String, String> ended = server.awaitEnd(execution, Duration.ofMinutes(3));

        // then the run completed, and the job says its gate failed
        assertThat(ended).as(ended.toString()).containsEntry("batch-status", "COMPLETED")
                .containsEntry("exit-status", "GATE_FAILED");
        Path run = onlyRunIn(home.resolve("data-out/runs"), before);
        assertThat(run.resolve("junit.xml")).content().contains("max-mean-output-tokens.cot").contains("<failure");
    }

    @Test
    @Order(3)
    void should_end_failed_with_the_reason_for_an_unknown_suite() throws Exception {
        long execution = server.startJob("suite=nosuch");
        Map<String, String> ended = server.awaitEnd(execution, Duration.ofMinutes(1));

        assertThat(ended).as(ended.toString()).containsEntry("batch-status", "FAILED")
                .containsEntry("exit-status", "FAILED");
        assertThat(Files.readString(server.log())).contains("the run did not complete").contains("nosuch");
    }

    @Test
    @Order(4)
    void should_finish_the_run_of_a_job_killed_with_the_server_without_asking_an_answered_problem_again()
            throws Exception {
        // given the server booted against an endpoint that answers in 200 ms, CONCURRENCY calls at a time
        endpoint = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        endpoint.start();
        endpoint.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"counted\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"The answer is [[9]]\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":6,"
                        + "\"total_tokens\":46}}")));
        Map<String, String> counted = Map.of("tale.home", home.toString(), "tale.llm.provider", "openai",
                "tale.llm.base-url", endpoint.baseUrl() + "/v1", "tale.llm.api-key", "sk-it-not-a-secret",
                "tale.llm.model", "counted", "tale.concurrency", String.valueOf(CONCURRENCY), "tale.http.token", TOKEN);
        server.stop();
        server.start(counted);
        Path problems = home.resolve("data-in/marbles.jsonl");
        Files.writeString(problems, IntStream.rangeClosed(1, PROBLEMS).mapToObj(n -> "{\"id\":\"p" + n
                + "\",\"question\":\"Ann has " + n + " marbles and finds 9 more. How many marbles has she now?\","
                + "\"answer\":\"#### " + (n + 9) + "\"}").collect(Collectors.joining("\n", "", "\n")));
        Set<Path> before = runs(home.resolve("data-out/runs"));

        // when the server is killed once 20 answers have gone out, booted again, and the execution restarted
        long execution = server.startJob("files=data-in/marbles.jsonl, methods=cot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (endpoint.getAllServeEvents().size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        server.kill9();
        Path run = onlyRunIn(home.resolve("data-out/runs"), before);
        assertThat(run.resolve("summary.json")).as("a killed run is not finished").doesNotExist();
        server.start(counted);
        assertThat(server.execution(execution)).as("the crashed execution, kept in the job repository")
                .containsEntry("batch-status", "STARTED");
        long restarted = server.restartJob(execution);
        Map<String, String> ended = server.awaitEnd(restarted, Duration.ofMinutes(3));

        // then the restart completed the same run: every problem in it once
        assertThat(ended).as(ended.toString()).containsEntry("batch-status", "COMPLETED")
                .containsEntry("exit-status", "PASSED");
        assertThat(onlyRunIn(home.resolve("data-out/runs"), before)).isEqualTo(run);
        assertThat(run.resolve("report.md")).content().contains("resumed after the process stopped");
        List<String> answered = audit(run.resolve("audit.csv")).stream()
                .filter(r -> r.get("phase").equals("answer") && !r.get("outcome").equals("retry"))
                .map(r -> r.get("problem_id")).toList();
        assertThat(answered).hasSize(PROBLEMS).doesNotHaveDuplicates();

        // and, by the endpoint's count, no problem answered before the kill was asked again: only the calls in
        // flight at the kill were (their answers never arrived)
        Set<String> answeredBeforeKill = audit(run.resolve("audit.interrupted.csv")).stream()
                .filter(r -> r.get("outcome").equals("ok")).map(r -> r.get("problem_id")).collect(Collectors.toSet());
        assertThat(answeredBeforeKill).hasSizeGreaterThanOrEqualTo(20 - CONCURRENCY);
        Map<String, Long> asked = endpoint.getAllServeEvents().stream().map(WildFlyBatchJobIT::problemAsked)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(asked).hasSize(PROBLEMS);
        assertThat(answeredBeforeKill).allSatisfy(id -> assertThat(asked.get(id)).as(id).isEqualTo(1L));
        assertThat(asked.values().stream().filter(n -> n > 1).count()).isLessThanOrEqualTo(CONCURRENCY);
        assertThat(Files.readString(server.log())).doesNotContain("sk-it-not-a-secret").doesNotContain(TOKEN);
    }

    @Test
    @Order(5)
    void should_leave_a_stopped_job_resumable_and_finish_its_run_on_restart() throws Exception {
        // given a job of 150 problems against the counting endpoint (the server as the kill test left it): about 8 s,
        // long enough for the CLI (a JVM of its own) to stop it in its middle
        Path problems = home.resolve("data-in/pebbles.jsonl");
        Files.writeString(problems, IntStream.rangeClosed(1, 150).mapToObj(n -> "{\"id\":\"s" + n
                + "\",\"question\":\"Ann has " + (1000 + n) + " marbles and finds 9 more. How many marbles has she?\","
                + "\"answer\":\"#### " + (1009 + n) + "\"}").collect(Collectors.joining("\n", "", "\n")));
        Set<Path> before = runs(home.resolve("data-out/runs"));
        int askedBefore = endpoint.getAllServeEvents().size();

        // when it is stopped with the server's stop-job once some answers have gone out
        long execution = server.startJob("files=data-in/pebbles.jsonl, methods=cot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (endpoint.getAllServeEvents().size() < askedBefore + 8 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        server.stopJob(execution);
        Map<String, String> stopped = server.awaitEnd(execution, Duration.ofMinutes(1));

        // then it ends STOPPED, its run unfinished; and restarted, the same run completes without asking again
        assertThat(stopped).as(stopped.toString()).containsEntry("batch-status", "STOPPED");
        Path run = onlyRunIn(home.resolve("data-out/runs"), before);
        assertThat(run.resolve("summary.json")).doesNotExist();
        Map<String, String> ended = server.awaitEnd(server.restartJob(execution), Duration.ofMinutes(2));
        assertThat(ended).as(ended.toString()).containsEntry("batch-status", "COMPLETED")
                .containsEntry("exit-status", "PASSED");
        assertThat(onlyRunIn(home.resolve("data-out/runs"), before)).isEqualTo(run);
        Map<String, Long> asked = endpoint.getAllServeEvents().stream().map(WildFlyBatchJobIT::problemAsked)
                .filter(id -> Integer.parseInt(id.substring(1)) > 1000)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        // the calls in flight at the stop finished before it ended: no problem at all was asked twice
        assertThat(asked).hasSize(150).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1L));
    }

    @Test
    @Order(6)
    void should_serve_the_api_with_its_token_and_the_dashboard_under_the_context_root() throws Exception {
        // given the server booted with a token (tale.http.token), as the kill test booted it
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpRequest.Builder> get = path ->
                java.net.http.HttpRequest.newBuilder(server.http(path));

        // when the API is asked without the token, with a wrong one and with it
        var none = http.send(get.apply("/api/runs").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        var wrong = http.send(get.apply("/api/runs").header("Authorization", "Bearer nope").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var allowed = http.send(get.apply("/api/runs").header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        // then it is refused in the API's JSON, then it lists every run of this home, the batch jobs' included
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"error\"").contains("bearer token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).contains("\"status\":\"finished\"").contains("\"suite\":\"strict\"");
        for (Path run : runs(home.resolve("data-out/runs"))) {
            assertThat(allowed.body()).contains("\"id\":\"" + run.getFileName() + "\"");
        }
        // and the dashboard's page and files are served under the WAR's context root, without the token
        var page = http.send(get.apply("/").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"dashboard/dashboard.js\"");
        var script = http.send(get.apply("/dashboard/dashboard.js").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void should_stop_camel_cleanly_when_the_war_is_undeployed() throws Exception {
        long logged = Files.size(server.log());

        server.cli("undeploy " + WildFly.DEPLOYMENT);

        String log = Files.readString(server.log()).substring((int) logged);
        assertThat(log).containsPattern("Apache Camel \\S+ \\(tale-camel\\) shutdown in")
                .contains("WFLYSRV0028: Stopped deployment " + WildFly.DEPLOYMENT)
                .doesNotContain("ERROR");
    }

    private static String problemAsked(ServeEvent event) {
        Matcher question = QUESTION.matcher(event.getRequest().getBodyAsString());
        assertThat(question.find()).as(event.getRequest().getBodyAsString()).isTrue();
        return "p" + question.group(1);
    }

    private static Set<Path> runs(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches("\\d{8}-.*"))
                    .collect(Collectors.toSet());
        }
    }

    private static Path onlyRunIn(Path folder, Set<Path> before) throws Exception {
        Set<Path> now = new java.util.HashSet<>(runs(folder));
        now.removeAll(before);
        assertThat(now).as("new runs in " + folder).hasSize(1);
        return now.iterator().next();
    }

    private static List<CSVRecord> audit(Path csv) throws Exception {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
