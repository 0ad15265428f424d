package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;
import org.talecamel.outcome.OutcomeWriter;

/** A run the process is asked to stop in is left unfinished, for its next start, and only said to be interrupted. */
class RunCoordinatorTest {

    private final List<Progress> interrupted = new CopyOnWriteArrayList<>();
    private final List<RunOutcome> finished = new CopyOnWriteArrayList<>();

    @Test
    void should_write_no_report_for_an_interrupted_run_and_leave_it_to_be_resumed(@TempDir Path root) throws Exception {
        // given: an inbox run reading one file
        RunCoordinator runs = coordinator(root);
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path file = Files.writeString(Files.createDirectories(inbox.resolve(".inprogress")).resolve("a.jsonl"),
                "{\"question\":\"q\",\"answer\":\"1\"}\n{\"question\":\"r\",\"answer\":\"2\"}\n");
        Run run = runs.fileArrived(InputFile.scan(file, "a.jsonl"), file, true);

        // when: the process is asked to stop, and the run's file route ends it
        assertThat(runs.interruptAll()).containsExactly(run);
        runs.finishRun();

        // then: no summary, report, junit.xml or history entry; the manifest stays, so the next start resumes it
        assertThat(run.isStopped()).isTrue();
        assertThat(run.directory().resolve("summary.json")).doesNotExist();
        assertThat(run.directory().resolve("report.md")).doesNotExist();
        assertThat(run.directory().resolve("junit.xml")).doesNotExist();
        assertThat(root.resolve("out/runs/index.json")).doesNotExist();
        assertThat(RunManifest.interrupted(root.resolve("out"), inbox)).hasValueSatisfying(
                manifest -> assertThat(manifest.runId()).isEqualTo(run.id()));
        assertThat(finished).isEmpty();
        assertThat(interrupted).singleElement().satisfies(progress -> assertThat(progress.describeInterrupted())
                .isEqualTo("Run " + run.id() + " interrupted after 0 of 2 problems; run the same command again to "
                        + "finish it (answers received so far are not asked again)"));
        assertThat(runs.openRuns()).isEmpty();
    }

    @Test
    void should_interrupt_a_run_opened_once_the_process_is_stopping(@TempDir Path root) {
        RunCoordinator runs = coordinator(root);
        runs.interruptAll();

        Run late = runs.open(runs.defaults());

        assertThat(late.isInterrupted()).isTrue();
    }

    @Test
    void should_not_take_an_upload_or_a_job_still_running_here_for_an_interrupted_one(@TempDir Path root)
            throws Exception {
        // given: an upload accepted, and a nightly run begun, in the service's first second
        RunCoordinator runs = coordinator(root);
        Run upload = runs.open(runs.defaults());
        runs.uploadKept(upload, Files.writeString(root.resolve("kept.jsonl"), "{\"question\":\"q\",\"answer\":\"1\"}\n"));
        Run nightly = runs.openJob(runs.defaults(), "nightly:samples");

        // when the start looks for runs its last stop interrupted, then: these are not, they run
        assertThat(runs.interruptedUploads()).isEmpty();
        assertThat(runs.interruptedJob("nightly:samples")).isEmpty();

        // and once this process is asked to stop in them, its next start finds both
        runs.interruptAll();
        runs.finish(upload);
        runs.finish(nightly);
        assertThat(runs.interruptedUploads()).extracting(RunManifest::runId).containsExactly(upload.id());
        assertThat(runs.interruptedJob("nightly:samples")).map(RunManifest::runId).hasValue(nightly.id());
    }

    @Test
    void should_end_an_inbox_run_with_the_poll_s_last_file_when_its_files_are_read_in_turn(@TempDir Path root)
            throws Exception {
        RunCoordinator runs = coordinator(root);
        Path a = inProgress(root, "a.jsonl");
        Path b = inProgress(root, "b.jsonl");

        Run run = runs.fileArrived(InputFile.scan(a, "a.jsonl"), a, false);
        assertThat(runs.fileRead(run)).as("a read, b not taken yet").isFalse();
        assertThat(runs.readingInbox()).isFalse();
        assertThat(runs.fileArrived(InputFile.scan(b, "b.jsonl"), b, true)).isSameAs(run);

        assertThat(runs.fileRead(run)).as("the poll's last read").isTrue();
    }

    @Test
    void should_end_an_inbox_run_with_whichever_file_is_read_last_when_its_files_are_read_at_once(
            @TempDir Path root) throws Exception {
        // given: a poll's two files taken at once, as batch mode reads them
        RunCoordinator runs = coordinator(root);
        Path a = inProgress(root, "a.jsonl");
        Path b = inProgress(root, "b.jsonl");
        Run run = runs.fileArrived(InputFile.scan(a, "a.jsonl"), a, false);
        runs.fileArrived(InputFile.scan(b, "b.jsonl"), b, true);

        // when the poll's last file is read first, then: the run goes on, and the inbox waits for it
        assertThat(runs.fileRead(run)).isFalse();
        assertThat(runs.readingInbox()).isTrue();

        // and it ends with the other
        assertThat(runs.fileRead(run)).isTrue();
        runs.finishRun();
        assertThat(runs.readingInbox()).isFalse();
        assertThat(finished).singleElement().satisfies(outcome -> assertThat(outcome.summary().runId())
                .isEqualTo(run.id()));
    }

    @Test
    void should_end_an_interrupted_inbox_run_once_the_files_it_was_reading_are_read(@TempDir Path root)
            throws Exception {
        // given: a poll of three files, two taken at once when the process is asked to stop
        RunCoordinator runs = coordinator(root);
        Path a = inProgress(root, "a.jsonl");
        Path b = inProgress(root, "b.jsonl");
        Run run = runs.fileArrived(InputFile.scan(a, "a.jsonl"), a, false);
        runs.fileArrived(InputFile.scan(b, "b.jsonl"), b, false);
        runs.interruptAll();

        // then: the run ends with the second of them, though the poll's last file was never taken
        assertThat(runs.fileRead(run)).isFalse();
        assertThat(runs.fileRead(run)).isTrue();
    }

    private static Path inProgress(Path root, String name) throws Exception {
        return Files.writeString(Files.createDirectories(root.resolve("inbox/.inprogress")).resolve(name),
                "{\"question\":\"q\",\"answer\":\"1\"}\n");
    }

    private RunCoordinator coordinator(Path root) {
        RunSettings settings = new RunSettings("inbox", List.of(Method.COT),
                new Endpoint("simulator", "http://127.0.0.1:1/v1", "gpt-4o-mini", true), GateLimits.none());
        return new RunCoordinator(root.resolve("out"), settings, 10_000, Clock.systemUTC(), new RunListener() {
            @Override
            public void runFinished(RunOutcome outcome) {
                finished.add(outcome);
            }

            @Override
            public void runInterrupted(Progress progress) {
                interrupted.add(progress);
            }

            @Override
            public void inboxEmpty(Path inbox) {
            }

            @Override
            public void progress(Progress progress, boolean lineDue) {
            }
        }, row -> { }, new OutcomeWriter(root.resolve("out")));
    }
}
