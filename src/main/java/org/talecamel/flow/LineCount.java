package org.talecamel.flow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts a file's lines without decoding it: a fast estimate of how many problems it holds, for progress. */
final class LineCount {

    private LineCount() {
    }

    static long of(Path file) {
        long lines = 0;
        boolean pending = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
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
            return 0; // only an estimate: reading the file will report the problem
        }
        return lines + (pending ? 1 : 0);
    }
}
