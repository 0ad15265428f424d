package org.talecamel.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished run: its figures, its quality-gate verdicts and the files written for it.
 *
 * @param suite the suite it ran ({@code tale.suite}: the suite's name with {@code --suite}, else {@code inbox})
 */
public record RunOutcome(String suite, RunSummary summary, List<GateVerdict> gates, Path directory, List<Path> reports,
                         Path audit) {

    public boolean gatesPassed() {
        return gates.stream().allMatch(GateVerdict::passed);
    }

    /** True when the run attempted every evaluation and got at least one usable answer. */
    public boolean completed() {
        return summary.ending().completed();
    }

    /** The exit code of {@code --once}: 0 passed, 1 a gate failed, another for each way a run stops. */
    public int exitCode() {
        return summary.ending().exitCode(gatesPassed());
    }
}
