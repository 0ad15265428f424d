package org.talecamel.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the JMS broker is and what its queues are called ({@code tale.broker.*}). With {@code tale.broker.url} set, a
 * run is a coordinator that sends its calls to workers over the broker; without it nothing changes.
 *
 * @param password       from {@code tale.broker.password} or the file {@code tale.broker.password-file}; never logged
 * @param coordinatorId  this coordinator's name on the broker ({@code tale.broker.coordinator-id}; by default its
 *                       host and output folder): the same after a restart, and the name of its answers queue
 * @param callTimeoutMs  how long a call waits for a worker's answer, queue time included; also the call message's
 *                       time to live, so that the calls of a coordinator that is gone expire unasked
 * @param inFlight       calls out to workers at once: enough to keep every worker's {@code tale.concurrency} busy
 */
public record BrokerSettings(String url, String user, String password, String callsQueue, String coordinatorId,
                             String deadLetterQueue, String problemsQueue, String resultsTopic, long callTimeoutMs,
                             int inFlight) {

    /** The {@code tale.broker.url} of a Jakarta EE server's own broker. */
    public static final String SERVER = "server";

    /** The settings, or empty when {@code tale.broker.url} is not set. */
    public static Optional<BrokerSettings> from(Function<String, Optional<String>> property, Path output) {
        Optional<String> url = property.apply("tale.broker.url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> password = property.apply("tale.broker.password");
        Optional<String> passwordFile = property.apply("tale.broker.password-file");
        if (password.isPresent() && passwordFile.isPresent()) {
            throw new IllegalArgumentException("set tale.broker.password or tale.broker.password-file, not both");
        }
        long timeout = number(property, "tale.broker.call-timeout-ms", 600_000);
        long inFlight = number(property, "tale.broker.in-flight", 64);
        if (timeout < 1000 || inFlight < 1) {
            throw new IllegalArgumentException("tale.broker.call-timeout-ms must be at least 1000 and"
                    + " tale.broker.in-flight at least 1");
        }
        return Optional.of(new BrokerSettings(url.get(), property.apply("tale.broker.user").orElse(null),
                password.or(() -> passwordFile.map(BrokerSettings::read)).orElse(null),
                property.apply("tale.broker.calls-queue").orElse("tale.calls"),
                property.apply("tale.broker.coordinator-id").orElse(coordinatorId(output)),
                property.apply("tale.broker.dead-letter-queue").orElse("DLQ"),
                property.apply("tale.broker.problems-queue").orElse("tale.problems"),
                property.apply("tale.broker.results-topic").orElse("tale.results"), timeout, (int) inFlight));
    }

    /** The queue this coordinator's answers come back on: its own, so that no other coordinator takes them. */
    public String answersQueue() {
        return "tale.answers." + coordinatorId;
    }

    /** {@code tale.broker.url=server}: the Jakarta EE server's own broker, through its connection factory. */
    public boolean serversOwn() {
        return SERVER.equals(url);
    }

    /** For the start-up line: the broker and the user, never the password. */
    public String describe() {
        return (serversOwn() ? "the server's own broker" : "broker " + url) + (user == null ? "" : " as " + user)
                + ", calls on queue " + callsQueue;
    }

    /** This coordinator's name on the broker: its host and output folder, stable across restarts. */
    static String coordinatorId(Path output) {
        String host = hostName();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(output.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return host.replaceAll("[^A-Za-z0-9-]", "-") + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This machine's name, as coordinator ids and workers' answers show it. */
    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static long number(Function<String, Optional<String>> property, String key, long fallback) {
        try {
            return property.apply(key).map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number: " + e.getMessage());
        }
    }

    private static String read(String file) {
        try {
            String secret = Files.readString(Path.of(file)).strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("tale.broker.password-file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException("tale.broker.password-file: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        // a record's own toString would print the password
        return describe();
    }
}
