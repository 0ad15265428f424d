package org.talecamel.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

/**
 * Who may call the API: anyone on this machine when it listens on loopback without a token, else only callers that
 * send {@code Authorization: Bearer <tale.http.token>}. A server on any other address must have a token: without
 * one it does not start. The token is never logged and never part of a message.
 */
public final class HttpAccess {

    /** What a request's {@code Authorization} header amounts to. */
    public enum Verdict { ALLOWED, MISSING_TOKEN, WRONG_TOKEN }

    static final int MIN_TOKEN_LENGTH = 16;
    private static final String BEARER = "bearer ";

    private final byte[] token;

    private HttpAccess(byte[] token) {
        this.token = token;
    }

    /**
     * @param token     {@code tale.http.token}, or null
     * @param tokenFile {@code tale.http.token-file}, or null: a file holding the token (surrounding whitespace ignored)
     * @throws IllegalArgumentException when the settings are not safe or not usable, saying what to change
     */
    public static HttpAccess of(String host, String token, String tokenFile) {
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("set tale.http.token or tale.http.token-file, not both");
        }
        String secret = tokenFile != null ? read(Path.of(tokenFile)) : token;
        if (secret != null && secret.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the HTTP API token (tale.http.token" + (tokenFile != null ? "-file" : "")
                    + ") is shorter than " + MIN_TOKEN_LENGTH + " characters: use a long random one, e.g. openssl rand -hex 32");
        }
        if (secret == null && !isLoopback(host)) {
            throw new IllegalArgumentException("the HTTP API would listen on " + host + " (tale.http.host), where other"
                    + " machines can call it, and no token is set: set tale.http.token (or tale.http.token-file) to a long"
                    + " random secret, or set tale.http.host=127.0.0.1. The server was not started.");
        }
        return new HttpAccess(secret == null ? null : secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    public boolean tokenRequired() {
        return token != null;
    }

    public Verdict check(String authorization) {
        if (token == null) {
            return Verdict.ALLOWED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Verdict.MISSING_TOKEN;
        }
        byte[] sent = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, token) ? Verdict.ALLOWED : Verdict.WRONG_TOKEN;
    }

    /** True when every address the host name stands for is a loopback address (127.0.0.0/8, ::1). */
    static boolean isLoopback(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("tale.http.token-file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException("tale.http.token-file: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
