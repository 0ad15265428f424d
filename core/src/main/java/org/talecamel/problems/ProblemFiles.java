package org.talecamel.problems;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Opens a problem file with the reader its extension names, after checking it holds text at all. */
public final class ProblemFiles {

    private static final Map<String, Opener> READERS = Map.of(
            ".jsonl", JsonLinesReader::new,
            ".ndjson", JsonLinesReader::new,
            ".json", JsonArrayReader::open,
            ".csv", CsvReader::open);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int SNIFF_BYTES = 8 * 1024;

    private ProblemFiles() {
    }

    /**
     * @return the file's items, read lazily; close it when done
     * @throws UnreadableFileException when the file as a whole cannot be read: unknown extension, empty, binary,
     *                                 no JSON array or CSV header, or an I/O error
     */
    public static ProblemStream open(Path file) throws UnreadableFileException {
        return open(file, file.getFileName().toString());
    }

    /**
     * Opens a file kept under another name than the user gave it (an upload): {@code name} chooses the reader and is
     * what rows and reasons call the file.
     */
    public static ProblemStream open(Path file, String name) throws UnreadableFileException {
        Opener opener = READERS.get(extensionOf(name).toLowerCase(Locale.ROOT));
        if (opener == null) {
            throw new UnreadableFileException(name, "unsupported file type '" + extensionOf(name) + "': use .jsonl, .json or .csv");
        }
        InputStream in = null;
        try {
            checkHoldsText(file, name);
            in = openAfterBom(file);
            return opener.open(in, new ProblemFields(name));
        } catch (IOException e) {
            closeAfterFailure(in, e);
            throw new UnreadableFileException(name, describe(e));
        } catch (UncheckedIOException e) {
            closeAfterFailure(in, e);
            throw new UnreadableFileException(name, describe(e.getCause()));
        } catch (UnreadableFileException | RuntimeException e) {
            closeAfterFailure(in, e);
            throw e;
        }
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    /** Empty and binary files are told apart here, where the user can be told what is wrong, not as a parse error. */
    private static void checkHoldsText(Path file, String name) throws IOException, UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    throw new UnreadableFileException(name, "binary content (a NUL byte at offset " + i
                            + "): expected UTF-8 text; is the file compressed, or saved as UTF-16?");
                }
            }
            if (head.length == 0) {
                throw new UnreadableFileException(name, "the file is empty (0 bytes)");
            }
            int start = startsWithBom(head) ? BOM.length : 0;
            boolean blank = isBlank(head, start, head.length);
            byte[] more = new byte[SNIFF_BYTES];
            for (int read = in.read(more); blank && read > 0; read = in.read(more)) {
                blank = isBlank(more, 0, read);
            }
            if (blank) {
                throw new UnreadableFileException(name, "the file is empty (only whitespace)");
            }
        }
    }

    private static InputStream openAfterBom(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(BOM.length);
            if (!startsWithBom(in.readNBytes(BOM.length))) {
                in.reset();
            }
            return in;
        } catch (IOException e) {
            closeAfterFailure(in, e);
            throw e;
        }
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= BOM.length && Arrays.equals(bytes, 0, BOM.length, BOM, 0, BOM.length);
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "I/O error: " + e.getMessage();
    }

    private static void closeAfterFailure(InputStream in, Exception failure) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface Opener {
        ProblemStream open(InputStream in, ProblemFields fields) throws IOException, UnreadableFileException;
    }
}
