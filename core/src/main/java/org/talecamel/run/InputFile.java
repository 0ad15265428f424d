package org.talecamel.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file a run read, as its history knows it: its name, the SHA-256 of its content (runs compare only with runs over
 * the same inputs, whatever the files are called), and its lines (about how many problems it holds, for progress).
 *
 * @param sha256 null when the file could not be read (the run says why elsewhere)
 */
public record InputFile(String name, String sha256, long lines) {

    /** Reads the file once, without decoding it: its lines and its hash. */
    public static InputFile scan(Path file, String name) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        long lines = 0;
        boolean pending = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        pending = false;
                    } else {
                        pending = true;
                    }
                }
            }
        } catch (IOException e) {
            return new InputFile(name, null, 0); // reading the file will report the problem
        }
        return new InputFile(name, HexFormat.of().formatHex(sha.digest()), lines + (pending ? 1 : 0));
    }
}
