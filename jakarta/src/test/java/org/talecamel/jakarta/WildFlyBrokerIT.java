package org.talecamel.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WAR as a coordinator on WildFly's own ActiveMQ Artemis ({@code tale.broker.url=server}: the server's
 * {@code java:/ConnectionFactory}), and the jar as a worker on another JVM, connected to that broker over the server's
 * HTTP port with an application user, as the README sets it up. The server's own queue counter is the witness that
 * every call went through its broker.
 */
class WildFlyBrokerIT {

    private static final Path TARGET = Path.of("jakarta/target");
    private static final Path JAR = Path.of("target/tale-camel.jar");
    private static final String USER = "tale-worker";
    private static final String PASSWORD = "it-Broker-pass-1";
    private static final Pattern ADDED = Pattern.compile("\"result\" => (\\d+)L");

    @Test
    void should_send_the_runs_calls_to_a_worker_over_the_servers_own_broker() throws Exception {
        assertThat(JAR).as("the jar, which the standalone module builds before this one").exists();
        Path home = TARGET.resolve("it-broker-home").toAbsolutePath();
        WildFly.deleteTree(home);
        WildFly server = WildFly.prepare(Path.of(System.getProperty("wildfly.home")),
                Path.of(System.getProperty("tale.war")), TARGET.resolve("it-broker-server").toAbsolutePath());
        Process worker = null;
        try {
            // given: the server with the WAR as a coordinator, its queues, and a worker connected to its broker
            server.addApplicationUser(USER, PASSWORD, "guest");
            server.start(Map.of("tale.home", home.toString(), "tale.broker.url", "server",
                    "tale.broker.coordinator-id", "wildfly"));
            server.script(Path.of("jakarta/wildfly/broker-queues.cli"));
            Path workerLog = TARGET.resolve("it-broker-worker.log");
            worker = worker(server, workerLog);

            // when: the samples' GSM8K-style file is dropped into the WAR's inbox
            Path inbox = Files.createDirectories(home.resolve("data-in/inbox"));
            Path aside = Files.copy(Path.of("data-in/samples/gsm8k-style.jsonl"), home.resolve("gsm8k-style.part"));
            Files.move(aside, inbox.resolve("gsm8k-style.jsonl"), StandardCopyOption.ATOMIC_MOVE);
            Path summary = awaitSummary(home.resolve("data-out/runs"));

            // then: the run completed, every call answered by the worker through the server's queue
            String report = Files.readString(summary.resolveSibling("report.md"), StandardCharsets.UTF_8);
            assertThat(report).contains("- Outcome: completed").contains("0 failed calls");
            List<String> audit = Files.readAllLines(summary.resolveSibling("audit.csv"), StandardCharsets.UTF_8);
            long calls = audit.stream().filter(line -> line.matches("^\\d{8}-.*")).count();
            assertThat(calls).isGreaterThanOrEqualTo(28);
            Matcher added = ADDED.matcher(server.cli("/subsystem=messaging-activemq/server=default/jms-queue="
                    + "tale.calls:read-attribute(name=messages-added)"));
            assertThat(added.find()).isTrue();
            assertThat(Long.parseLong(added.group(1))).as("calls that went through the server's broker")
                    .isEqualTo(calls);
            assertThat(Files.readString(workerLog)).contains("Worker ");
            assertThat(Files.readString(server.log())).contains("calls go to the workers of the server's own broker");
        } finally {
            if (worker != null) {
                worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            server.stop();
        }
    }

    /** {@code java -jar target/tale-camel.jar --worker}, on the server's broker through its HTTP port. */
    private static Process worker(WildFly server, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--worker").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TALE_"));
        builder.environment().put("TALE_BROKER_URL", "tcp://127.0.0.1:" + server.httpPort()
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true");
        builder.environment().put("TALE_BROKER_USER", USER);
        builder.environment().put("TALE_BROKER_PASSWORD", PASSWORD);
        builder.environment().put("TALE_OUTPUT", TARGET.resolve("it-broker-worker-out").toAbsolutePath().toString());
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            builder.environment().put("TALE_HTTP_PORT", String.valueOf(socket.getLocalPort()));
        }
        Process worker = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(log) || !Files.readString(log).contains("Worker ")) {
            if (!worker.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        return worker;
    }

    private static Path awaitSummary(Path runs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> folders = Files.list(runs)) {
                    List<Path> done = folders.map(f -> f.resolve("summary.json")).filter(Files::exists).toList();
                    if (!done.isEmpty()) {
                        return done.get(0);
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no run finished within 120 s in " + runs);
    }
}
