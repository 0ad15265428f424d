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
 * @param ending             completed, or stopped with its reason (its endpoint down, its key refused, its spend
 *                           cap reached, no answers at all)
 * @param resumed            how the run was resumed after the process stopped in its middle, or null
 * @param notAttempted       the problem × method evaluations not attempted because of that (the first 500)
 * @param inputs             the files read, with the hash of each one's content
 * @param comparisonKey      what a run must share with this one to compare with it: the same inputs, model, endpoint
 *                           and settings that change answers ({@link RunSettings#comparisonKey})
 * @param spentUsd           what this run spent at list prices, at batch prices for the answers that came in batches
 *                           (answers from the response cache cost it nothing); null when a price is unknown
 * @param cachedAnswers      calls answered from the response cache (the run's own answers from before a kill, its
 *                           repeated requests, or with {@code tale.cache.across-runs} other runs' answers)
 * @param cachedAnswersFirstCostUsd what those answers cost when they were first asked; null when a price is unknown
 * @param walk               the elasticity walk: each step down from the CoT length on each data set
 * @param measures           how the run measured: its preset and the token measure of its budgets
 * @param models             the models it asked, in configured order; {@code endpoint} is the first one's
 * @param comparisonKeys     each model's comparison key, by label: a model's figures compare with the same model's in
 *                           a run with the same key; {@code comparisonKey} is the first model's
 * @param batches            its batches at the Batch API ({@code tale.llm.mode=batch}), as last polled; empty when
 *                           its calls went one by one
 * @param batched            the answers that came in batches ({@code tale.llm.mode=batch}): what they cost at batch
 *                           prices (part of {@code spentUsd}), and what they would have cost sent call by call; null
 *                           (not in summary.json) when none did
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
        RunEnding ending,
        long notAttemptedCount,
        List<Issue> notAttempted,
        String resumed,
        List<InputFile> inputs,
        String comparisonKey,
        java.math.BigDecimal spentUsd,
        long cachedAnswers,
        java.math.BigDecimal cachedAnswersFirstCostUsd,
        List<ElasticityPoint> walk,
        Measures measures,
        List<ModelTarget> models,
        Map<String, String> comparisonKeys,
        List<BatchStatus> batches,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        BatchedCalls batched) {

    public RunSummary {
        batches = batches == null ? List.of() : List.copyOf(batches);
        walk = walk == null ? List.of() : walk;
        measures = measures == null ? Measures.DEFAULT : measures;
        models = models == null || models.isEmpty() ? List.of(ModelTarget.of(endpoint)) : List.copyOf(models);
        if (comparisonKeys == null || comparisonKeys.isEmpty()) {
            comparisonKeys = comparisonKey == null ? Map.of() : Map.of(models.get(0).label(), comparisonKey);
        }
        comparisonKeys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(comparisonKeys));
    }

    /** True when the run asked more than one model: its tables have a model column. */
    @JsonIgnore
    public boolean severalModels() {
        return models.size() > 1;
    }

    /** What its reports' headers say it asked: the endpoint and model, or each model's, labelled. */
    @JsonIgnore
    public String describeEndpoints() {
        if (!severalModels()) {
            return endpoint.describe();
        }
        return models.stream().map(t -> t.label() + ": " + t.endpoint().describe()
                + (t.reasoningEffort() == null ? "" : ", reasoning effort " + t.reasoningEffort()))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** True when one of the models asked is the built-in simulator: the reports say SIMULATED. */
    @JsonIgnore
    public boolean simulated() {
        return models.stream().anyMatch(t -> t.endpoint().simulated());
    }

    /** The labels of its models, in configured order. */
    @JsonIgnore
    public List<String> modelLabels() {
        return ModelTarget.labels(models);
    }

    /** The figures of one model's methods on all data sets (a run of one model: all of them). */
    public List<MethodSummary> resultsOf(String model) {
        return severalModels() ? results.stream().filter(m -> model.equals(m.model())).toList() : results;
    }

    /** A summary of a run that was not stopped early. */
    public RunSummary(String runId, Instant startedAt, Instant finishedAt, Endpoint endpoint, List<String> methods,
                      List<String> datasets, List<FileSummary> files, long problems, long rejected, long callErrors,
                      List<MethodSummary> results, List<MethodSummary> byDataset, List<ElasticityPoint> elasticity,
                      List<SearchPoint> search, List<Issue> rejections, List<Issue> errors, int issuesShownLimit,
                      Map<String, int[]> tokenDistributions) {
        this(runId, startedAt, finishedAt, endpoint, methods, datasets, files, problems, rejected, callErrors, results,
                byDataset, elasticity, search, rejections, errors, issuesShownLimit, tokenDistributions,
                RunEnding.COMPLETED, 0, List.of(), null, List.of(), null, null, 0, java.math.BigDecimal.ZERO, List.of(),
                Measures.DEFAULT, null, null, List.of(), null);
    }

    /** {@code finished} (completed) or {@code stopped}; with {@link #stopReason()}, what the API says. */
    @com.fasterxml.jackson.annotation.JsonProperty("status")
    public String status() {
        return ending.status();
    }

    /** The run's counts as its headlines give them: "28 problems read, 0 rejected, 3 failed calls, 44 not attempted". */
    public String counts() {
        return problems + " problems read, " + rejected + " rejected, " + callErrors + " failed calls, "
                + notAttemptedCount + " evaluations not attempted";
    }

    /**
     * What the answers of every method cost at list prices (at batch prices those that came in batches), whoever
     * paid: what {@link #spentUsd} and
     * {@link #cachedAnswersFirstCostUsd} make together. Null when a price is unknown.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("answersCostUsd")
    public java.math.BigDecimal answersCostUsd() {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (MethodSummary m : results) {
            if (m.totalExpenseUsd() == null) {
                return null;
            }
            total = total.add(m.totalExpenseUsd());
        }
        return total;
    }

    /**
     * What the run cost, as its headlines say it: what it spent apart from what its answers cost, how many came
     * from the response cache and, in batch mode, what its batched answers cost against what they would have cost
     * sent call by call.
     */
    public String expense() {
        String line = batched == null
                ? "spent by this run " + org.talecamel.cost.Expense.total(spentUsd) + "; the answers cost "
                        + org.talecamel.cost.Expense.total(answersCostUsd()) + " at list prices"
                : "spent by this run " + batchAware(spentUsd) + "; the answers cost " + batchAware(answersCostUsd())
                        + "; " + batched.describe();
        return cachedAnswers == 0 ? line + "; no answer came from the response cache"
                : line + "; " + cachedAnswers + " answers came from the response cache (they first cost "
                        + org.talecamel.cost.Expense.total(cachedAnswersFirstCostUsd) + "; this run paid nothing for them)";
    }

    /**
     * How its calls went: "one by one", or "in 4 batches of the provider's Batch API (tale.llm.mode=batch), 3 of
     * them completed, 1 expired".
     */
    @JsonIgnore
    public String describeCalls() {
        if (batches.isEmpty()) {
            return "one by one";
        }
        Map<String, Long> byStatus = batches.stream().collect(java.util.stream.Collectors.groupingBy(
                BatchStatus::status, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()));
        return "in " + batches.size() + (batches.size() == 1 ? " batch" : " batches")
                + " of the provider's Batch API (tale.llm.mode=batch): " + byStatus.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** A total that includes the batched answers: "batch price unknown" when that is what it lacks. */
    private String batchAware(java.math.BigDecimal usd) {
        return usd == null && batched.onlyBatchPriceUnknown() ? org.talecamel.cost.Expense.BATCH_PRICE_UNKNOWN : org.talecamel.cost.Expense.total(usd);
    }

    /** What a stopped run's report says under its reason. */
    public String didNotComplete() {
        return "It did not complete" + (notAttemptedCount == 0 ? ""
                : ": " + notAttemptedCount + " evaluations were not attempted (listed below)")
                + ". Its figures cover only what was answered.";
    }

    /** Why the run stopped, or null when it completed. */
    @com.fasterxml.jackson.annotation.JsonProperty("stopReason")
    public String stopReason() {
        return ending.reason();
    }
}
