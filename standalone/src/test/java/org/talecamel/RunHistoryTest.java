package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.history.RunHistory;
import org.talecamel.history.Trend;
import org.talecamel.run.RunOutcome;

/** Runs land in data-out/runs/index.json and index.html, and each report compares with the previous run. */
class RunHistoryTest {

    private static final Path SAMPLES = Path.of("data-in/samples/gsm8k-style.jsonl");

    @Test
    void should_index_every_run_and_compare_each_with_the_previous_one(@TempDir Path root) throws Exception {
        // given a first run (simulator seed 42), then a second of the same suite and model with another seed
        RunOutcome first = runOnce(root, "42");
        RunOutcome second = runOnce(root, "7");

        // then: both runs are indexed, the newest is latest, and the page links them with trend charts
        Path runs = root.resolve("out/runs");
        JsonNode index = new ObjectMapper().readTree(runs.resolve("index.json").toFile());
        assertThat(index).hasSize(2);
        assertThat(index.get(0).get("runId").asText()).isEqualTo(first.summary().runId());
        assertThat(index.get(1).get("suite").asText()).isEqualTo("inbox");
        assertThat(index.get(1).get("simulated").asBoolean()).isTrue();
        assertThat(index.get(1).get("methods").get(1).get("method").asText()).isEqualTo("tale-ep");
        assertThat(Files.readString(runs.resolve("latest")).strip()).isEqualTo(second.summary().runId());
        String page = Files.readString(runs.resolve("index.html"));
        assertThat(page).contains("href=\"" + second.summary().runId() + "/report.html\"", "SIMULATED",
                "Trends: inbox · gsm8k-style.jsonl on gpt-4o-mini", "data:image/png;base64,");
        assertThat(page.indexOf(second.summary().runId())).isLessThan(page.indexOf(first.summary().runId()));

        // and the same trend charts are kept as PNG files, for the dashboard
        RunHistory history = new RunHistory(runs);
        assertThat(history.trends()).singleElement().satisfies(trend -> {
            assertThat(trend.label()).isEqualTo("inbox · gsm8k-style.jsonl on gpt-4o-mini (SIMULATED)");
            assertThat(trend.newestRunId()).isEqualTo(second.summary().runId());
        });
        for (Trend.Kind kind : Trend.Kind.values()) {
            String name = history.trends().get(0).fileName(kind);
            assertThat(name).matches("inbox-gsm8k-style-jsonl-gpt-4o-mini-simulated-[0-9a-f]{8}-(accuracy|tokens)\\.png");
            assertThat(history.trendChart(name)).hasValueSatisfying(chart -> assertThat(chart)
                    .content(StandardCharsets.ISO_8859_1).startsWith("\u0089PNG"));
        }
        try (Stream<Path> charts = Files.list(runs.resolve("trends"))) {
            assertThat(charts).hasSize(2);
        }
        assertThat(history.trendChart("../index.json")).isEmpty();
        assertThat(history.trendChart("index.json")).isEmpty();
        assertThat(history.trendChart("nothing-here-accuracy.png")).isEmpty();

        // and the second report compares with the first, listing the problems whose answer flipped
        String report = Files.readString(second.reports().get(0));
        assertThat(first.reports().get(0)).content().doesNotContain("Compared with the previous run");
        assertThat(report).contains("## Compared with the previous run (" + first.summary().runId() + ")",
                "## Problems that flipped (");
        assertThat(report).containsPattern("\\| gsm8k-style \\| sample-\\d+ \\| (cot|tale-ep) \\| (right → wrong|wrong → right) \\|");
    }

    @Test
    void should_judge_the_accuracy_drop_against_the_previous_run(@TempDir Path root) throws Exception {
        // given
        runOnce(root, "42");

        // when the next run of the same suite and model allows no drop at all
        RunOutcome second;
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.simulator.seed", "7",
                "tale.gates.max-accuracy-drop", "0"))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(SAMPLES, "gsm8k-style.jsonl");
            second = app.onlyRun(done);
        }

        // then each method is judged against its accuracy in the first run
        assertThat(second.gates()).extracting(g -> g.name()).containsExactly("max-accuracy-drop.cot",
                "max-accuracy-drop.tale-ep");
        assertThat(second.gates()).allSatisfy(g -> assertThat(g.message()).contains("against the previous run"));
    }

    private static RunOutcome runOnce(Path root, String seed) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.simulator.seed", seed))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(SAMPLES, "gsm8k-style.jsonl");
            return app.onlyRun(done);
        }
    }
}
