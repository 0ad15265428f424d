package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real jar as a process of its own, for the tests that kill it or start several. */
final class JarProcess {

    private static final Path JAR = Path.of("target/tale-camel.jar");

    private JarProcess() {
    }

    /** Starts the jar with these arguments and only this environment's TALE_* settings, its output in {@code log}. */
    static Process start(Map<String, String> env, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("TALE_") || key.equals("OPENAI_API_KEY"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** {@code kill -9}: no shutdown hook runs. */
    static void kill9(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(128 + 9);
    }
}
