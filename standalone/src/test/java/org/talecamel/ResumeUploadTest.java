package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/**
 * Runs of uploads that the process stopped in the middle of are finished when the service starts again, under their
 * own ids (the real {@code kill -9} is in {@link KillResumeIT}); one whose upload is gone is finished saying so.
 */
class ResumeUploadTest {

    @Test
    void should_finish_interrupted_upload_runs_when_the_service_starts(@TempDir Path root) throws Exception {
        // given two API runs the process stopped in: one whose upload is kept, one whose upload was removed since
        Path runs = Files.createDirectories(root.resolve("out/runs"));
        Path kept = Files.createDirectories(root.resolve("uploads")).resolve("20261126-010000-000-aaaa-sums.jsonl");
        Files.writeString(kept, """
                {"id":"a","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
                {"id":"b","question":"Ann has 2 pens and buys 5 more. How many pens does she have?","answer":"#### 7"}
                """);
        interrupted(runs.resolve("20261126-010000-000-aaaa"), kept);
        interrupted(runs.resolve("20261126-020000-000-bbbb"), root.resolve("uploads/20261126-020000-000-bbbb-gone.jsonl"));

        // when the service starts
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (app.runs().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            // then both runs are finished under their own ids, and no other run is made
            Map<String, RunOutcome> finished = app.runs().stream()
                    .collect(Collectors.toMap(r -> r.summary().runId(), r -> r));
            assertThat(finished).containsOnlyKeys("20261126-010000-000-aaaa", "20261126-020000-000-bbbb");
            RunOutcome resumed = finished.get("20261126-010000-000-aaaa");
            assertThat(resumed.summary().problems()).isEqualTo(2);
            assertThat(resumed.summary().files()).singleElement()
                    .satisfies(f -> assertThat(f.name()).isEqualTo("sums.jsonl"));
            assertThat(resumed.summary().resumed()).contains("resumed after the process stopped");
            assertThat(InboxToReportTest.audit(resumed.audit())).hasSize(6); // cot, and tale-ep's estimate and answer
            RunOutcome gone = finished.get("20261126-020000-000-bbbb");
            assertThat(gone.summary().problems()).isZero();
            assertThat(gone.summary().files()).singleElement().satisfies(f -> {
                assertThat(f.name()).isEqualTo("gone.jsonl");
                assertThat(f.error()).contains("no longer at").contains("20261126-020000-000-bbbb-gone.jsonl");
            });
            assertThat(runs.resolve("20261126-020000-000-bbbb/summary.json")).exists();
        }
    }

    /** A run folder as the process leaves it when killed: a manifest naming its upload, and no summary. */
    private static void interrupted(Path run, Path upload) throws Exception {
        Files.createDirectories(run);
        Files.writeString(run.resolve("files.txt"), "started=2026-11-26T01:00:00Z\nupload=" + upload.toAbsolutePath() + "\n");
    }
}
