package org.talecamel.run;

import java.nio.file.Path;
import java.util.List;

/** A finished run: its figures and the files written for it. */
public record RunOutcome(RunSummary summary, List<GateVerdict> gates, Path directory, List<Path> reports, Path audit) {

    public boolean gatesPassed() {
        return gates.stream().allMatch(GateVerdict::passed);
    }

    /** True when the run got at least one usable answer, or had nothing to ask. */
    public boolean reachedEndpoint() {
        long calls = summary.results().stream().mapToLong(m -> m.problems()).sum();
        return calls == 0 || summary.results().stream().anyMatch(m -> m.answered() > 0);
    }
}
