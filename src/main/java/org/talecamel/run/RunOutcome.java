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

    /** True when the run asked everything it meant to (a spend cap aside) and got at least one usable answer. */
    public boolean completed() {
        return reachedEndpoint() && !summary.endpointDown();
    }

    /** True when the run got at least one usable answer, or had nothing to ask (nothing left unsent either). */
    public boolean reachedEndpoint() {
        long asked = summary.results().stream().mapToLong(m -> m.problems()).sum() + summary.notAttemptedCount();
        return asked == 0 || summary.results().stream().anyMatch(m -> m.answered() > 0);
    }
}
