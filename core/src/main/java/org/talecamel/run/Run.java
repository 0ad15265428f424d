package org.talecamel.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.talecamel.audit.AuditLog;
import org.talecamel.audit.AuditRow;
import java.util.stream.Stream;
import org.talecamel.budget.BudgetSearch;
import org.talecamel.budget.BudgetSource;
import org.talecamel.method.Method;
import org.talecamel.training.TrainingData;

/**
 * One evaluation run: the files of one inbox poll, every problem in them, every method.
 * Calls are counted from the audit rows as they are written, so the report and audit.csv cannot disagree;
 * each method's final answer per problem comes in as a {@link Result}. Thread-safe: problems run in parallel.
 */
public final class Run {

    /** The report lists at most this many rejections and errors; audit.csv has them all. */
    public static final int ISSUES_SHOWN = 500;
    /** Calls refused for the key (401, 403) in a row that stop a run. */
    public static final int REFUSALS_TO_STOP = 3;
    /** The data set name of the totals over every data set. */
    public static final String ALL_DATASETS = "all";
    private static final int SEARCH_POINTS_KEPT = 100_000;

    private final String id;
    private final Instant startedAt;
    private final Path directory;
    private final Endpoint endpoint;
    private final RunSettings settings;
    private final List<String> methods;
    /** the labels of the run's models ({@link ModelTarget#label}), in configured order */
    private final List<String> models;
    private final AuditLog audit;
    private final TrainingData trainingData;
    private final Clock clock;
    private final Consumer<AuditRow> observer;
    private final Set<String> datasets = new LinkedHashSet<>();
    private final Map<String, MethodTally> tallies = new LinkedHashMap<>();
    private final Map<String, MethodTally> sweep = new LinkedHashMap<>();
    /** the elasticity walk per data set: one tally per step down from the CoT length */
    private final Map<String, List<MethodTally>> walk = new LinkedHashMap<>();
    private final Map<String, FileTally> files = new LinkedHashMap<>();
    private final Map<String, InputFile> inputs = new LinkedHashMap<>();
    private final List<Issue> rejections = new ArrayList<>();
    private final List<Issue> errors = new ArrayList<>();
    private final List<SearchPoint> searchPoints = new ArrayList<>();
    private final List<Issue> notAttempted = new ArrayList<>();
    private long notAttemptedCount;
    /** why the run stopped sending; null while it sends */
    private RunEnding stop;
    private int refusedInARow;
    private String resumed;
    private volatile List<BatchStatus> batches = List.of();
    private long problems;
    private long expectedProblems;
    private long outputTokens;
    /** what the run spent: answers from the response cache cost it nothing */
    private java.math.BigDecimal expenseUsd = java.math.BigDecimal.ZERO;
    private boolean expenseKnown = true;
    private long cachedAnswers;
    private java.math.BigDecimal cachedFirstCostUsd = java.math.BigDecimal.ZERO;
    private boolean cachedCostKnown = true;
    private final Map<String, Integer> answersPerProblem = new java.util.HashMap<>();
    /** problems one of whose evaluations was not attempted: not done, whatever their other methods did */
    private final Set<String> leftUnattempted = new java.util.HashSet<>();
    private long problemsDone;
    private long rejected;
    private long callErrors;

    Run(String id, Instant startedAt, Path directory, RunSettings settings, AuditLog audit, Clock clock) {
        this(id, startedAt, directory, settings, audit, clock, row -> { });
    }

    /** @param observer sees every row as it is written to the audit (the metrics) */
    Run(String id, Instant startedAt, Path directory, RunSettings settings, AuditLog audit, Clock clock,
        Consumer<AuditRow> observer) {
        this.id = id;
        this.startedAt = startedAt;
        this.directory = directory;
        this.settings = settings;
        this.endpoint = settings.endpoint();
        this.methods = settings.methodIds();
        this.models = ModelTarget.labels(settings.models());
        this.audit = audit;
        this.trainingData = new TrainingData(directory);
        this.clock = clock;
        this.observer = observer;
    }

    public String id() {
        return id;
    }

    public RunSettings settings() {
        return settings;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Marks the run as resumed after an interruption, with what the report should say about it. */
    synchronized void resumed(String note) {
        this.resumed = note;
    }

    public Path directory() {
        return directory;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Instant now() {
        return clock.instant();
    }


    public synchronized Progress progress() {
        return new Progress(id, expectedProblems, problems, problemsDone,
                java.time.Duration.between(startedAt, clock.instant()), outputTokens, expenseKnown ? expenseUsd : null,
                batches);
    }

    /** The run's batches at the Batch API as last polled ({@code tale.llm.mode=batch}), oldest first. */
    public void batches(List<BatchStatus> now) {
        batches = List.copyOf(now);
    }

    /** The run's batches at the Batch API, oldest first; empty when its calls go one by one. */
    public List<BatchStatus> batches() {
        return batches;
    }

    /** A file the run reads now: its lines tell about how many problems it holds, its hash what it holds. */
    public synchronized void fileStarted(InputFile input) {
        files.putIfAbsent(input.name(), new FileTally());
        if (inputs.put(input.name(), input) == null) {
            expectedProblems += input.lines();
        }
    }

    /** The files the run reads, in the order it started them. */
    public synchronized List<String> fileNames() {
        return List.copyOf(files.keySet());
    }

    public synchronized void fileFailed(String name, String reason) {
        files.computeIfAbsent(name, n -> new FileTally()).error = reason;
    }

    public synchronized void problemRead(String sourceFile, String dataset) {
        problems++;
        datasets.add(dataset);
        files.computeIfAbsent(sourceFile, n -> new FileTally()).problems++;
    }

    /**
     * True once the run stopped sending (its spend cap is reached, its endpoint is down, its key was refused, the
     * process is stopping): nothing new is sent.
     */
    public synchronized boolean isStopped() {
        if (stop == null) {
            String reached = settings.spendCap().reachedBy(outputTokens, expenseKnown ? expenseUsd : null);
            if (reached != null) {
                stop = RunEnding.stopped(RunEnding.Kind.SPEND_CAP, "spend cap, " + reached);
            }
        }
        return stop != null;
    }

    /** Stops the run sending, for this reason; the first reason stays. Calls in flight finish. */
    public synchronized void stop(RunEnding why) {
        if (stop == null && !why.completed()) {
            stop = why;
        }
    }

    /**
     * The endpoint refused a call for its key (401, 403). After {@value #REFUSALS_TO_STOP} such calls with no answer
     * between them, the run stops: every other call would be refused too.
     */
    public synchronized void callRefused(String reason) {
        if (++refusedInARow >= REFUSALS_TO_STOP) {
            stop(RunEnding.stopped(RunEnding.Kind.KEY_REFUSED, reason));
        }
    }

    /** The endpoint answered a call: refusals before it were not the key's fault. */
    public synchronized void callAnswered() {
        refusedInARow = 0;
    }

    /**
     * True once the process was asked to stop in the middle of the run: it is left for its next start to finish, and
     * writes nothing final.
     */
    public synchronized boolean isInterrupted() {
        return stop != null && stop.kind() == RunEnding.Kind.INTERRUPTED;
    }

    /** Why the run stopped sending ("stopped: ..."), or null while it sends. */
    public synchronized String stopReason() {
        return stop == null ? null : stop.describe();
    }

    /**
     * Writes the row to the audit and counts it as a call of its method, or as a rejection. The audit has its own
     * lock: writing a row does not hold up the calls that only count.
     * <p>
     * An interrupted run writes no row for an evaluation it did not attempt: its audit is what it sent before the
     * process stopped, and the run resumed from it attempts that evaluation and writes its row.
     */
    public void record(AuditRow row) {
        if (!(isNotAttempted(row) && isInterrupted())) {
            audit.append(row);
            observer.accept(row);
        }
        count(row);
    }

    private static boolean isNotAttempted(AuditRow row) {
        return "not-attempted".equals(row.outcome());
    }

    private synchronized void count(AuditRow row) {
        if (isNotAttempted(row)) {
            notAttemptedCount++;
            leftUnattempted.add(row.sourceFile() + '\n' + row.line());
            keep(notAttempted, row);
            return;
        }
        if ("rejected".equals(row.outcome())) {
            rejected++;
            files.computeIfAbsent(row.sourceFile(), n -> new FileTally()).rejected++;
            keep(rejections, row);
            return;
        }
        tally(row.dataset(), row.askedModel(), row.method()).call(row);
        if ("cached".equals(row.outcome())) {
            cachedAnswers++;
            if (row.firstCostUsd() == null) {
                cachedCostKnown = false;
            } else {
                cachedFirstCostUsd = cachedFirstCostUsd.add(row.firstCostUsd());
            }
        }
        if (row.completionTokens() != null) {
            outputTokens += row.completionTokens();
            if (row.costUsd() == null) {
                expenseKnown = false;
            } else {
                expenseUsd = expenseUsd.add(row.costUsd());
            }
        }
        if ("error".equals(row.outcome())) {
            callErrors++;
            keep(errors, row);
        }
    }

    /** A method's final answer on a problem, from one of the run's models. */
    public synchronized void result(Result result) {
        tally(result.dataset(), result.model(), result.method()).result(result);
    }

    /**
     * One of a problem's methods has finished on one of the run's models; the problem is done when all have on every
     * model (search and elasticity included), none of them left unattempted because the run stopped sending.
     */
    public synchronized void methodFinished(String sourceFile, long line) {
        String key = sourceFile + '\n' + line;
        int finished = answersPerProblem.merge(key, 1, Integer::sum);
        if (finished == methods.size() * models.size()) {
            answersPerProblem.remove(key);
            if (!leftUnattempted.remove(key)) {
                problemsDone++;
            }
        }
    }

    /** One budget level of the elasticity sweep on a problem. */
    public synchronized void sweepResult(String level, Result result) {
        sweep.computeIfAbsent(key(result.dataset(), result.model(), level),
                k -> new MethodTally(result.dataset(), result.model(), level)).result(result);
    }

    /** A finished optimal-budget search, and the TALE-PT training example it gives. */
    public synchronized void searchFinished(SearchPoint point, TrainingData.Example example) {
        if (searchPoints.size() < SEARCH_POINTS_KEPT) {
            searchPoints.add(point);
        }
        trainingData.add(example);
    }

    /** A finished elasticity walk on a problem: the budgets it went through, the CoT length first. */
    public synchronized void walkFinished(String dataset, String model, List<BudgetSearch.Step> curve) {
        List<MethodTally> steps = walk.computeIfAbsent(dataset + '\n' + model, d -> new ArrayList<>());
        for (int depth = 0; depth < curve.size(); depth++) {
            if (steps.size() == depth) {
                steps.add(new MethodTally(dataset, model, depth == 0 ? "CoT" : "CoT/" + (1L << depth)));
            }
            BudgetSearch.Step step = curve.get(depth);
            steps.get(depth).result(new Result(dataset, model, Method.WALK.id(), step.tokens(), step.tokens(), true,
                    step.budget(), BudgetSource.WALK.label(), false));
        }
    }

    private MethodTally tally(String dataset, String model, String method) {
        datasets.add(dataset);
        return tallies.computeIfAbsent(key(dataset, model, method), k -> new MethodTally(dataset, model, method));
    }

    private static String key(String dataset, String model, String method) {
        return dataset + '\n' + model + '\n' + method;
    }

    private static void keep(List<Issue> issues, AuditRow row) {
        if (issues.size() < ISSUES_SHOWN) {
            issues.add(new Issue(row.sourceFile(), row.line(), row.problemId(), row.askedModel(), row.method(),
                    row.phase(), row.error()));
        }
    }

    /** Closes the audit and returns the run's figures. */
    synchronized RunSummary finish() {
        audit.close();
        trainingData.close();
        List<MethodSummary> overall = new ArrayList<>();
        List<MethodSummary> byDataset = new ArrayList<>();
        Map<String, int[]> distributions = new LinkedHashMap<>();
        for (String model : models) {
            Map<String, MethodTally> totals = new LinkedHashMap<>();
            for (String method : methods) {
                MethodTally total = new MethodTally(ALL_DATASETS, model, method);
                for (String dataset : datasets) {
                    MethodTally tally = tallies.get(key(dataset, model, method));
                    if (tally != null) {
                        total.add(tally);
                    }
                }
                totals.put(method, total);
            }
            MethodTally cotTotal = totals.get("cot");
            for (String method : methods) {
                if (Method.of(method).measuresElasticity()) {
                    continue; // its figures are per budget: see elasticity() and walk()
                }
                overall.add(totals.get(method).summary(cotTotal));
                distributions.put(models.size() == 1 ? method : model + " " + method, totals.get(method).resultTokens());
            }
        }
        for (String dataset : datasets) {
            for (String model : models) {
                MethodTally cot = tallies.get(key(dataset, model, "cot"));
                for (String method : methods) {
                    MethodTally tally = tallies.get(key(dataset, model, method));
                    if (tally != null && !Method.of(method).measuresElasticity()) {
                        byDataset.add(tally.summary(cot));
                    }
                }
            }
        }
        List<ElasticityPoint> elasticity = points(sweep.values().stream());
        List<ElasticityPoint> walkPoints = points(walk.values().stream().flatMap(List::stream));
        List<FileSummary> fileSummaries = files.entrySet().stream()
                .map(e -> new FileSummary(e.getKey(), e.getValue().error == null ? "processed" : "failed",
                        e.getValue().problems, e.getValue().rejected, e.getValue().error))
                .toList();
        List<Issue> sortedErrors = inFileOrder(errors);
        // the answers that came in batches, over every method's: at batch prices, and what they would have cost call
        // by call
        BatchedCalls.Tally batched = new BatchedCalls.Tally();
        tallies.values().forEach(tally -> tally.addBatchedTo(batched));
        return new RunSummary(id, startedAt, clock.instant(), endpoint, methods, List.copyOf(datasets), fileSummaries,
                problems, rejected, callErrors, overall, byDataset, elasticity, List.copyOf(searchPoints),
                inFileOrder(rejections), sortedErrors, ISSUES_SHOWN, distributions,
                ending(overall, sortedErrors), notAttemptedCount, inFileOrder(notAttempted), resumed,
                List.copyOf(inputs.values()), settings.comparisonKey(inputs.values()),
                expenseKnown ? expenseUsd : null, cachedAnswers, cachedCostKnown ? cachedFirstCostUsd : null,
                walkPoints, settings.measures(), settings.models(), comparisonKeys(), batches, batched.summary());
    }

    /** Each model's comparison key, by label: its figures compare with the same model's in another run. */
    private Map<String, String> comparisonKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        settings.models().forEach(target -> keys.put(target.label(), settings.comparisonKey(inputs.values(), target)));
        return keys;
    }

    /** A point per budget level (or walk step) that a call answered. */
    private static List<ElasticityPoint> points(Stream<MethodTally> levels) {
        return levels.map(t -> t.summary(null))
                .filter(MethodSummary::measured)
                .map(s -> new ElasticityPoint(s.dataset(), s.model(), s.method(), s.meanBudget() == null ? 0 : s.meanBudget(),
                        s.problems(), s.meanAnswerTokens(), s.accuracy()))
                .toList();
    }

    /** Stopped for its reason; else completed, unless it asked and no call got an answer. */
    private RunEnding ending(List<MethodSummary> overall, List<Issue> sortedErrors) {
        if (stop != null) {
            return stop;
        }
        long asked = overall.stream().mapToLong(MethodSummary::problems).sum();
        boolean answered = overall.stream().anyMatch(m -> m.answered() > 0);
        if (asked > 0 && !answered) {
            String first = sortedErrors.isEmpty() ? "" : " The first: " + sortedErrors.get(0).reason() + ".";
            return RunEnding.stopped(RunEnding.Kind.NO_ANSWERS, "no answers: every call failed (" + callErrors
                    + " failed calls; see the errors)." + first + " Check tale.llm.base-url, tale.llm.model and that"
                    + " the endpoint is running");
        }
        return RunEnding.COMPLETED;
    }

    /** Issues by file and line, as a reader looks them up, whichever order the parallel calls recorded them in. */
    private static List<Issue> inFileOrder(List<Issue> issues) {
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        return issues.stream().sorted(Comparator.comparing(Issue::sourceFile, text).thenComparingLong(Issue::line)
                .thenComparing(Issue::model, text).thenComparing(Issue::method, text).thenComparing(Issue::phase, text)).toList();
    }

    private static final class FileTally {
        long problems;
        long rejected;
        String error;
    }
}
