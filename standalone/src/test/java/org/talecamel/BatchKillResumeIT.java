package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.llm.ModelTable;
import org.talecamel.llm.SimulatorSettings;
import org.talecamel.llm.simulator.SimulatedLlmServer;

/**
 * The real jar in batch mode, killed with {@code kill -9} while its batch is {@code in_progress} at the provider, then
 * started again: the second start polls the same batch, uploads no file and creates no batch, and finishes the run
 * with every problem once. The endpoint's own counts are the witness.
 */
class BatchKillResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROBLEMS = 30;

    private SimulatedLlmServer endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void should_collect_the_batch_a_killed_run_sent_without_sending_it_again(@TempDir Path root) throws Exception {
        // given: a Batch API whose batches take 8 s, and a service in batch mode with a file of 30 problems
        Map<String, String> env = batchMode(root);
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path file = problems(root);
        Process service = JarProcess.start(env, root.resolve("first.log"));
        Files.move(file, inbox.resolve("sums.jsonl"), StandardCopyOption.ATOMIC_MOVE);

        // when: killed once its batch is in_progress, then started again to finish what is there
        JsonNode pending = awaitInProgress(root.resolve("out"), service, root.resolve("first.log"));
        JarProcess.kill9(service);
        assertThat(endpoint.batches().uploads()).isEqualTo(1);
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
        Process again = JarProcess.start(env, root.resolve("second.log"), "--once");
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(root.resolve("second.log"), StandardCharsets.UTF_8);
        assertThat(again.exitValue()).as(log).isZero();

        // then: nothing was uploaded or created again, and nothing went one by one
        assertNothingSentAgain();
        // and the one run is finished, every problem once, answered by the batch the killed process created
        Path run = onlyRun(root);
        List<CSVRecord> audit = InboxToReportTest.audit(run.resolve("audit.csv"));
        assertThat(audit).extracting(r -> r.get("problem_id")).hasSize(PROBLEMS).doesNotHaveDuplicates();
        assertThat(audit).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("ok");
            assertThat(row.get("error")).startsWith("answered in batch " + pending.get("batchId").asText());
        });
        JsonNode ended = JSON.readTree(run.resolve("batches/batch-1.json").toFile());
        assertThat(ended.get("status").asText()).isEqualTo("completed");
        assertThat(run.resolve("batches/batch-2.json")).doesNotExist();
        assertThat(log).contains("resuming it");
    }

    @Test
    void should_let_the_next_build_finish_a_once_run_cut_short_while_its_batch_was_pending(@TempDir Path root)
            throws Exception {
        // given: a build's `--once FILE` in batch mode, cut short (SIGTERM, as `timeout` or Jenkins' abort sends it)
        // once its batch is in progress
        Map<String, String> env = batchMode(root);
        String file = problems(root).toString();
        Process build = JarProcess.start(env, root.resolve("first.log"), "--once", file);
        JsonNode pending = awaitInProgress(root.resolve("out"), build, root.resolve("first.log"));
        build.destroy();
        assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).isEqualTo(143);
        assertThat(Files.readString(root.resolve("first.log"))).contains("run the same command again to finish it");

        // when: the next build runs the same command
        Process next = JarProcess.start(env, root.resolve("second.log"), "--once", file);
        assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(root.resolve("second.log"), StandardCharsets.UTF_8);

        // then: it finished that run with the batch the first build sent: nothing uploaded or created again
        assertThat(next.exitValue()).as(log).isZero();
        assertThat(log).contains("resuming it");
        assertNothingSentAgain();
        assertThat(InboxToReportTest.audit(onlyRun(root).resolve("audit.csv"))).hasSize(PROBLEMS).allSatisfy(row ->
                assertThat(row.get("error")).startsWith("answered in batch " + pending.get("batchId").asText()));
    }

    /** The endpoint got one file and one batch, the first process's, and no call one by one. */
    private void assertNothingSentAgain() {
        assertThat(endpoint.batches().uploads()).isEqualTo(1);
        assertThat(endpoint.batches().batchesCreated()).isEqualTo(1);
        assertThat(endpoint.chatCalls()).isZero();
    }

    /** The folder of the one run under {@code root/out}. */
    private static Path onlyRun(Path root) throws Exception {
        try (var folders = Files.list(root.resolve("out/runs"))) {
            List<Path> runs = folders.filter(Files::isDirectory).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }

    /** A Batch API whose batches take 8 s, and the settings of a process in batch mode that uses it. */
    private Map<String, String> batchMode(Path root) throws Exception {
        endpoint = SimulatedLlmServer.start(new SimulatorSettings("127.0.0.1", 0, 7, List.of(), "gpt-4o-mini", 0,
                ModelTable.classic(), 8000, "completed"));
        return Map.of("TALE_INBOX", root.resolve("inbox").toString(),
                "TALE_OUTPUT", root.resolve("out").toString(), "TALE_LLM_PROVIDER", "openai",
                "TALE_LLM_BASE_URL", endpoint.baseUrl(), "TALE_LLM_MODE", "batch", "TALE_METHODS", "cot",
                "TALE_BATCH_POLL_MS", "200", "TALE_BATCH_GATHER_MS", "300",
                "TALE_INBOX_POLL_MS", "200", "TALE_INBOX_QUIET_MS", "200");
    }

    /** A file of {@link #PROBLEMS} sums, outside the inbox. */
    private static Path problems(Path root) throws Exception {
        return Files.writeString(root.resolve("sums.jsonl"), IntStream.rangeClosed(1, PROBLEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is 1000 + " + i + "?\",\"answer\":\""
                        + (1000 + i) + "\"}").collect(Collectors.joining("\n")) + "\n");
    }

    /** The run's first batch record, once the provider says it is in progress. */
    private static JsonNode awaitInProgress(Path out, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && service.isAlive()) {
            if (Files.isDirectory(out.resolve("runs"))) {
                try (var records = Files.find(out.resolve("runs"), 3,
                        (path, attributes) -> path.getFileName().toString().equals("batch-1.json"))) {
                    for (Path record : records.toList()) {
                        JsonNode node = JSON.readTree(record.toFile());
                        if (node.path("status").asText().equals("in_progress")) {
                            return node;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        service.destroyForcibly();
        throw new AssertionError("no batch in progress:\n" + Files.readString(log));
    }
}
