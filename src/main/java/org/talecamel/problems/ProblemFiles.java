package org.talecamel.problems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens problem files by their extension. TEMPORARY STUB: JSONL only, replaced by the real readers. */
public final class ProblemFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemFiles() {
    }

    public static ProblemStream open(Path file) throws UnreadableFileException {
        String name = file.getFileName().toString();
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableFileException(name, e.getMessage());
        }
        return new ProblemStream() {
            long line;
            String next = advance();

            private String advance() {
                try {
                    line++;
                    return reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ProblemInput next() {
                String text = next;
                long at = line;
                next = advance();
                try {
                    JsonNode node = JSON.readTree(text);
                    return new Problem(name, at, name + "-L" + at, node.path("question").asText(), node.path("answer").asText());
                } catch (IOException e) {
                    return new Rejection(name, at, e.getMessage());
                }
            }

            @Override
            public void close() {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // nothing to recover
                }
            }
        };
    }
}
