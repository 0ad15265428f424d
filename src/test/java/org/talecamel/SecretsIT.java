package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API key never shows in the console log, the reports, the CSV or any other file a run writes. */
class SecretsIT {

    private static final String KEY = "sk-proj-FAKE-recognisable-7c3e91d4b2a8";

    @Test
    void should_never_write_the_api_key_anywhere(@TempDir Path out) throws Exception {
        // given a key in the environment, sent to an endpoint that is not there (so errors get logged and reported)
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/tale-camel.jar", "--once", "data-in/samples/gsm8k-style.csv").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("TALE_"));
        builder.environment().put("OPENAI_API_KEY", KEY);
        builder.environment().put("TALE_OUTPUT", out.toString());
        builder.environment().put("TALE_LLM_PROVIDER", "openai");
        builder.environment().put("TALE_LLM_BASE_URL", "http://127.0.0.1:9/v1");
        builder.environment().put("TALE_LLM_RETRY_ATTEMPTS", "2");
        builder.environment().put("TALE_LLM_RETRY_INITIAL_DELAY_MS", "10");
        Path log = out.resolve("console.log");
        builder.redirectOutput(log.toFile());

        // when
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();

        // then the run happened (and failed to reach the endpoint), and the key is in no file at all
        assertThat(process.exitValue()).isEqualTo(2);
        String console = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(console).contains("No call got an answer").doesNotContain(KEY).doesNotContain("7c3e91d4b2a8");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("audit.csv", "report.md", "junit.xml");
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(KEY);
        }
    }
}
