package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/tale-camel.jar --job tale-evaluation ...}: the WAR's batch job (the same job XML and
 * batchlet, from the core) on JBeret SE, in its own process, against the built-in simulator.
 */
class JobCommandIT {

    private static final Path JAR = Path.of("target/tale-camel.jar");
    private static final String SAMPLE = "data-in/samples/gsm8k-style.jsonl";
    private static final Pattern RUN = Pattern.compile("Run (\\S+): (\\S+)/report\\.md");

    @Test
    void should_run_the_sample_suite_as_a_batch_job_gate_failed_first_then_passed(@TempDir Path out) throws Exception {
        // the suite's accuracy-drop gates have nothing to compare with in the first run, and fail as not measured
        Finished first = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluation", "suite=samples");
        Finished second = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluation", "suite=samples",
                "outputDir=" + out.resolve("workspace"));

        assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
        assertThat(first.output()).contains("Job tale-evaluation execution 1: COMPLETED, exit status GATE_FAILED");
        assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
        assertThat(second.output()).contains("Job tale-evaluation execution 1: COMPLETED, exit status PASSED",
                "(suite samples) completed").doesNotContain("Exception");
        Path folder = runFolder(second);
        assertThat(folder).startsWith(out.resolve("runs"));
        assertThat(folder.resolve("report.md")).isRegularFile();
        assertThat(folder.resolve("audit.csv")).isRegularFile();
        assertThat(folder.resolve("junit.xml")).content().contains("<testsuite name=\"samples.");
        assertThat(out.resolve("workspace")).isDirectoryContaining("glob:**/junit.xml")
                .isDirectoryContaining("glob:**/audit.csv");
    }

    @Test
    void should_exit_2_naming_a_bad_parameter_or_job_before_anything_starts(@TempDir Path out) throws Exception {
        Finished badParameter = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluation",
                "suite=samples", "model=gpt-4o");
        Finished noSuite = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluation", "suite=no-such");
        Finished badJob = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluate", "suite=samples");
        Finished notKeyValue = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluation", "samples");

        assertThat(badParameter.exitCode()).as(badParameter.output()).isEqualTo(2);
        assertThat(badParameter.output()).contains("unknown parameter 'model' (known: suite, files, methods, models,"
                + " outputDir)").doesNotContain("Exception", "SIMULATED LLM");
        assertThat(noSuite.exitCode()).as(noSuite.output()).isEqualTo(2);
        assertThat(noSuite.output()).contains("no suite 'no-such'");
        assertThat(badJob.exitCode()).as(badJob.output()).isEqualTo(2);
        assertThat(badJob.output()).contains("no batch job 'tale-evaluate' (the jar has one: tale-evaluation)");
        assertThat(notKeyValue.exitCode()).as(notKeyValue.output()).isEqualTo(2);
        assertThat(notKeyValue.output()).contains("job parameters are KEY=VALUE", "not 'samples'");
        assertThat(out.resolve("runs")).doesNotExist();
    }

    @Test
    void should_end_failed_with_the_code_of_how_the_run_stopped(@TempDir Path out) throws Exception {
        Finished run = run(Map.of("TALE_OUTPUT", out.toString(), "TALE_LLM_PROVIDER", "openai",
                "TALE_LLM_BASE_URL", "http://127.0.0.1:9/v1", "TALE_LLM_RETRY_ATTEMPTS", "1"),
                "--job", "tale-evaluation", "files=" + SAMPLE);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("Job tale-evaluation execution 1: FAILED, exit status FAILED",
                "job tale-evaluation failed: endpoint down").doesNotContain("\tat ");
        assertThat(runFolder(run).resolve("junit.xml")).isRegularFile();
    }

    @Test
    void should_stop_the_job_on_sigterm_and_finish_the_same_run_when_run_again(@TempDir Path out) throws Exception {
        // given: a slow simulator, so that the job is in its middle when it is stopped
        Map<String, String> env = Map.of("TALE_OUTPUT", out.toString(), "TALE_SIMULATOR_LATENCY_MS", "200");
        Path log = Files.createTempFile("tale-camel-job-it", ".log");
        Process process = builder(env, "--job", "tale-evaluation", "files=" + SAMPLE).redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Reading gsm8k-style.jsonl") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);

        // when: SIGTERM, as Jenkins' abort sends
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Finished stopped = new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));

        // then: the job stopped, its run left without a summary; the same command finishes that run
        assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(143);
        assertThat(stopped.output()).contains("Job tale-evaluation execution 1: STOPPED, exit status STOPPED",
                "the same command, run again, finishes it");
        Path folder = runFolder(stopped);
        assertThat(folder.resolve("summary.json")).doesNotExist();

        Finished again = run(Map.of("TALE_OUTPUT", out.toString()), "--job", "tale-evaluation", "files=" + SAMPLE);

        assertThat(again.exitCode()).as(again.output()).isEqualTo(0);
        assertThat(again.output()).contains("resumed run " + folder.getFileName(), "exit status PASSED",
                "28 problems read");
        assertThat(runFolder(again)).isEqualTo(folder);
        assertThat(folder.resolve("summary.json")).isRegularFile();
    }

    private static Path runFolder(Finished run) {
        Matcher matcher = RUN.matcher(run.output());
        assertThat(matcher.find()).as(run.output()).isTrue();
        return Path.of(matcher.group(2));
    }

    private record Finished(int exitCode, String output) {
    }

    private static ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(Path.of("").toAbsolutePath().toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TALE_") || key.startsWith("CAMEL_")
                || key.equals("OPENAI_API_KEY") || key.equals("AZURE_OPENAI_API_KEY"));
        builder.environment().putAll(env);
        return builder;
    }

    private static Finished run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tale-camel-job-it", ".log");
        Process process = builder(env, args).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tale-camel did not exit within 180 s:\n" + Files.readString(log));
        }
        return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
