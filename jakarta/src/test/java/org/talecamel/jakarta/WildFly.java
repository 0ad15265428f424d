package org.talecamel.jakarta;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A WildFly 39 ({@code standalone-full}) of the IT's own: a fresh copy of the distribution unpacked from Maven
 * Central, on loopback, its ports shifted by an offset at which they are free, with tale-camel's WAR deployed and a
 * file-based job repository, so that a job execution outlives the server's {@code kill -9}. Driven with the server's
 * own CLI, as a user would.
 */
final class WildFly {

    static final String DEPLOYMENT = "tale-camel.war";
    private static final Pattern RESULT = Pattern.compile("\"result\" => (\\d+)L");
    private static final Pattern FIELD = Pattern.compile("\"([a-z-]+)\" => \"([^\"]*)\"");
    /** The README's script that gives the server a job repository that outlives a crash. */
    private static final Path REPOSITORY_SCRIPT = Path.of("jakarta/wildfly/batch-job-repository.cli");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Path log;
    private final int offset;
    private Process process;
    private int boots;

    private WildFly(Path home, int offset, Path log) {
        this.home = home;
        this.offset = offset;
        this.log = log;
    }

    /**
     * Copies the unpacked distribution into {@code folder}, puts the WAR in its deployments, and picks a port offset.
     */
    static WildFly prepare(Path distribution, Path war, Path folder) throws IOException {
        if (!Files.isDirectory(distribution)) {
            throw new IllegalStateException(distribution + " is missing: the IT runs after `mvn package`'s"
                    + " pre-integration-test phase, which unpacks org.wildfly:wildfly-dist");
        }
        deleteTree(folder);
        copyTree(distribution, folder);
        Files.copy(war, folder.resolve("standalone/deployments").resolve(DEPLOYMENT));
        return new WildFly(folder, freeOffset(), folder.resolveSibling(folder.getFileName() + ".log"));
    }

    /** The HTTP address of the deployment's context root. */
    URI http(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/tale-camel" + path);
    }

    Path log() {
        return log;
    }

    /** Boots the server with these system properties, and waits until it and the WAR are up. */
    void start(Map<String, String> properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml", "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        process = builder.start();
        awaitReady();
        if (boots++ == 0) {
            // Jakarta Batch's executions in a file-based H2 database, as the README has users set it up
            cliFile(REPOSITORY_SCRIPT);
            awaitReady();
        }
    }

    /** Waits until the server says it is ready, its deployments included (the management port's /health/ready). */
    private void awaitReady() throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + (9990 + offset) + "/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("WildFly exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains(DEPLOYMENT)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("WildFly was not ready within 180 s; see " + log);
    }

    /** Starts the job and gives its execution id. */
    long startJob(String parameters) throws Exception {
        return result(cli("/deployment=" + DEPLOYMENT + "/subsystem=batch-jberet:start-job(job-xml-name=tale-evaluation,"
                + " properties={" + parameters + "})"));
    }

    /** Restarts the execution and gives the new execution's id. */
    long restartJob(long execution) throws Exception {
        return result(cli("/deployment=" + DEPLOYMENT + "/subsystem=batch-jberet:restart-job(execution-id="
                + execution + ")"));
    }

    void stopJob(long execution) throws Exception {
        cli("/deployment=" + DEPLOYMENT + "/subsystem=batch-jberet:stop-job(execution-id=" + execution + ")");
    }

    /** The execution as the server's batch tools show it: batch-status, exit-status, instance-id, ... */
    Map<String, String> execution(long execution) throws Exception {
        String answer = cli("/deployment=" + DEPLOYMENT + "/subsystem=batch-jberet/job=tale-evaluation/execution="
                + execution + ":read-resource(include-runtime=true)");
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher field = FIELD.matcher(answer);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        return fields;
    }

    /** Waits until the execution has ended (any batch status but STARTING, STARTED and STOPPING), and gives it. */
    Map<String, String> awaitEnd(long execution, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, String> seen = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                seen = execution(execution);
            } catch (AssertionError notListedYet) {
                // WildFly lists a job's executions afresh at most every 3 s (BatchJobExecutionResource's
                // refreshMinInterval): an execution started since may not be there yet ("WFLYCTL0216 ... not found")
                if (!String.valueOf(notListedYet.getMessage()).contains("WFLYCTL0216")) {
                    throw notListedYet;
                }
                Thread.sleep(500);
                continue;
            }
            String status = seen.getOrDefault("batch-status", "");
            if (!status.isEmpty() && !status.equals("STARTING") && !status.equals("STARTED")
                    && !status.equals("STOPPING")) {
                return seen;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("execution " + execution + " did not end within " + within + ": " + seen
                + "; see " + log);
    }

    /** Runs a CLI script of the project's against the running server, as its README tells a user to. */
    String script(Path file) throws Exception {
        return cliFile(file);
    }

    /** Adds a user of the application realm (a JMS client's), before the server boots. */
    void addApplicationUser(String user, String password, String group) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/add-user.sh").toString(), "-a", "-u", user,
                "-p", password, "-g", group, "-s").redirectErrorStream(true);
        builder.environment().put("JBOSS_HOME", home.toString());
        Process add = builder.start();
        String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!add.waitFor(60, TimeUnit.SECONDS) || add.exitValue() != 0) {
            throw new AssertionError("add-user.sh failed:\n" + output);
        }
    }

    /** The port of the server's HTTP listener, which also carries Artemis' connections (HTTP upgrade). */
    int httpPort() {
        return 8080 + offset;
    }

    /** Runs commands with the server's CLI, and gives what it printed; a failed operation fails the test. */
    String cli(String... commands) throws Exception {
        Path script = Files.createTempFile("tale-it", ".cli");
        try {
            Files.write(script, List.of(commands), StandardCharsets.UTF_8);
            return cliFile(script);
        } finally {
            Files.delete(script);
        }
    }

    private String cliFile(Path script) throws Exception {
        // --timeout: the CLI's reload waits this long, plus 1 s, for the server to come back; its default of 5 s is
        // shorter than a reload of standalone-full with the WAR takes on a busy two-core machine
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(),
                "--controller=127.0.0.1:" + (9990 + offset), "--timeout=120000", "-c",
                "--file=" + script.toAbsolutePath())
                .redirectErrorStream(true);
        builder.environment().put("JBOSS_HOME", home.toString());
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(120, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new AssertionError("jboss-cli " + Files.readString(script) + " failed:\n" + output);
        }
        return output;
    }

    /** Kills the server's JVM with SIGKILL, as a crash would, and waits for it to be gone. */
    void kill9() throws Exception {
        List<ProcessHandle> jvms = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
        for (ProcessHandle jvm : jvms) {
            Process kill = new ProcessBuilder("kill", "-9", String.valueOf(jvm.pid())).inheritIO().start();
            kill.waitFor();
            jvm.onExit().get(30, TimeUnit.SECONDS);
        }
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Shuts the server down (its CLI's :shutdown), or kills it if it does not go. */
    void stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            cli(":shutdown");
        } catch (AssertionError e) {
            // killed below
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill9();
        }
    }

    private static long result(String answer) {
        Matcher result = RESULT.matcher(answer);
        if (!result.find()) {
            throw new AssertionError("no execution id in: " + answer);
        }
        return Long.parseLong(result.group(1));
    }

    /** An offset at which WildFly's ports on loopback (http, https, management, ...) are all free. */
    private static int freeOffset() throws IOException {
        int[] ports = {8080, 8443, 9990, 9993, 8009, 4712, 4713, 3528, 3529, 5545};
        for (int offset = 20_000 + (int) (ProcessHandle.current().pid() % 100) * 100; offset < 50_000; offset += 137) {
            boolean free = true;
            for (int port : ports) {
                try (ServerSocket socket = new ServerSocket(port + offset, 1, java.net.InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return offset;
            }
        }
        throw new IOException("no port offset with WildFly's ports free");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
