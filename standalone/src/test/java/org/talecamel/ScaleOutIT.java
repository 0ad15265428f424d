package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.broker.EmbeddedBroker;

/**
 * The real jar as a coordinator and three workers, over a real Artemis broker (persistent, on loopback), with 1,319
 * problems and an endpoint that takes 100 ms a call. One worker is killed with {@code kill -9} in the middle of the
 * run: the broker gives its calls to the others, and the run completes as if nothing happened. The endpoint's own
 * request log and the broker's counters are the witnesses.
 */
class ScaleOutIT {

    private static final int PROBLEMS = 1319;
    private static final int CONCURRENCY = 8;
    private static final Pattern QUESTION = Pattern.compile("What is 1000 \\+ (\\d+)\\?");

    @RegisterExtension
    final WireMockExtension endpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(64)).build();

    @Test
    void should_complete_a_run_over_three_workers_when_one_is_killed_mid_run(@TempDir Path root) throws Exception {
        // given: a broker, an endpoint answering in 100 ms, three workers and 1,319 problems
        endpoint.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(Completions.answering("The answer is [[1001]]").withFixedDelay(100)));
        List<Process> workers = new ArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(root.resolve("broker"), 10)) {
            for (int i = 1; i <= 3; i++) {
                Path log = root.resolve("worker" + i + ".log");
                workers.add(JarProcess.start(settings(root, broker, "worker" + i), log, "--worker"));
                waitForLine(log, "Worker ", workers.get(i - 1));
            }
            Path problems = problems(root);

            // when: the coordinator runs them, and worker 1 is killed once 400 calls have reached the endpoint
            Path log = root.resolve("coordinator.log");
            Process coordinator = JarProcess.start(settings(root, broker, "coordinator"), log, "--once", problems.toString());
            waitForRequests(400, coordinator, log);
            JarProcess.kill9(workers.get(0));
            assertThat(coordinator.waitFor(300, TimeUnit.SECONDS)).as("the run ended").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);

            // then: it completed (exit 0), every problem in its report exactly once
            assertThat(coordinator.exitValue()).as(output).isZero();
            Path run = onlyRun(root.resolve("coordinator-out"));
            List<CSVRecord> audit = InboxToReportTest.audit(run.resolve("audit.csv"));
            assertThat(audit).allSatisfy(r -> assertThat(r.get("outcome")).as(r.get("error")).isEqualTo("ok"));
            assertThat(audit.stream().map(r -> r.get("problem_id")).toList())
                    .hasSize(PROBLEMS).doesNotHaveDuplicates();
            assertThat(Files.readString(run.resolve("summary.json"))).contains("\"problems\" : " + PROBLEMS);
            // the endpoint saw every problem, and again at most the calls the killed worker had in flight
            Map<String, Long> asked = endpoint.getAllServeEvents().stream().map(e -> problemAsked(e.getRequest()
                    .getBodyAsString())).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(asked).hasSize(PROBLEMS);
            System.out.printf("ScaleOutIT: %d problems, %d requests at the endpoint, %d asked twice%n", PROBLEMS,
                    endpoint.getAllServeEvents().size(), asked.values().stream().filter(n -> n > 1).count());
            assertThat(endpoint.getAllServeEvents()).hasSizeLessThanOrEqualTo(PROBLEMS + CONCURRENCY);
            // nothing dead-lettered; every call went through the broker once, answered by the workers left
            assertThat(broker.added("DLQ")).isZero();
            assertThat(broker.added("tale.calls")).isEqualTo(PROBLEMS);
            assertThat(Files.readString(root.resolve("worker2.log")) + Files.readString(root.resolve("worker3.log")))
                    .as("the killed worker's calls were delivered again to the others").contains("delivered again");
        } finally {
            workers.forEach(Process::destroyForcibly);
        }
    }

    /** The jar's settings for one process: its own output folder, the broker, the endpoint, cot only. */
    private Map<String, String> settings(Path root, EmbeddedBroker broker, String name) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TALE_INBOX", root.resolve(name + "-inbox").toString(),
                "TALE_OUTPUT", root.resolve(name + "-out").toString(), "TALE_BROKER_URL", broker.url(),
                "TALE_LLM_PROVIDER", "openai", "TALE_LLM_BASE_URL", endpoint.baseUrl() + "/v1",
                "TALE_METHODS", "cot", "TALE_CONCURRENCY", String.valueOf(CONCURRENCY)));
        // each worker serves its health and metrics on a port of its own
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            env.put("TALE_HTTP_PORT", String.valueOf(socket.getLocalPort()));
        }
        return env;
    }

    private static Path problems(Path root) throws Exception {
        Path file = root.resolve("sums.jsonl");
        Files.writeString(file, IntStream.rangeClosed(1, PROBLEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is 1000 + " + i + "?\",\"answer\":\"1001\"}")
                .collect(Collectors.joining("\n")) + "\n");
        return file;
    }

    private static Path onlyRun(Path out) throws Exception {
        try (var folders = Files.list(out.resolve("runs"))) {
            List<Path> runs = folders.filter(Files::isDirectory).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }

    private static String problemAsked(String body) {
        Matcher question = QUESTION.matcher(body);
        assertThat(question.find()).isTrue();
        return "p" + question.group(1);
    }

    private void waitForRequests(int count, Process coordinator, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (endpoint.getAllServeEvents().size() < count) {
            if (!coordinator.isAlive() || System.nanoTime() > deadline) {
                coordinator.destroyForcibly();
                throw new AssertionError("no " + count + " requests arrived:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    private static void waitForLine(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(log) || !Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the worker did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }
}
