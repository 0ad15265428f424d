package org.talecamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.main.Main;
import org.talecamel.run.RunListener;

/**
 * Starts tale-camel. Without arguments it runs as a service, watching the inbox until stopped;
 * with {@code --once} it evaluates what is in the inbox, prints where the report is, and exits.
 */
public final class App {

    private static final String USAGE = """
            Usage: java -jar tale-camel.jar [--once]
              (no option)  run as a service: watch the inbox and evaluate every file dropped into it
              --once       evaluate what is in the inbox now, write the reports, print their paths and exit
                           (exit code 0: run completed, 2: the run could not be completed)
            Configuration: config/application.properties (or the file named by TALE_CONFIG);
            every key can be overridden by an environment variable, e.g. TALE_LLM_PROVIDER=openai.
            """;

    private App() {
    }

    public static void main(String[] args) {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        for (String option : options) {
            if (!option.equals("--once")) {
                System.err.print("Unknown option '" + option + "'.\n" + USAGE);
                System.exit(ConsoleRunListener.NOT_COMPLETED);
            }
        }
        System.exit(run(options.contains("--once")));
    }

    static int run(boolean once) {
        Path config = Path.of(System.getenv().getOrDefault("TALE_CONFIG", "config/application.properties"));
        if (!Files.isRegularFile(config)) {
            System.err.println("Configuration not found: " + config.toAbsolutePath()
                    + ". Run from the project folder, or set TALE_CONFIG to the properties file.");
            return ConsoleRunListener.NOT_COMPLETED;
        }
        ConsoleRunListener listener = new ConsoleRunListener(once, System.out);
        Main main = newMain(config, listener);
        listener.whenDoneCall(main::completed);
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("tale-camel could not run: " + e.getMessage());
            return ConsoleRunListener.NOT_COMPLETED;
        }
        if (main.getExitCode() != 0) {
            return ConsoleRunListener.NOT_COMPLETED;
        }
        return listener.exitCode();
    }

    /** The Camel application, configured from {@code config} and reporting finished runs to {@code listener}. */
    public static Main newMain(Path config, RunListener listener) {
        Main main = new Main(App.class);
        main.setPropertyPlaceholderLocations("file:" + config);
        main.bind(TaleConfiguration.RUN_LISTENER, listener);
        return main;
    }
}
