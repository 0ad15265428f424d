package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows about a finished run; also written as {@code summary.json}.
 *
 * @param results            each method on all data sets together, in configured order (elasticity is per level)
 * @param byDataset          each method on each data set
 * @param elasticity         the elasticity sweep: each budget level on each data set
 * @param search             each problem's optimal-budget search
 * @param tokenDistributions each method's output tokens per problem, for charts (not written to summary.json)
 * @param stopped            why the run stopped sending early (its spend cap, its endpoint down), or null
 * @param endpointDown       it stopped because its endpoint was down, so it could not complete
 * @param resumed            how the run was resumed after the process stopped in its middle, or null
 * @param notAttempted       the problem × method evaluations not attempted because of that (the first 500)
 */
public record RunSummary(
        String runId,
        Instant startedAt,
        Instant finishedAt,
        Endpoint endpoint,
        List<String> methods,
        List<String> datasets,
        List<FileSummary> files,
        long problems,
        long rejected,
        long callErrors,
        List<MethodSummary> results,
        List<MethodSummary> byDataset,
        List<ElasticityPoint> elasticity,
        List<SearchPoint> search,
        List<Issue> rejections,
        List<Issue> errors,
        int issuesShownLimit,
        @JsonIgnore Map<String, int[]> tokenDistributions,
        String stopped,
        boolean endpointDown,
        long notAttemptedCount,
        List<Issue> notAttempted,
        String resumed) {

    /** A summary of a run that was not stopped early. */
    public RunSummary(String runId, Instant startedAt, Instant finishedAt, Endpoint endpoint, List<String> methods,
                      List<String> datasets, List<FileSummary> files, long problems, long rejected, long callErrors,
                      List<MethodSummary> results, List<MethodSummary> byDataset, List<ElasticityPoint> elasticity,
                      List<SearchPoint> search, List<Issue> rejections, List<Issue> errors, int issuesShownLimit,
                      Map<String, int[]> tokenDistributions) {
        this(runId, startedAt, finishedAt, endpoint, methods, datasets, files, problems, rejected, callErrors, results,
                byDataset, elasticity, search, rejections, errors, issuesShownLimit, tokenDistributions, null, false, 0, List.of(), null);
    }
}
