package org.talecamel.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.talecamel.audit.AuditLog;
import org.talecamel.audit.AuditRow;

/**
 * Opens and finishes runs. An inbox run holds the files of one inbox poll: it opens with the poll's first file and
 * finishes after its last. A suite's run (from the nightly schedule) is opened and finished by its route.
 */
public final class RunCoordinator {

    private final Path output;
    private final RunSettings defaults;
    private final Clock clock;
    private final RunListener listener;
    private final Set<Run> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> lastLine = new ConcurrentHashMap<>();
    private final long progressIntervalMs;
    private final Consumer<AuditRow> auditObserver;
    private final RunRecorder recorder;
    private Run inboxRun;
    /** The inbox run's files taken and not yet read to their end: one at a time, or all of a poll's in batch mode. */
    private int inboxFilesReading;
    /** Whether the inbox run has taken its poll's last file. */
    private boolean inboxPollTaken;
    private RunManifest toResume;
    private int finishedRuns;
    /** set once the process is asked to stop: every run open then, or opened after, is interrupted */
    private volatile boolean stopping;

    /** @param defaults the settings of inbox runs; suites bring their own */
    /** @param progressIntervalMs how often a running run's progress is written as a log line */
    /** @param auditObserver sees every audit row of every run as it is written (the metrics) */
    /** @param recorder judges and writes down each run that finishes */
    public RunCoordinator(Path output, RunSettings defaults, long progressIntervalMs, Clock clock, RunListener listener,
                          Consumer<AuditRow> auditObserver, RunRecorder recorder) {
        this.recorder = recorder;
        this.progressIntervalMs = progressIntervalMs;
        this.auditObserver = auditObserver;
        this.output = output;
        this.defaults = defaults;
        this.clock = clock;
        this.listener = listener;
    }

    public RunSettings defaults() {
        return defaults;
    }

    /**
     * The open inbox run, opened now if this is the first file of a poll (or reopened, when an interrupted run is
     * to be resumed). The run's manifest notes where the file waits while it is read.
     *
     * @param file       where the file is while the run reads it ({@code <inbox>/.inprogress/<name>})
     * @param lastOfPoll whether it is its poll's last file
     */
    public synchronized Run fileArrived(InputFile input, Path file, boolean lastOfPoll) {
        if (inboxRun == null) {
            inboxRun = toResume == null ? open(defaults) : reopen(toResume, defaults);
            toResume = null;
        }
        inboxRun.fileStarted(input);
        RunManifest.fileTaken(inboxRun.directory(), inboxRun.startedAt(), file);
        inboxFilesReading++;
        inboxPollTaken |= lastOfPoll;
        return inboxRun;
    }

    /**
     * A file of the inbox run has been read to its end, or given up. Whether the run ends with it: when no other file
     * of the run is still being read, and its poll's last file has been taken or the run was interrupted (Camel takes
     * no further file of the poll then). Files read one at a time end the run with the poll's last; files read at
     * once (batch mode) with whichever of them is read last.
     */
    public synchronized boolean fileRead(Run run) {
        if (run != inboxRun) {
            return false; // finished without it: forced down with the routes
        }
        inboxFilesReading--;
        return inboxFilesReading == 0 && (inboxPollTaken || run.isInterrupted());
    }

    /** Whether files of the open inbox run are still being read: the inbox takes no new file until it has ended. */
    public synchronized boolean readingInbox() {
        return inboxFilesReading > 0;
    }

    /**
     * Resumes an interrupted inbox run with the next poll: the run keeps its id and folder, and reads its files
     * again (they are back in the inbox); answers received before the interruption come from the response cache.
     */
    public synchronized void resume(RunManifest interrupted) {
        toResume = interrupted;
    }

    /** Notes where an API run's upload is kept, so that the next start resumes the run if the process stops in it. */
    public void uploadKept(Run run, Path kept) {
        RunManifest.uploadKept(run.directory(), run.startedAt(), kept);
    }

    /** The API runs that the process stopped in the middle of, oldest first. */
    public List<RunManifest> interruptedUploads() {
        return RunManifest.interruptedUploads(output).stream().filter(this::notOpen).toList();
    }

    /**
     * A run folder without its summary is an interrupted run only if no run of this process has it open: an upload
     * accepted in the service's first second is running, not interrupted.
     */
    private boolean notOpen(RunManifest manifest) {
        return openRun(manifest.directory().getFileName().toString()).isEmpty();
    }

    /**
     * Reopens an interrupted API run, to read its upload again: it keeps its id and folder, and answers received
     * before the interruption come from the response cache.
     */
    public Run resumeUpload(RunManifest interrupted) {
        Run run = reopen(interrupted, defaults);
        uploadKept(run, interrupted.upload());
        return run;
    }

    /** Opens a batch job's run, noting the job in its manifest so that a restart of the job finds the run. */
    public Run openJob(RunSettings settings, String job) {
        Run run = open(settings);
        RunManifest.jobNoted(run.directory(), run.startedAt(), job);
        return run;
    }

    /** The newest interrupted run noted for this job ({@link #openJob}), if there is one. */
    public Optional<RunManifest> interruptedJob(String job) {
        return RunManifest.interruptedJob(output, job).filter(this::notOpen);
    }

    /**
     * Reopens the interrupted run of a restarted batch job, with the job's settings: it keeps its id and folder, and
     * answers received before the interruption come from the response cache.
     */
    public Run resumeJob(RunManifest interrupted, RunSettings settings) {
        Run run = reopen(interrupted, settings);
        RunManifest.jobNoted(run.directory(), run.startedAt(), interrupted.job());
        return run;
    }

    private Run reopen(RunManifest interrupted, RunSettings settings) {
        Path directory = interrupted.directory();
        Path audit = directory.resolve("audit.csv");
        String note = "resumed after the process stopped";
        try {
            Files.deleteIfExists(directory.resolve(RunManifest.NAME));
            if (Files.exists(audit)) {
                Path kept = directory.resolve("audit.interrupted.csv");
                for (int n = 2; Files.exists(kept); n++) {
                    kept = directory.resolve("audit.interrupted-" + n + ".csv");
                }
                Files.move(audit, kept);
                note += "; the calls made before are in " + kept.getFileName() + " (" + AuditLog.describe(kept)
                        + "), and their answers came from the response cache";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume run " + interrupted.runId() + ": " + e.getMessage(), e);
        }
        Run run = new Run(interrupted.runId(), interrupted.startedAt(), directory, settings,
                AuditLog.open(audit, output.resolve("audit")), clock, auditObserver);
        run.resumed(note);
        return opened(run);
    }

    /** Opens a run with its own settings (a suite's), beside any other open run. */
    public Run open(RunSettings settings) {
        Instant start = clock.instant();
        String id = RunId.startingAt(start);
        Path directory = output.resolve("runs").resolve(id);
        AuditLog audit = AuditLog.open(directory.resolve("audit.csv"), output.resolve("audit"));
        return opened(new Run(id, start, directory, settings, audit, clock, auditObserver));
    }

    private Run opened(Run run) {
        open.add(run);
        if (stopping) {
            run.stop(RunEnding.INTERRUPTED);
        }
        return run;
    }

    /**
     * The process is asked to stop (Ctrl-C, SIGTERM): every open run stops sending, its calls in flight finish, and
     * it ends interrupted, left for the next start to resume. So does a run opened from now on.
     *
     * @return the runs open now
     */
    public List<Run> interruptAll() {
        stopping = true;
        List<Run> running = openRuns();
        running.forEach(run -> run.stop(RunEnding.INTERRUPTED));
        return running;
    }

    /** Finishes the open inbox run (after the last file of a poll, or the file it was interrupted in). */
    public void finishRun() {
        Run run;
        synchronized (this) {
            if (inboxRun == null) {
                throw new IllegalStateException("no inbox run is open");
            }
            run = inboxRun;
            closeInboxRun();
        }
        finish(run);
    }

    /**
     * Finishes a run: closes its audit, judges its quality gates against the previous run of its suite and model,
     * writes its reports, junit.xml and history entry, and tells the listener. An interrupted run gets none of them:
     * it keeps its manifest and no summary, so that it looks unfinished to everyone and its next start resumes it;
     * the listener is told how far it got.
     *
     * @return the run's outcome; empty when it was interrupted
     */
    public Optional<RunOutcome> finish(Run run) {
        Progress progress = run.progress();
        RunOutcome outcome = null;
        try {
            RunSummary summary = run.finish();
            if (summary.ending().kind() != RunEnding.Kind.INTERRUPTED) {
                outcome = record(run, summary);
            }
        } finally {
            // open until it is in the history, so that a run is always either open or recorded to whoever asks
            open.remove(run);
            lastLine.remove(run.id());
            synchronized (this) {
                if (inboxRun == run) { // forced down with the routes: its last file never got to end it
                    closeInboxRun();
                }
            }
        }
        if (outcome == null) {
            listener.runInterrupted(progress);
        } else {
            listener.runFinished(outcome);
        }
        return Optional.ofNullable(outcome);
    }

    private void closeInboxRun() {
        inboxRun = null;
        inboxFilesReading = 0;
        inboxPollTaken = false;
    }

    private synchronized RunOutcome record(Run run, RunSummary summary) { // one history writer at a time
        RunOutcome outcome = recorder.record(run, summary);
        finishedRuns++;
        return outcome;
    }

    /** The open run of this id, if it is still running in this process. */
    public Optional<Run> openRun(String id) {
        return open.stream().filter(run -> run.id().equals(id)).findFirst();
    }

    /** The runs still running in this process, oldest first. */
    public List<Run> openRuns() {
        return open.stream().sorted(java.util.Comparator.comparing(Run::startedAt).thenComparing(Run::id)).toList();
    }

    /** Tells the listener how far each open run has got; called about every second. */
    public void reportProgress() {
        for (Run run : open) {
            Progress progress = run.progress();
            long now = progress.elapsed().toMillis();
            Long last = lastLine.get(run.id());
            boolean due = last == null ? now >= progressIntervalMs : now - last >= progressIntervalMs;
            if (due) {
                lastLine.put(run.id(), now);
            }
            listener.progress(progress, due);
        }
    }

    /** A poll of {@code inbox} found no file. */
    public synchronized void inboxIdle(Path inbox) {
        if (inboxRun == null && finishedRuns == 0) {
            listener.inboxEmpty(inbox);
        }
    }
}
