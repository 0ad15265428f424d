package org.talecamel.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.talecamel.audit.AuditRow;
import org.talecamel.budget.EstimatedBudget;
import org.talecamel.budget.BudgetSearch;
import org.talecamel.budget.BudgetSource;
import org.talecamel.budget.ElasticityLevels;
import org.talecamel.budget.TokenMeasure;
import org.talecamel.cost.PriceTable;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.ContextWindow;
import org.talecamel.llm.ReasoningEffort;
import org.talecamel.llm.RequestShape;
import org.talecamel.llm.TokenCounter;
import org.talecamel.metrics.TaleMetrics;
import org.talecamel.method.Method;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Rejection;
import org.talecamel.run.ModelTarget;
import org.talecamel.run.Result;
import org.talecamel.run.Run;
import org.talecamel.run.SearchPoint;
import org.talecamel.training.TrainingData;
import org.talecamel.scoring.GoldAnswer;
import org.talecamel.scoring.Score;

/**
 * The steps of the evaluate routes: plan a problem's methods, build each request, take each reply, score it and
 * audit it. Search and elasticity start from the problem's CoT answer, which CoT (always planned before them) leaves
 * in the problem's {@link ProblemContext}.
 */
public final class EvaluationSteps {

    /** Exchange property that carries the open {@link Run}. */
    public static final String RUN = "taleRun";
    /** Exchange property that carries the {@link Evaluation} while its calls are made. */
    public static final String EVALUATION = "taleEvaluation";

    private final RequestShape shape;
    private final TokenMeasure measure;
    private final int budgetFallback;
    private final List<ElasticityLevels.Level> elasticityLevels;
    private final PriceTable prices;
    private final ContextWindow context;
    private final TaleMetrics metrics;
    private final Consumer<Problem> problemRead;

    /**
     * @param shape       what every request sends besides its messages (the preset, temperature, hard cap), by model
     * @param problemRead told of each problem as it is read, before any call about it (the simulator learns it)
     */
    public EvaluationSteps(RequestShape shape, int budgetFallback, List<ElasticityLevels.Level> elasticityLevels,
                           PriceTable prices, ContextWindow context, TaleMetrics metrics, Consumer<Problem> problemRead) {
        if (budgetFallback <= 0) {
            throw new IllegalArgumentException("tale.budget.fallback must be a positive number of tokens, was " + budgetFallback);
        }
        this.shape = shape;
        this.measure = shape.preset().budgetTokens();
        this.budgetFallback = budgetFallback;
        this.elasticityLevels = List.copyOf(elasticityLevels);
        this.prices = prices;
        this.context = context;
        this.metrics = metrics;
        this.problemRead = problemRead;
    }

    /**
     * One evaluation per model and configured method, in configured order (on each model, CoT before search and
     * elasticity); none for a rejected input line or a question too long for the model's context, which is recorded
     * in the audit.
     */
    public List<Evaluation> plan(@Body Object item, @ExchangeProperty(RUN) Run run) {
        Rejection rejection = item instanceof Rejection rejected ? rejected : null;
        if (item instanceof Problem problem) {
            String tooLong = context.tooLong(problem.question());
            rejection = tooLong == null ? null : new Rejection(problem.sourceFile(), problem.line(), tooLong);
        }
        if (rejection != null) {
            run.record(AuditRow.rejected(run.id(), run.now(), rejection.sourceFile(), rejection.line(), rejection.reason()));
            return List.of();
        }
        Problem problem = (Problem) item;
        run.problemRead(problem.sourceFile(), problem.dataset());
        problemRead.accept(problem);
        List<Evaluation> evaluations = new ArrayList<>();
        for (ModelTarget target : run.settings().models()) {
            ProblemContext context = new ProblemContext();
            run.settings().methods().forEach(method -> evaluations.add(new Evaluation(run, problem, target, method, context)));
        }
        return evaluations;
    }

    /** Whether the run's calls go in batches ({@code tale.llm.mode=batch}). */
    public boolean batched(@ExchangeProperty(RUN) Run run) {
        return run.settings().batched();
    }

    /**
     * A problem's evaluations ({@link #plan}) in batch mode, in the stages that may go at once: first every method
     * that does not start from CoT's answer, CoT among them; then those that do (search, elasticity). Empty stages
     * are left out.
     */
    public List<List<Evaluation>> stages(@Body Object item, @ExchangeProperty(RUN) Run run) {
        List<Evaluation> evaluations = plan(item, run);
        List<Evaluation> first = evaluations.stream().filter(e -> !e.method().needsCot()).toList();
        List<Evaluation> then = evaluations.stream().filter(e -> e.method().needsCot()).toList();
        return java.util.stream.Stream.of(first, then).filter(stage -> !stage.isEmpty()).toList();
    }

    /**
     * Which way the evaluation goes: {@code not-attempted} once the run stopped sending (spend cap, endpoint down),
     * else {@code search}, {@code elasticity}, {@code estimate-and-answer} (TALE-EP) or {@code answer}. Decided once,
     * in Java: an OGNL expression such as {@code ${body.run.stopped}} builds a new bean expression every time.
     */
    public String route(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        return evaluation.run().isStopped() ? "not-attempted" : evaluation.route();
    }

    /** Records an evaluation the run will not send because it stopped sending (spend cap, endpoint down). */
    public void notAttempted(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        Run run = evaluation.run();
        Problem problem = evaluation.problem();
        run.record(new AuditRow(run.id(), run.now(), problem.sourceFile(), problem.line(), problem.id(),
                problem.dataset(), evaluation.model(), evaluation.method().id(), "skipped", null, null, null, null, null, null, null, "", "",
                null, null, null, null, "not-attempted", run.stopReason(), null));
    }

    /** The method is done with its problem (for progress). */
    public void finished(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        evaluation.run().methodFinished(evaluation.problem().sourceFile(), evaluation.problem().line());
    }

    // --- TALE-EP's estimate ---

    public ChatRequest estimateRequest(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        return request(evaluation, Prompts.SYSTEM, Method.estimatorPrompt(evaluation.problem()), null);
    }

    /** Takes the estimator's budget, or the fallback (flagged) when it gave no positive integer. */
    public void acceptEstimate(@Body ChatResult reply, @ExchangeProperty(EVALUATION) Evaluation evaluation) {
        EstimatedBudget budget = EstimatedBudget.of(reply.content(), reply.error(), budgetFallback);
        evaluation.useBudget(budget.tokens(), budget.source());
        if (budget.estimated()) {
            metrics.budgetEstimated(evaluation.method().id(), budget.tokens());
        }
        if (reply.notSent()) {
            scored(reply, evaluation, "estimate", null);
            return;
        }
        // an answer from the response cache is "cached" whatever it gave; a fallback still shows in budget_source
        String outcome = !reply.ok() ? "error" : reply.cached() ? "cached" : !budget.estimated() ? "fallback" : "ok";
        record(evaluation, "estimate", reply, null, null, outcome, budget.note(), null);
    }

    // --- one answer: direct, cot, tale-ep, fixed:N, cod, and each budget of the elasticity sweep ---

    public ChatRequest answerRequest(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        Method method = evaluation.method();
        if (method.givesNativeBudget()) {
            return shape.nativeRequest(evaluation.target().model(), effortOf(evaluation),
                    List.of(ChatMessage.system(method.systemPrompt()), ChatMessage.user(method.userPrompt(
                            evaluation.problem(), null))), evaluation.budget());
        }
        return request(evaluation, method.systemPrompt(), method.userPrompt(evaluation.problem(), evaluation.budget()),
                evaluation.budget());
    }

    /** Scores the answer, audits the call and gives the method its result on the problem. */
    public void acceptAnswer(@Body ChatResult reply, @ExchangeProperty(EVALUATION) Evaluation evaluation) {
        TokenMeasure.Answer answer = answerOf(reply);
        Score score = scored(reply, evaluation, "answer", answer);
        if (reply.notSent()) {
            return;
        }
        Problem problem = evaluation.problem();
        String method = evaluation.method().id();
        String budgetSource = budgetLabel(evaluation);
        if (score == null) {
            evaluation.run().result(Result.failed(problem.dataset(), evaluation.model(), method, evaluation.budget(),
                    budgetSource));
            return;
        }
        evaluation.run().result(new Result(problem.dataset(), evaluation.model(), method, answer.usageTokens(), answer.paperTokens(),
                score.correct(), evaluation.budget(), budgetSource, reply.truncated()));
        if (evaluation.method().equals(Method.COT)) {
            evaluation.context().cot(new ProblemContext.CotAnswer(answer, score.correct()));
        }
    }

    // --- the elasticity sweep ---

    /** One evaluation per budget level; fractions apply to the problem's CoT tokens, so they need a CoT answer. */
    public List<Evaluation> sweep(@Body Evaluation evaluation) {
        ProblemContext.CotAnswer cot = evaluation.context().cot();
        List<Evaluation> steps = new ArrayList<>();
        for (ElasticityLevels.Level level : elasticityLevels) {
            if (level.isFraction() && cot == null) {
                continue;
            }
            steps.add(evaluation.atLevel(level, level.budgetFor(cot == null ? 0 : measure.of(cot.answer()))));
        }
        return steps;
    }

    public void acceptSweepStep(@Body ChatResult reply, @ExchangeProperty(EVALUATION) Evaluation step) {
        TokenMeasure.Answer answer = answerOf(reply);
        Score score = scored(reply, step, "sweep", answer);
        if (reply.notSent()) {
            return;
        }
        Problem problem = step.problem();
        Result result = score == null
                ? Result.failed(problem.dataset(), step.model(), step.method().id(), step.budget(),
                        BudgetSource.SWEEP.label())
                : new Result(problem.dataset(), step.model(), step.method().id(), answer.usageTokens(), answer.paperTokens(),
                        score.correct(), step.budget(), BudgetSource.SWEEP.label(), reply.truncated());
        step.run().sweepResult(step.level().label(), result);
    }

    // --- the optimal-budget search and the elasticity walk: halving from the CoT length ---

    /** Starts from a correct CoT answer; problems CoT got wrong (or failed) are not searched or walked. */
    public void startSearch(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        ProblemContext.CotAnswer cot = evaluation.context().cot();
        if (cot != null && cot.correct()) {
            BudgetSearch.Rule rule = walking(evaluation) ? BudgetSearch.Rule.WALK : BudgetSearch.Rule.SEARCH;
            evaluation.startSearch(new BudgetSearch(rule, measure, cot.answer()));
        }
    }

    public ChatRequest searchRequest(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        evaluation.useBudget(evaluation.search().nextBudget(), walking(evaluation) ? BudgetSource.WALK : BudgetSource.SEARCH);
        return answerRequest(evaluation);
    }

    public void acceptSearchStep(@Body ChatResult reply, @ExchangeProperty(EVALUATION) Evaluation evaluation) {
        TokenMeasure.Answer answer = answerOf(reply);
        Score score = scored(reply, evaluation, walking(evaluation) ? "walk" : "search", answer);
        BudgetSearch search = evaluation.search();
        if (score == null) {
            search.stop();
        } else {
            search.observe(answer, score.correct());
        }
    }

    /**
     * Gives search its result (the answer at the optimal budget) and writes the TALE-PT training example; gives the
     * walk its curve.
     */
    public void finishSearch(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        BudgetSearch search = evaluation.search();
        if (search == null) {
            return;
        }
        Problem problem = evaluation.problem();
        Run run = evaluation.run();
        if (walking(evaluation)) {
            run.walkFinished(problem.dataset(), evaluation.model(), search.accepted());
            return;
        }
        TokenMeasure.Answer optimal = search.optimal();
        run.result(new Result(problem.dataset(), evaluation.model(), evaluation.method().id(), optimal.usageTokens(), optimal.paperTokens(),
                true, search.optimalBudget(), BudgetSource.SEARCH.label(), false));
        boolean shortened = search.optimal() != search.start();
        run.searchFinished(new SearchPoint(problem.dataset(), evaluation.model(), problem.id(), measure.of(search.start()),
                        search.optimalBudget(), search.optimalTokens(), search.steps().size()),
                new TrainingData.Example(Prompts.SYSTEM, Method.COT.userPrompt(problem, null),
                        shortened ? Method.SEARCH.userPrompt(problem, search.optimalBudget()) : null,
                        GoldAnswer.fromReference(problem.answer()), search));
    }

    private static boolean walking(Evaluation evaluation) {
        return evaluation.method().kind() == Method.Kind.WALK;
    }

    // --- shared ---

    /**
     * The call's cost at the price of the model that answered (or was asked): its batch price for an answer that came
     * in a batch (now, or when first asked, for one from the response cache), else its list price. Null when that
     * price is unknown: a batched answer of a model with no batch price is "batch price unknown", never priced at the
     * list price.
     */
    private java.math.BigDecimal costOf(ChatResult reply, String model) {
        boolean inABatch = reply.batched() || reply.firstAnsweredInABatch();
        return priceOf(reply, model).flatMap(price -> price.costUsd(inABatch, reply.promptTokens(),
                reply.cachedPromptTokens(), reply.completionTokens())).orElse(null);
    }

    /** The call's cost at the list price: for a batched answer, what it would have cost sent call by call. */
    private java.math.BigDecimal listCostOf(ChatResult reply, String model) {
        return priceOf(reply, model)
                .map(price -> price.costUsd(reply.promptTokens(), reply.cachedPromptTokens(), reply.completionTokens()))
                .orElse(null);
    }

    private java.util.Optional<org.talecamel.cost.Price> priceOf(ChatResult reply, String model) {
        String name = reply.model() == null || reply.model().isBlank() ? model : reply.model();
        return prices.priceOf(name).or(() -> prices.priceOf(model));
    }

    /**
     * Where the budget came from, as the audit and the results say it; for {@code tale-native}, also the parameter it
     * was sent in: {@code estimated (native max_completion_tokens)}.
     */
    private String budgetLabel(Evaluation evaluation) {
        String label = evaluation.budgetSource().label();
        return evaluation.method().givesNativeBudget()
                ? label + " (native " + shape.models().of(evaluation.run().endpoint().model()).nativeBudget().field() + ")"
                : label;
    }

    /** The reasoning effort its model is asked with, or null for none. */
    private static ReasoningEffort effortOf(Evaluation evaluation) {
        return ReasoningEffort.of(evaluation.target().reasoningEffort());
    }

    private ChatRequest request(Evaluation evaluation, String systemMessage, String userMessage, Integer budget) {
        return shape.request(evaluation.target().model(), effortOf(evaluation),
                List.of(ChatMessage.system(systemMessage), ChatMessage.user(userMessage)), budget);
    }

    /** An answer's length both ways: from {@code usage}, and cl100k of its text as the paper counted it. */
    private static TokenMeasure.Answer answerOf(ChatResult reply) {
        return reply.ok() ? new TokenMeasure.Answer(reply.content(), reply.completionTokens(),
                TokenCounter.count(reply.content())) : null;
    }

    /**
     * Scores a usable reply and audits the call; null when the call failed.
     *
     * @param answer the answer's lengths, for an answer call; null for the estimate
     */
    private Score scored(ChatResult reply, Evaluation evaluation, String phase, TokenMeasure.Answer answer) {
        if (reply.notSent()) {
            // one row per evaluation not attempted: TALE-EP's answer after an estimate not sent is not sent either
            if (evaluation.markNotAttempted()) {
                record(evaluation, phase, reply, null, evaluation.budget(), "not-attempted", reply.error(), null);
            }
            return null;
        }
        if (!reply.ok()) {
            record(evaluation, phase, reply, null, evaluation.budget(), "error", reply.error(), null);
            return null;
        }
        Score score = evaluation.run().settings().measures().scoring().score(evaluation.problem(), reply.content());
        String note = reply.truncated() ? "truncated: the answer hit max_tokens" : null;
        record(evaluation, phase, reply, score, evaluation.budget(), reply.cached() ? "cached" : "ok", note,
                answer == null ? null : answer.paperTokens());
        return score;
    }

    private void record(Evaluation evaluation, String phase, ChatResult reply, Score score, Integer budget,
                        String outcome, String error, Integer paperTokens) {
        Run run = evaluation.run();
        Problem problem = evaluation.problem();
        for (org.talecamel.llm.Attempt attempt : reply.retried()) {
            run.record(new AuditRow(run.id(), run.now(), problem.sourceFile(), problem.line(), problem.id(),
                    problem.dataset(), evaluation.model(), evaluation.method().id(), phase, budget,
                    budget == null ? null : budgetLabel(evaluation), null,
                    attempt.httpStatus() == 0 ? null : attempt.httpStatus(), attempt.latencyMs(), null, null, "", "",
                    null, null, null, null, "retry", attempt.describe(), null));
        }
        boolean answered = reply.ok();
        // an answer from the response cache cost this run nothing; what it cost when first asked is kept beside
        java.math.BigDecimal cost = answered ? costOf(reply, evaluation.target().model()) : null;
        // a batched answer is paid at the batch price; what it would have cost call by call is kept beside
        boolean batched = answered && reply.batched();
        java.math.BigDecimal callByCall = batched ? listCostOf(reply, evaluation.target().model()) : null;
        String before = error == null ? "" : error + "; ";
        String note = error;
        if (reply.cached()) {
            note = before + "answered from the response cache, " + reply.origin();
        } else if (reply.batched()) {
            note = before + "answered in " + reply.origin()
                    + (batched && cost == null ? "; " + org.talecamel.cost.Expense.BATCH_PRICE_UNKNOWN : "");
        }
        run.record(new AuditRow(run.id(), run.now(), problem.sourceFile(), problem.line(), problem.id(),
                problem.dataset(), evaluation.method().id(), phase,
                budget,
                budget == null ? null : budgetLabel(evaluation),
                answered ? reply.model() : null,
                reply.httpStatus() == 0 ? null : reply.httpStatus(),
                reply.latencyMs(),
                answered ? reply.promptTokens() : null,
                answered ? reply.completionTokens() : null,
                reply.tokenSource().label(),
                reply.finishReason(),
                reply.cached() ? java.math.BigDecimal.ZERO : cost,
                score == null ? null : score.expected(),
                score == null ? null : score.extracted(),
                score == null ? null : score.correct(),
                outcome, note, reply.content(),
                reply.cached() ? cost : null, paperTokens,
                answered ? reply.reasoningTokens() : null,
                answered ? reply.reasoning() : null, evaluation.model(), batched, callByCall));
    }
}
