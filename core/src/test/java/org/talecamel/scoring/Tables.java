package org.talecamel.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the tab-separated tables of test cases beside these tests: blank lines and {@code #} lines are comments. */
final class Tables {

    /** Stands for a line break inside a field. */
    static final String LINE_BREAK = "\u23ce";

    private Tables() {
    }

    /** The rows of {@code resource}, each with exactly {@code columns} fields. */
    static List<String[]> rows(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(Tables.class.getResourceAsStream(resource), resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.replace(LINE_BREAK, "\n").split("\t", -1);
                if (fields.length != columns) {
                    throw new IllegalStateException(resource + " line " + lineNumber + ": expected " + columns
                            + " tab-separated fields, found " + fields.length);
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
