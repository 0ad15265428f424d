package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API key or the HTTP API's token never shows in the console log, the reports, the CSV or any other file. */
class SecretsIT {

    private static final String KEY = "sk-proj-FAKE-recognisable-7c3e91d4b2a8";
    private static final String TOKEN = "http-token-FAKE-recognisable-5e02b7";

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

        // then the run happened (and stopped: the endpoint is down), and the key is in no file at all
        assertThat(process.exitValue()).isEqualTo(3);
        String console = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(console).contains("endpoint down").doesNotContain(KEY).doesNotContain("7c3e91d4b2a8");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("audit.csv", "report.md", "junit.xml");
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString()).doesNotContain(KEY);
        }
    }

    @Test
    void should_never_write_the_http_token_anywhere(@TempDir Path out) throws Exception {
        // given the service with a token, called with it, without it and with a wrong one
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/tale-camel.jar").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("TALE_"));
        builder.environment().put("TALE_HTTP_TOKEN", TOKEN);
        builder.environment().put("TALE_HTTP_PORT", String.valueOf(port));
        builder.environment().put("TALE_OUTPUT", out.resolve("out").toString());
        builder.environment().put("TALE_INBOX", out.resolve("in/inbox").toString());
        Path log = out.resolve("console.log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI runs = URI.create("http://127.0.0.1:" + port + "/api/runs");
            HttpResponse<String> answer = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); answer == null; ) {
                try {
                    answer = http.send(HttpRequest.newBuilder(runs).header("Authorization", "Bearer wrong-" + TOKEN).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 404) {
                        // the server listens a moment before the API's routes are added to it
                        answer = null;
                        Thread.sleep(250);
                    }
                } catch (java.net.ConnectException notYet) {
                    assertThat(process.isAlive()).as("the service is running").isTrue();
                    assertThat(System.nanoTime()).as("the service answers within 120 s").isLessThan(deadline);
                    Thread.sleep(250);
                }
            }
            assertThat(answer.statusCode()).isEqualTo(403);
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(runs + "?name=token.csv"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("data-in/samples/gsm8k-style.csv"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
            assertThat(http.send(HttpRequest.newBuilder(runs).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
        } finally {
            // when the service is stopped as a user stops it
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        // then the token is in no file at all, the console log included
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("console.log", "audit.csv");
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as(file.toString())
                    .doesNotContain(TOKEN).doesNotContain("5e02b7");
        }
    }
}
