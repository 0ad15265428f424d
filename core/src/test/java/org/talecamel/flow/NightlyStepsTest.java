package org.talecamel.flow;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.gates.GateLimits;
import org.talecamel.method.Method;
import org.talecamel.outcome.OutcomeWriter;
import org.talecamel.run.Endpoint;
import org.talecamel.run.Progress;
import org.talecamel.run.RunCoordinator;
import org.talecamel.run.RunListener;
import org.talecamel.run.RunOutcome;
import org.talecamel.run.RunSettings;

/** The service reads the suites its schedule will run when it starts, not when the schedule fires. */
class NightlyStepsTest {

    @Test
    void should_refuse_a_suite_with_a_gate_for_a_method_it_does_not_run_naming_its_file_and_key(@TempDir Path dir)
            throws Exception {
        // given
        Files.writeString(dir.resolve("good.properties"), "suite.files = a.jsonl\ntale.gates.min-accuracy.tale-ep = 70\n");
        Files.writeString(dir.resolve("bad.properties"), "suite.files = a.jsonl\ntale.methods = cot,cod\n"
                + "tale.gates.min-accuracy.tale-ep = 70\n");

        // when, then: every suite of the folder is read, the bad one refused
        assertThatThrownBy(() -> steps(dir, "").check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nightly suite bad: " + dir.resolve("bad.properties") + ": tale.gates.min-accuracy.tale-ep=70:"
                        + " tale-ep is not a method of this run (its methods: cot, cod)");
        assertThatCode(() -> steps(dir, "good").check()).doesNotThrowAnyException();
    }

    @Test
    void should_refuse_a_scheduled_suite_whose_gate_cannot_be_meant(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nightly.properties"), "suite.files = a.jsonl\ntale.gates.min-accuracy = 0.8\n");

        assertThatThrownBy(() -> steps(dir, "nightly").check()).hasMessageContaining(
                "nightly.properties: tale.gates.min-accuracy=0.8 is ambiguous");
    }

    private static NightlySteps steps(Path suites, String names) {
        RunSettings defaults = new RunSettings("inbox", Method.listOf("cot,tale-ep"),
                new Endpoint("simulator", "http://127.0.0.1:1/v1", "gpt-4o-mini", true), GateLimits.none());
        RunCoordinator runs = new RunCoordinator(suites.resolve("out"), defaults, 10_000, Clock.systemUTC(),
                new RunListener() {
                    @Override
                    public void runFinished(RunOutcome outcome) {
                    }

                    @Override
                    public void runInterrupted(Progress progress) {
                    }

                    @Override
                    public void inboxEmpty(java.nio.file.Path inbox) {
                    }

                    @Override
                    public void progress(Progress progress, boolean lineDue) {
                    }
                }, row -> { }, new OutcomeWriter(suites.resolve("out")));
        return new NightlySteps(runs, suites, names, key -> Optional.empty());
    }
}
