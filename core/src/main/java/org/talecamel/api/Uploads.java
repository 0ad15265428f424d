package org.talecamel.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.talecamel.problems.ProblemFiles;
import org.talecamel.problems.ProblemStream;
import org.talecamel.problems.UnreadableFileException;

/**
 * Problem files uploaded through the API, kept in one folder (beside the inbox) as {@code <run-id>-<name>}. An upload
 * is written under a hidden temporary name first and checked (size, UTF-8, a format tale-camel reads) before its
 * run is opened, so a bad upload is refused at once rather than becoming a failed run.
 */
public final class Uploads {

    /** A checked upload, still under its temporary name. */
    public record Received(Path file, String name, long bytes) {
    }

    private final Path folder;
    private final long maxBytes;

    public Uploads(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes the body aside and checks it.
     *
     * @throws ApiError 400 when it has no usable name, is empty, is not UTF-8 or cannot be read as problems;
     *                  413 when it is larger than the limit
     */
    public Received receive(InputStream body, String requestedName) {
        if (requestedName == null || requestedName.isBlank()) {
            throw ApiError.badRequest("name the file: POST /api/runs?name=problems.jsonl with the file as the body,"
                    + " or send it as multipart/form-data (curl -F file=@problems.jsonl)");
        }
        String name = UploadName.sanitise(requestedName);
        if (name.isEmpty()) {
            throw ApiError.badRequest("'" + requestedName + "' leaves no usable file name: name it like problems.jsonl");
        }
        Path part = folder.resolve("." + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(folder);
            long bytes = copyCheckingUtf8(body, part, name);
            if (bytes == 0) {
                throw ApiError.badRequest(name + ": the upload is empty (0 bytes)");
            }
            try (ProblemStream opened = ProblemFiles.open(part, name)) {
                // opening checks the type, that it holds text, and the JSON array or CSV header
            } catch (UnreadableFileException e) {
                throw ApiError.badRequest(name + ": " + e.reason());
            }
            return new Received(part, name, bytes);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("cannot save the upload in " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** Gives the upload its final name, once its run is known. */
    public Path keep(Received upload, String runId) throws IOException {
        Path kept = folder.resolve(prefix(runId) + upload.name());
        if (!kept.normalize().getParent().equals(folder.normalize())) {
            throw new IllegalStateException("upload name escapes " + folder + ": " + upload.name());
        }
        return Files.move(upload.file(), kept, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The name the user gave a kept upload, from its file name. */
    public static String nameOf(Path kept, String runId) {
        String file = kept.getFileName().toString();
        return file.startsWith(prefix(runId)) ? file.substring(prefix(runId).length()) : file;
    }

    private static String prefix(String runId) {
        return runId + "-";
    }

    public void discard(Received upload) {
        deleteQuietly(upload.file());
    }

    private long copyCheckingUtf8(InputStream body, Path target, String name) throws IOException {
        Utf8Check utf8 = new Utf8Check();
        long total = 0;
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            if (body != null) {
                for (int read = body.read(chunk); read >= 0; read = body.read(chunk)) {
                    total += read;
                    if (total > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    out.write(chunk, 0, read);
                    notUtf8(utf8.feed(chunk, read), name);
                }
            }
            notUtf8(utf8.end(), name);
        }
        return total;
    }

    private static void notUtf8(Utf8Check.Failure failure, String name) {
        if (failure != null) {
            throw ApiError.badRequest(name + " line " + failure.line() + ": not UTF-8 (byte offset " + failure.offset()
                    + "); save the file as UTF-8 and upload it again");
        }
    }

    /** The answer to a body over the limit, the same wherever it is noticed. */
    public static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "the upload is larger than tale.http.max-upload-bytes=" + maxBytes
                + " bytes: split the file, or raise the limit");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray hidden .part file is harmless: nothing reads hidden files
        }
    }
}
