package org.talecamel.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A durable cache of usable chat responses, so a repeated or resumed run never pays twice for the same request.
 * The key is a SHA-256 of the endpoint's host and port and the request body as sent (model, messages, temperature,
 * max_tokens, seed). Each entry is the response body as received, in {@code <folder>/<2 hex>/<64 hex>.json}.
 */
public final class ResponseCache {

    private static final long PID = ProcessHandle.current().pid();

    private final Path folder;
    private final String endpoint;
    /** The {@code <2 hex>} folders made so far: each is made once, not checked before every entry. */
    private final Set<Path> folders = ConcurrentHashMap.newKeySet();

    /** @param chatUrl the endpoint's chat URL; only its host and port go into the key */
    public ResponseCache(Path folder, String chatUrl) {
        this.folder = folder;
        URI uri = URI.create(chatUrl);
        this.endpoint = uri.getHost() + ":" + uri.getPort();
    }

    public String key(String requestBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(requestBody.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public Optional<String> get(String key) {
        Path entry = entry(key);
        // most lookups in a new run miss: asking is cheaper than the exception a failed open throws
        if (!entry.toFile().isFile()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(entry, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // a cache that cannot be read (or an entry removed meanwhile) is a miss
        }
    }

    /**
     * Stores a response body; written aside and moved in, so a killed process never leaves half an entry. The file
     * aside is named by process and thread, which write one entry at a time each, so no random name is needed.
     */
    public void put(String key, String responseBody) {
        Path entry = entry(key);
        Path folder = entry.getParent();
        try {
            if (!folders.contains(folder)) {
                Files.createDirectories(folder);
                folders.add(folder);
            }
            Path aside = folder.resolve(key + "." + PID + "-" + Thread.currentThread().getId() + ".tmp");
            try {
                Files.writeString(aside, responseBody, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) { // the folder was removed while running
                Files.createDirectories(folder);
                Files.writeString(aside, responseBody, StandardCharsets.UTF_8);
            }
            Files.move(aside, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the response cache in " + this.folder + ": " + e.getMessage(), e);
        }
    }

    private Path entry(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
