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
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts named problem files through the same inbox route as dropped files: they are copied into a fresh inbox of
 * their own (the originals are never moved), whose done/ and failed/ folders sit beside it, in a folder of the run's
 * own under the staging root. That folder is removed when the run ends: a killed run's is left behind, and removed
 * when the same command, run again, resumes it (resuming reads the files afresh; it needs only the run's manifest).
 */
public final class Staging {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern STAMPED = Pattern.compile("\\d{8}-\\d{6}-\\d{3}");

    private Staging() {
    }

    /** Copies the files (or the problem files in named folders) into {@code <root>/<stamp>/inbox} and returns it. */
    public static Path stage(List<Path> files, Path root) {
        List<Path> sources = sources(files);
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
            remove(inbox);
            throw new UncheckedIOException("cannot stage problem files in " + inbox + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            remove(inbox);
            throw e;
        }
        return inbox;
    }

    /**
     * The files a run of these names reads: each file named, and the files of each folder named (by name, hidden ones
     * left out, as the inbox leaves them).
     *
     * @throws IllegalArgumentException for a name that is neither a file nor a folder
     */
    public static List<Path> sources(List<Path> files) {
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
        return sources;
    }

    /**
     * Removes the run's folder that holds this staged inbox (with its done/ and failed/), once nothing needs it.
     * Anything that is not a staged inbox is left alone.
     *
     * @return false when some of it could not be removed (it is left for the user)
     */
    public static boolean remove(Path stagedInbox) {
        Path folder = stagedInbox.toAbsolutePath().normalize().getParent();
        if (folder == null || !stagedInbox.getFileName().toString().equals("inbox")
                || !STAMPED.matcher(folder.getFileName().toString()).matches() || !Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
