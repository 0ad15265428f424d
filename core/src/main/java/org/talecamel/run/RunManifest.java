package org.talecamel.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code runs/<id>/files.txt}: when a run started and what it reads: each file an inbox run took from the inbox (where
 * the file waits while it is read: {@code <inbox>/.inprogress/<name>}), or the file uploaded for an API run (where it
 * is kept). A run with a manifest and no {@code summary.json} was interrupted (the process was killed), and the next
 * start resumes it. A batch job's run notes the job it belongs to instead ({@code job=<key>}): restarting that job
 * resumes it.
 *
 * @param files  where each file of an inbox run was while it was read, in the order they came
 * @param upload where the file of an API run is kept; null for an inbox run
 * @param job    the batch job whose run this is ({@code Jakarta Batch}'s job instance); null for other runs
 */
public record RunManifest(String runId, Instant startedAt, Path directory, List<Path> files, Path upload, String job) {

    public static final String NAME = "files.txt";
    /** Why a run with a manifest and no summary stopped, as the API and the dashboard say it. */
    public static final String INTERRUPTED = "interrupted: the process stopped in the middle of this run (or another"
            + " tale-camel process is running it); the next start with the same inbox, command or upload, or the restart"
            + " of its batch job, finishes it";
    /** The same, for a run that noted no files to read again (a nightly suite's): nothing resumes it. */
    public static final String INTERRUPTED_FOR_GOOD = "interrupted: the process stopped in the middle of this run (or"
            + " another tale-camel process is running it), and it is not resumed: the suite's next scheduled run reads"
            + " its files again";
    private static final String STARTED = "started=";
    private static final String FILE = "file=";
    private static final String UPLOAD = "upload=";
    private static final String JOB = "job=";

    /** Notes that the run took this file, writing the manifest's first line with the run's first file. */
    static void fileTaken(Path directory, Instant startedAt, Path file) {
        append(directory, startedAt, FILE + file.toAbsolutePath());
    }

    /** Notes the file uploaded for an API run, where it is kept. */
    static void uploadKept(Path directory, Instant startedAt, Path kept) {
        append(directory, startedAt, UPLOAD + kept.toAbsolutePath());
    }

    /** Notes the batch job the run belongs to, so that restarting the job finds the run. */
    static void jobNoted(Path directory, Instant startedAt, String job) {
        append(directory, startedAt, JOB + job);
    }

    private static void append(Path directory, Instant startedAt, String entry) {
        try {
            Files.createDirectories(directory);
            Path manifest = directory.resolve(NAME);
            String line = (Files.exists(manifest) ? "" : STARTED + startedAt + "\n") + entry + "\n";
            Files.writeString(manifest, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    /** The newest interrupted run that read files from this inbox, if there is one. */
    public static Optional<RunManifest> interrupted(Path output, Path inbox) {
        Path inboxFolder = inbox.toAbsolutePath().normalize();
        return allInterrupted(output).filter(run -> !run.files().isEmpty()
                && run.files().stream().allMatch(f -> inboxFolder.equals(inboxOf(f)))).findFirst();
    }

    /** The interrupted runs of uploaded files, oldest first. */
    public static List<RunManifest> interruptedUploads(Path output) {
        List<RunManifest> uploads = new ArrayList<>(allInterrupted(output).filter(run -> run.upload() != null).toList());
        Collections.reverse(uploads);
        return uploads;
    }

    /**
     * The newest interrupted run of files named on the command line (or by a suite), staged under
     * {@code stagingRoot}, that took only files of these names: the same command, started again.
     */
    public static Optional<RunManifest> interruptedStaged(Path output, Path stagingRoot, Set<String> names) {
        Path root = stagingRoot.toAbsolutePath().normalize();
        return allInterrupted(output).filter(run -> !run.files().isEmpty()
                && run.files().stream().allMatch(f -> names.contains(f.getFileName().toString())
                && root.equals(inboxOf(f).getParent().getParent()))).findFirst();
    }

    /** The newest interrupted run of this batch job, if there is one. */
    public static Optional<RunManifest> interruptedJob(Path output, String job) {
        return allInterrupted(output).filter(run -> job.equals(run.job())).findFirst();
    }

    /** The interrupted runs, newest first. */
    private static Stream<RunManifest> allInterrupted(Path output) {
        Path runs = output.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Stream.empty();
        }
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(dir -> Files.isRegularFile(dir.resolve(NAME)) && !Files.exists(dir.resolve("summary.json")))
                    .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString()).reversed())
                    .map(RunManifest::read)
                    .flatMap(Optional::stream)
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    private static Optional<RunManifest> read(Path directory) {
        try {
            Instant started = null;
            List<Path> files = new ArrayList<>();
            Path upload = null;
            String job = null;
            for (String line : Files.readAllLines(directory.resolve(NAME), StandardCharsets.UTF_8)) {
                if (line.startsWith(STARTED)) {
                    started = Instant.parse(line.substring(STARTED.length()));
                } else if (line.startsWith(FILE)) {
                    files.add(Path.of(line.substring(FILE.length())));
                } else if (line.startsWith(UPLOAD)) {
                    upload = Path.of(line.substring(UPLOAD.length()));
                } else if (line.startsWith(JOB)) {
                    job = line.substring(JOB.length());
                }
            }
            // exactly one of: the files an inbox run took, an API run's upload, a batch job
            int sources = (files.isEmpty() ? 0 : 1) + (upload == null ? 0 : 1) + (job == null ? 0 : 1);
            return started == null || sources != 1 ? Optional.empty()
                    : Optional.of(new RunManifest(directory.getFileName().toString(), started, directory, files, upload,
                            job));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a manifest cut short by the kill: nothing to resume from
        }
    }

    /** The inboxes the run took its files from. */
    public Set<Path> inboxes() {
        return files.stream().map(RunManifest::inboxOf).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** {@code <inbox>/.inprogress/<name>} belongs to {@code <inbox>}. */
    private static Path inboxOf(Path inProgress) {
        return inProgress.toAbsolutePath().normalize().getParent().getParent();
    }

    /**
     * Puts the run's files back into the inbox, from {@code .inprogress} (the file being read when it stopped) or
     * from {@code done/} (files it had finished), so that the resumed run reads them all again. Answers received
     * before come from the response cache. A file of the same name dropped in the meantime wins; this one is left.
     *
     * @return the files now back in the inbox
     */
    public List<Path> returnFilesToInbox() {
        List<Path> returned = new ArrayList<>();
        for (Path inProgress : files) {
            Path inbox = inboxOf(inProgress);
            Path name = inProgress.getFileName();
            Path done = inbox.resolveSibling("done").resolve(name);
            Path source = Files.exists(inProgress) ? inProgress : Files.exists(done) ? done : null;
            Path target = inbox.resolve(name);
            if (source == null || Files.exists(target)) {
                continue;
            }
            try {
                Files.move(source, target);
                // a new modification time: the inbox's idempotent repository took the old one as read
                Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(Instant.now()));
                returned.add(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put " + source + " back into " + inbox + ": " + e.getMessage(), e);
            }
        }
        return returned;
    }
}
