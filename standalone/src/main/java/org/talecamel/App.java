package org.talecamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.main.Main;
import org.apache.camel.util.IOHelper;
import org.talecamel.flow.Warmup;
import org.talecamel.run.RunEnding;
import org.talecamel.run.RunListener;
import org.talecamel.suite.Staging;
import org.talecamel.suite.Suite;

/**
 * Starts tale-camel. Without arguments it runs as a service, watching the inbox until stopped;
 * with {@code --once} it evaluates what is in the inbox (or the given files, or a suite), prints where the report
 * is, and exits with the code of how the run ended ({@link RunEnding#exitCode}).
 */
public final class App {

    private static final String USAGE = """
            Usage: java -jar tale-camel.jar [--once [--plan] [--suite NAME] [FILE...] | --job tale-evaluation KEY=VALUE...
                                             | --worker]
              (no option)        run as a service: watch the inbox and evaluate every file dropped into it, and
                                 serve the HTTP API on tale.http.host:tale.http.port (127.0.0.1:8080)
              --once             evaluate what is in the inbox now, write the reports, print their paths and exit
              --once FILE...     evaluate these problem files (or folders of them) instead of the inbox
              --once --suite NAME  run the suite config/suites/NAME.properties: its files, methods, model and gates
              --once --plan ...  print what that run would do (problems, calls, tokens, expected expense, a spend
                                 cap to set) and exit 0, sending nothing
              --job tale-evaluation KEY=VALUE...  run the Jakarta Batch job of the WAR without a server (JBeret SE):
                                 suite=NAME or files=A,B; optional methods=, models=, outputDir=; print its
                                 batch status and exit status and where the report is, and exit as --once
              --worker           make the calls of coordinators (runs with tale.broker.url set) from the broker at
                                 tale.broker.url, tale.concurrency at a time, with this machine's endpoint and key,
                                 until stopped; it runs nothing itself
            Exit codes with --once (and --job: PASSED 0, GATE_FAILED 1, FAILED 2 to 7):
              0    the run completed and passed its quality gates (or the inbox was empty)
              1    the run completed, and a quality gate failed
              2    it could not start: bad configuration or arguments, an unknown suite
              3    stopped: the endpoint is down (no response or a 5xx after the retries; the circuit opened),
                   or the broker cannot take calls (tale.broker.url)
              4    stopped: the endpoint refused the API key (401 or 403)
              5    stopped: the spend cap was reached (tale.run.max-cost-usd, tale.run.max-output-tokens)
              6    stopped: no call got a usable answer
              7    stopped: the model refused a parameter (400 unsupported parameter or value): see config/models.csv
              130  interrupted (Ctrl-C; 143 for SIGTERM): the same command run again finishes the run
            Run from the project folder. Configuration: config/application.properties (or the file named by
            TALE_CONFIG; routes/ and config/suites/ are still read from the working folder);
            every key can be overridden by an environment variable, e.g. TALE_LLM_PROVIDER=openai.
            """;
    private static final Pattern WILDCARD = Pattern.compile("[*?{]");

    private App() {
    }

    /**
     * What the command line asked for.
     *
     * @param plan          {@code --plan}: print what the single run would do, and send nothing
     * @param job           {@code --job NAME}: the batch job to run on JBeret SE; null for none
     * @param jobParameters its {@code KEY=VALUE} parameters
     */
    record CommandLine(boolean once, String suite, List<Path> files, boolean plan, String job,
                       Map<String, String> jobParameters, boolean worker) {

        CommandLine(boolean once, String suite, List<Path> files, boolean plan) {
            this(once, suite, files, plan, null, Map.of(), false);
        }

        static CommandLine parse(List<String> args) {
            boolean once = false;
            boolean plan = false;
            String suite = null;
            List<Path> files = new ArrayList<>();
            if (!args.isEmpty() && args.get(0).equals("--job")) {
                return job(args);
            }
            if (args.contains("--worker")) {
                if (args.size() > 1) {
                    throw new IllegalArgumentException("--worker runs on its own, with no other option or file");
                }
                return new CommandLine(false, null, List.of(), false, null, Map.of(), true);
            }
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--job")) {
                    throw new IllegalArgumentException("--job runs a batch job on its own: --job tale-evaluation"
                            + " KEY=VALUE..., with no other option before it");
                } else if (arg.equals("--once")) {
                    once = true;
                } else if (arg.equals("--plan")) {
                    plan = true;
                } else if (arg.equals("--suite")) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException("--suite needs a suite name");
                    }
                    suite = args.get(++i);
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                } else {
                    files.add(Path.of(arg));
                }
            }
            if (plan && !once) {
                throw new IllegalArgumentException("--plan plans a single run: use it with --once (--once --plan,"
                        + " --once --plan --suite NAME or --once --plan FILE...)");
            }
            if (!once && (suite != null || !files.isEmpty())) {
                throw new IllegalArgumentException("a suite or problem files can only be run with --once");
            }
            return new CommandLine(once, suite, List.copyOf(files), plan);
        }

        private static CommandLine job(List<String> args) {
            if (args.size() < 2 || args.get(1).startsWith("-")) {
                throw new IllegalArgumentException("--job needs a job name: --job tale-evaluation suite=NAME");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String arg : args.subList(2, args.size())) {
                int equals = arg.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("job parameters are KEY=VALUE (suite=samples, files=a.jsonl,b.csv,"
                            + " methods=cot,tale-ep, models=..., outputDir=...), not '" + arg + "'");
                }
                String key = arg.substring(0, equals);
                if (parameters.put(key, arg.substring(equals + 1)) != null) {
                    throw new IllegalArgumentException("the job parameter '" + key + "' is given twice");
                }
            }
            return new CommandLine(false, null, List.of(), false, args.get(1), Map.copyOf(parameters), false);
        }
    }

    public static void main(String[] args) {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        if ((options.contains("--once") || options.contains("--job")) && !options.contains("--plan")) {
            forgetLatestRun(configFile());
        }
        CommandLine command;
        try {
            command = CommandLine.parse(options);
        } catch (IllegalArgumentException e) {
            System.err.print("tale-camel: " + e.getMessage() + ".\n" + USAGE);
            System.exit(RunEnding.NOT_STARTED_EXIT_CODE);
            return;
        }
        System.exit(run(command));
    }

    private static Path configFile() {
        return Path.of(System.getenv().getOrDefault("TALE_CONFIG", "config/application.properties"));
    }

    /**
     * {@code runs/latest} names the run that ended last. A single run clears it first, so that a run that cannot
     * start (bad arguments, bad configuration) leaves none, and a pipeline never publishes an earlier run as its own.
     */
    private static void forgetLatestRun(Path config) {
        if (!Files.isRegularFile(config)) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(outputFolder(config)).resolve("runs").resolve("latest"));
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("tale-camel: cannot remove the previous run's runs/latest (" + e.getMessage()
                    + "); it may name an earlier run");
        }
    }

    static int run(CommandLine command) {
        Path config = configFile();
        if (!Files.isRegularFile(config)) {
            System.err.println("Configuration not found: " + config.toAbsolutePath()
                    + ". Run from the project folder, or set TALE_CONFIG to the properties file.");
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        if (command.plan()) {
            return plan(command, config);
        }
        Optional<String> noRoutes = missingRoutes(config);
        if (noRoutes.isPresent()) {
            System.err.println("tale-camel: " + noRoutes.get());
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        if (command.job() != null) {
            return job(command, config);
        }
        if (command.worker()) {
            return worker(config);
        }
        ConsoleRunListener listener = new ConsoleRunListener(command.once(), System.out, System.console() != null);
        Main main = newMain(config, listener);
        listener.whenDoneCall(main::completed);
        if (command.once()) {
            singleRun(main, "file:routes/nightly.camel.yaml,file:routes/api.camel.yaml");
        }
        Path stagedInbox = null;
        try {
            List<Path> files = new ArrayList<>(command.files());
            if (command.suite() != null) {
                Suite suite = Suite.load(Suite.FOLDER, command.suite());
                suite.settings().forEach(main::addOverrideProperty);
                if (suite.settings().containsKey("tale.llm.model") && !suite.settings().containsKey("tale.models")) {
                    // the suite's one model, whatever tale.models the application sets
                    main.addOverrideProperty("tale.models", "");
                }
                main.addOverrideProperty("tale.suite", suite.name());
                files.addAll(suite.files());
            }
            if (!files.isEmpty()) {
                Path staging = Path.of(outputFolder(config)).resolve("staging");
                stagedInbox = Staging.stage(files, staging);
                main.addOverrideProperty(TaleConfiguration.STAGED_INBOX, stagedInbox.toString());
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("tale-camel: " + e.getMessage());
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        try {
            return runStarted(main, listener);
        } finally {
            // the copies are not needed once the run has ended, however it ended (a resumed run stages them afresh)
            if (stagedInbox != null && !Staging.remove(stagedInbox)) {
                System.err.println("tale-camel: could not remove all of " + stagedInbox.getParent() + "; delete it");
            }
        }
    }

    /**
     * What a single run sets: it needs no schedule and no HTTP API (not loading them saves starting Quartz, about a
     * second, and Vert.x, and it never takes a port), and does not wait for an endpoint that is down.
     */
    private static void singleRun(Main main, String routesLeftOut) {
        main.addOverrideProperty("tale.nightly.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("camel.main.routes-exclude-pattern", routesLeftOut);
        // a single run reads what is there: it takes no problems off the broker's queue (a service does)
        main.addOverrideProperty("camel.main.route-filter-exclude-pattern", "problems-queue");
        // a single run does not wait for an endpoint that is down: it stops sending and exits with 3
        main.addOverrideProperty("tale.llm.circuit.when-open", "stop");
        // nobody polls the health or scrapes the metrics of a process about to exit (meters are still kept in-process)
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.metrics.enabled", "false");
    }

    /** {@code --job NAME KEY=VALUE...}: the batch job on JBeret SE, Camel started as for {@code --once}. */
    private static int job(CommandLine command, Path config) {
        try {
            JobCommand.check(command.job(), command.jobParameters());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("tale-camel: " + e.getMessage());
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        ConsoleRunListener listener = new ConsoleRunListener(true, System.out, System.console() != null);
        Main main = newMain(config, listener);
        singleRun(main, "file:routes/nightly.camel.yaml,file:routes/api.camel.yaml");
        // the job reads its files where they are: the inbox is not watched (its file's other routes are the job's)
        main.addOverrideProperty("camel.main.route-filter-exclude-pattern", "inbox,problems-queue");
        return JobCommand.run(command.job(), command.jobParameters(), main, listener, System.out, System.err);
    }

    /**
     * {@code --worker}: only the chat route and the worker's route, until stopped. No inbox, schedule, API or run: a
     * coordinator has them. Its circuit does not hold calls while open: it answers them "not sent", and the
     * coordinator decides (wait, or stop its run).
     */
    private static int worker(Path config) {
        Main main = newMain(config, null);
        main.addOverrideProperty(TaleConfiguration.WORKER, "true");
        main.addOverrideProperty("camel.main.routes-include-pattern",
                "file:routes/llm.camel.yaml,file:routes/broker.camel.yaml");
        main.addOverrideProperty("tale.nightly.enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addOverrideProperty("tale.llm.circuit.when-open", "stop");
        Warmup.startInBackground();
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("tale-camel could not run the worker: " + e.getMessage());
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        return main.getExitCode() != 0 ? RunEnding.NOT_STARTED_EXIT_CODE : 0;
    }

    /** {@code --once --plan}: the run's plan from the same settings and files, with nothing started or sent. */
    private static int plan(CommandLine command, Path config) {
        java.util.Map<String, String> suiteSettings = java.util.Map.of();
        List<Path> files = new ArrayList<>(command.files());
        if (command.suite() != null) {
            try {
                Suite suite = Suite.load(Suite.FOLDER, command.suite());
                suiteSettings = suite.settings();
                files.addAll(suite.files());
            } catch (IllegalArgumentException e) {
                System.err.println("tale-camel: " + e.getMessage());
                return RunEnding.NOT_STARTED_EXIT_CODE;
            }
        }
        java.util.Map<String, String> overrides = suiteSettings;
        return org.talecamel.plan.PlanCommand.run(files,
                (key, fallback) -> overrides.containsKey(key) ? overrides.get(key) : setting(config, key, fallback),
                System.out, System.err);
    }

    private static int runStarted(Main main, ConsoleRunListener listener) {
        // the code each call goes through is compiled on a spare core while Camel starts, not in the first calls
        Warmup.startInBackground();
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("tale-camel could not run: " + e.getMessage());
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        if (main.getExitCode() != 0) {
            return RunEnding.NOT_STARTED_EXIT_CODE;
        }
        return listener.exitCode();
    }

    /** {@code tale.output} as Camel will resolve it. */
    private static String outputFolder(Path config) {
        return setting(config, "tale.output", "data-out");
    }

    /**
     * Why Camel would fail to load the routes from the file system ("NoSuchFileException: routes"), if it would: the
     * routes, like every relative path of the configuration, are read from the working folder, wherever TALE_CONFIG
     * points.
     */
    private static Optional<String> missingRoutes(Path config) {
        for (String pattern : setting(config, "camel.main.routes-include-pattern", "").split(",")) {
            String path = pattern.strip();
            if (!path.startsWith("file:")) {
                continue;
            }
            path = path.substring("file:".length());
            Matcher wildcards = WILDCARD.matcher(path);
            int wildcard = wildcards.find() ? wildcards.start() : -1;
            String folder = wildcard < 0 ? path : path.substring(0, path.lastIndexOf('/', wildcard) + 1);
            Path routes = Path.of(folder.isEmpty() ? "." : folder);
            if (Files.exists(routes)) {
                continue;
            }
            if (routes.isAbsolute()) {
                return Optional.of(folder + " not found (camel.main.routes-include-pattern)");
            }
            Path configFolder = config.toAbsolutePath().normalize().getParent();
            Path project = configFolder != null && configFolder.getFileName() != null
                    && configFolder.getFileName().toString().equals("config") ? configFolder.getParent() : null;
            String where = project != null && Files.exists(project.resolve(routes))
                    ? " (cd " + project + ")" : ", the one that holds routes/ and config/";
            return Optional.of(folder + " not found in " + Path.of("").toAbsolutePath() + ": run tale-camel from the "
                    + "project folder" + where + ". TALE_CONFIG names only the properties file; routes/, "
                    + "config/suites/, config/prices.csv and the relative paths in it are read from the working folder.");
        }
        return Optional.empty();
    }

    /** A key as Camel will resolve it: environment variable ({@code a.b-c} ← {@code A_B_C}), system property, file. */
    private static String setting(Path config, String key, String fallback) {
        String env = IOHelper.lookupEnvironmentVariable(key); // Camel's own rule: a.b-c, else A_B_C
        if (env != null && !env.isBlank()) {
            return env;
        }
        String property = System.getProperty(key);
        if (property != null && !property.isBlank()) {
            return property;
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(config)) {
            properties.load(reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + config + ": " + e.getMessage(), e);
        }
        return properties.getProperty(key, fallback).strip();
    }

    /** The Camel application, configured from {@code config} and reporting finished runs to {@code listener}. */
    public static Main newMain(Path config, RunListener listener) {
        return TaleConfiguration.newMain(App.class, config, listener);
    }
}
