package org.talecamel.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A durable cache of usable chat responses, so a repeated or resumed run never pays twice for the same request.
 * The key is a SHA-256 of the endpoint's host and port and the request body as sent (model, messages, temperature,
 * max_tokens, seed). Each entry is the response body as received, in {@code <folder>/<2 hex>/<64 hex>.json}.
 */
public final class ResponseCache {

    private final Path folder;
    private final String endpoint;

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
        try {
            return Files.isRegularFile(entry) ? Optional.of(Files.readString(entry, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a cache that cannot be read is a miss
        }
    }

    /** Stores a response body; written aside and moved in, so a killed process never leaves half an entry. */
    public void put(String key, String responseBody) {
        Path entry = entry(key);
        try {
            Files.createDirectories(entry.getParent());
            Path temp = Files.createTempFile(entry.getParent(), key, ".tmp");
            Files.writeString(temp, responseBody, StandardCharsets.UTF_8);
            Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the response cache in " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path entry(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key + ".json");
    }
}
