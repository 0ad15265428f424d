package org.talecamel.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts named problem files through the same inbox route as dropped files: they are copied into a fresh inbox of
 * their own (the originals are never moved), whose done/ and failed/ folders sit beside it.
 */
public final class Staging {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private Staging() {
    }

    /** Copies the files (or the problem files in named folders) into {@code <root>/<stamp>/inbox} and returns it. */
    public static Path stage(List<Path> files, Path root) {
        List<Path> sources = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                try (Stream<Path> entries = Files.list(file)) {
                    entries.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(sources::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + file + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(file)) {
                sources.add(file);
            } else {
                throw new IllegalArgumentException("problem file not found: " + file.toAbsolutePath());
            }
        }
        Path inbox = root.resolve(STAMP.format(Instant.now())).resolve("inbox");
        try {
            Files.createDirectories(inbox);
            for (Path source : sources) {
                Path target = inbox.resolve(source.getFileName().toString());
                if (Files.exists(target)) {
                    throw new IllegalArgumentException("two problem files are named " + source.getFileName()
                            + ": rename one (the report names files by their name)");
                }
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage problem files in " + inbox + ": " + e.getMessage(), e);
        }
        return inbox;
    }
}
