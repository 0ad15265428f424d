package org.talecamel.problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writing problem files into a test's folder and reading them back whole (fine for the small files tests use). */
final class TestFiles {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TestFiles() {
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<ProblemInput> readAll(Path file) throws UnreadableFileException {
        List<ProblemInput> items = new ArrayList<>();
        try (ProblemStream stream = ProblemFiles.open(file)) {
            stream.forEachRemaining(items::add);
        }
        return items;
    }

    static List<Problem> problemsIn(List<ProblemInput> items) {
        return items.stream().filter(Problem.class::isInstance).map(Problem.class::cast).toList();
    }

    static List<Rejection> rejectionsIn(List<ProblemInput> items) {
        return items.stream().filter(Rejection.class::isInstance).map(Rejection.class::cast).toList();
    }
}
