package org.talecamel.flow;

import java.util.List;
import java.util.OptionalInt;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.talecamel.audit.AuditRow;
import org.talecamel.budget.BudgetParser;
import org.talecamel.budget.BudgetSource;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResult;
import org.talecamel.method.Method;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Rejection;
import org.talecamel.run.Run;
import org.talecamel.scoring.Score;
import org.talecamel.scoring.Scorer;

/** The steps of the evaluate route: plan a problem's methods, build requests, take replies, score, audit. */
public final class EvaluationSteps {

    /** Exchange property that carries the open {@link Run}. */
    public static final String RUN = "taleRun";
    /** Exchange property that carries the {@link Evaluation} while its calls are made. */
    public static final String EVALUATION = "taleEvaluation";

    private final List<Method> methods;
    private final String model;
    private final double temperature;
    private final int budgetFallback;

    public EvaluationSteps(List<Method> methods, String model, double temperature, int budgetFallback) {
        if (budgetFallback <= 0) {
            throw new IllegalArgumentException("tale.budget.fallback must be a positive number of tokens, was " + budgetFallback);
        }
        this.methods = List.copyOf(methods);
        this.model = model;
        this.temperature = temperature;
        this.budgetFallback = budgetFallback;
    }

    /** Records a rejected input line in the audit. */
    public void reject(@Body Rejection rejection, @ExchangeProperty(RUN) Run run) {
        run.record(new AuditRow(run.id(), run.now(), rejection.sourceFile(), rejection.line(), null, null, "input",
                null, null, null, null, null, null, null, null, null, null, null, null, "rejected", rejection.reason(), null));
    }

    /** One evaluation per configured method, in configured order. */
    public List<Evaluation> plan(@Body Problem problem, @ExchangeProperty(RUN) Run run) {
        run.problemRead(problem.sourceFile());
        return methods.stream().map(method -> new Evaluation(run, problem, method)).toList();
    }

    public ChatRequest estimateRequest(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        return request(Prompts.SYSTEM, Method.estimatorPrompt(evaluation.problem()));
    }

    /** Takes the estimator's budget, or the fallback (flagged) when it gave no positive integer. */
    public void acceptEstimate(@Body ChatResult reply, @ExchangeProperty(EVALUATION) Evaluation evaluation) {
        OptionalInt parsed = reply.ok() ? BudgetParser.parse(reply.content()) : OptionalInt.empty();
        String error = null;
        if (parsed.isPresent()) {
            evaluation.useBudget(parsed.getAsInt(), BudgetSource.ESTIMATED);
        } else {
            evaluation.useBudget(budgetFallback, BudgetSource.FALLBACK);
            error = (reply.ok() ? "estimator reply has no positive [[N]]" : reply.error())
                    + "; used tale.budget.fallback=" + budgetFallback;
        }
        String outcome = !reply.ok() ? "error" : parsed.isPresent() ? "ok" : "fallback";
        record(evaluation, "estimate", reply, null, outcome, error);
    }

    public ChatRequest answerRequest(@ExchangeProperty(EVALUATION) Evaluation evaluation) {
        Method method = evaluation.method();
        return request(method.systemPrompt(), method.userPrompt(evaluation.problem(), evaluation.budget()));
    }

    /** Scores the answer and records the call. */
    public void acceptAnswer(@Body ChatResult reply, @ExchangeProperty(EVALUATION) Evaluation evaluation) {
        if (!reply.ok()) {
            record(evaluation, "answer", reply, null, "error", reply.error());
            return;
        }
        Score score = Scorer.score(evaluation.problem(), reply.content());
        String note = "length".equals(reply.finishReason()) ? "truncated: the answer hit max_tokens" : null;
        record(evaluation, "answer", reply, score, "ok", note);
    }

    private ChatRequest request(String systemMessage, String userMessage) {
        return new ChatRequest(model, List.of(ChatMessage.system(systemMessage), ChatMessage.user(userMessage)),
                temperature, null);
    }

    private static void record(Evaluation evaluation, String phase, ChatResult reply, Score score, String outcome,
                               String error) {
        Run run = evaluation.run();
        Problem problem = evaluation.problem();
        boolean answered = reply.ok();
        boolean answerPhase = "answer".equals(phase);
        run.record(new AuditRow(run.id(), run.now(), problem.sourceFile(), problem.line(), problem.id(),
                evaluation.method().id(), phase,
                answerPhase ? evaluation.budget() : null,
                answerPhase ? evaluation.budgetSource().label() : null,
                answered ? reply.model() : null,
                reply.httpStatus() == 0 ? null : reply.httpStatus(),
                reply.latencyMs(),
                answered ? reply.promptTokens() : null,
                answered ? reply.completionTokens() : null,
                reply.tokenSource().label(),
                reply.finishReason(),
                score == null ? null : score.expected(),
                score == null ? null : score.extracted(),
                score == null ? null : score.correct(),
                outcome, error, reply.content()));
    }
}
