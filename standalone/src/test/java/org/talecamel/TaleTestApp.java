package org.talecamel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.talecamel.run.RunListener;
import org.talecamel.run.RunOutcome;

/**
 * The real application, started in-process as a service on temporary folders, with the project's routes and
 * configuration. Tests drop files into its inbox and wait for runs with {@link NotifyBuilder}.
 */
final class TaleTestApp implements AutoCloseable, RunListener {

    final Path inbox;
    final Path output;
    /** The HTTP API's address, {@code http://127.0.0.1:PORT}, on a port that was free. */
    final java.net.URI http;
    private final Main main;
    private final List<RunOutcome> runs = new CopyOnWriteArrayList<>();

    private TaleTestApp(Path root, Map<String, String> overrides) throws Exception {
        inbox = Files.createDirectories(root.resolve("inbox"));
        output = root.resolve("out");
        main = App.newMain(Path.of("config/application.properties"), this);
        main.addOverrideProperty("tale.inbox", inbox.toString());
        main.addOverrideProperty("tale.output", output.toString());
        main.addOverrideProperty("tale.inbox.poll-ms", "200");
        main.addOverrideProperty("tale.inbox.quiet-ms", "200");
        int port = Integer.parseInt(overrides.getOrDefault("tale.http.port", String.valueOf(freePort())));
        main.addOverrideProperty("tale.http.port", String.valueOf(port));
        http = java.net.URI.create("http://127.0.0.1:" + port);
        overrides.forEach(main::addOverrideProperty);
        main.start();
    }

    static TaleTestApp start(Path root, Map<String, String> overrides) throws Exception {
        return new TaleTestApp(root, overrides);
    }

    /** Starts an app with these settings, drops one file into its inbox, and gives the run made of it. */
    static RunOutcome runOne(Path root, Map<String, String> overrides, String name, String content) throws Exception {
        try (TaleTestApp app = start(root, overrides)) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(content, name);
            return app.onlyRun(done);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The address of {@code path} on the app's embedded HTTP server (API, health, metrics). */
    java.net.URI http(String path) {
        return http.resolve(path);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    /** Waits for {@code files} inbox files to be done, as a user waits for the inbox to empty. */
    NotifyBuilder whenFilesDone(int files) {
        return new NotifyBuilder(context()).fromRoute("inbox")
                .filter(TaleTestApp::isInboxFile).whenDone(files).create();
    }

    /** Waits for the inbox file of this name to be done. */
    NotifyBuilder whenFileDone(String name) {
        return new NotifyBuilder(context()).fromRoute("inbox")
                .filter(exchange -> isInboxFile(exchange) && name.equals(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY)))
                .whenDone(1).create();
    }

    /** A file's own exchange: not an idle poll, not one of the problems split from it. */
    private static boolean isInboxFile(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME) != null
                && exchange.getProperty(Exchange.SPLIT_INDEX) == null;
    }

    /** Copies a file into the inbox the way users should: written aside, then moved in whole. */
    void drop(Path file, String name) throws IOException {
        Path aside = Files.copy(file, inbox.resolveSibling(name + ".part"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(aside, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    void drop(String content, String name) throws IOException {
        Path aside = Files.writeString(inbox.resolveSibling(name + ".part"), content);
        Files.move(aside, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The runs finished so far. */
    List<RunOutcome> runs() {
        return runs;
    }

    RunOutcome onlyRun(NotifyBuilder done) {
        return onlyRun(done, java.time.Duration.ofSeconds(60));
    }

    RunOutcome onlyRun(NotifyBuilder done, java.time.Duration within) {
        if (!done.matches(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the inbox file was not processed within " + within.toSeconds() + " s");
        }
        if (runs.size() != 1) {
            throw new AssertionError("expected one run, got " + runs.size());
        }
        return runs.get(0);
    }

    @Override
    public void runFinished(RunOutcome outcome) {
        runs.add(outcome);
    }

    @Override
    public void runInterrupted(org.talecamel.run.Progress progress) {
        // a test's app is stopped once its runs are done; KillResumeIT stops the jar in their middle
    }

    @Override
    public void progress(org.talecamel.run.Progress progress, boolean lineDue) {
        // tests wait for runs with NotifyBuilder
    }

    @Override
    public void inboxEmpty(Path inbox) {
        // a service waits for files
    }

    @Override
    public void close() {
        main.stop();
    }
}
