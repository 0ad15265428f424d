package org.talecamel.run;

import java.time.Instant;
import java.util.List;

/** Everything a report shows about a finished run; also written as {@code summary.json}. */
public record RunSummary(
        String runId,
        Instant startedAt,
        Instant finishedAt,
        Endpoint endpoint,
        List<String> methods,
        List<FileSummary> files,
        long problems,
        long rejected,
        long callErrors,
        List<MethodSummary> results,
        List<Issue> rejections,
        List<Issue> errors,
        int issuesShownLimit) {
}
