package org.talecamel.flow;

import org.talecamel.budget.BudgetSearch;
import org.talecamel.budget.BudgetSource;
import org.talecamel.budget.ElasticityLevels;
import org.talecamel.method.Method;
import org.talecamel.problems.Problem;
import org.talecamel.run.ModelTarget;
import org.talecamel.run.Run;

/**
 * One problem put to one method on one of the run's models: what travels through the evaluate routes, gathering its budget on the way.
 * For search it also carries the search's state; for one budget of the elasticity sweep, its level.
 */
public final class Evaluation {

    private final Run run;
    private final Problem problem;
    private final ModelTarget target;
    private final Method method;
    private final ProblemContext context;
    private final ElasticityLevels.Level level;
    private Integer budget;
    private BudgetSource budgetSource = BudgetSource.NONE;
    private BudgetSearch search;
    private boolean notAttempted;

    /** @param context what the problem's methods on this model share (its CoT answer, for search and elasticity) */
    Evaluation(Run run, Problem problem, ModelTarget target, Method method, ProblemContext context) {
        this(run, problem, target, method, context, null);
    }

    private Evaluation(Run run, Problem problem, ModelTarget target, Method method, ProblemContext context,
                       ElasticityLevels.Level level) {
        this.run = run;
        this.problem = problem;
        this.target = target;
        this.method = method;
        this.context = context;
        this.level = level;
        if (method.kind() == Method.Kind.FIXED) {
            useBudget(method.fixedBudget(), BudgetSource.FIXED);
        }
    }

    /** The same problem and method at one budget level of the elasticity sweep. */
    Evaluation atLevel(ElasticityLevels.Level sweepLevel, int sweepBudget) {
        Evaluation step = new Evaluation(run, problem, target, method, context, sweepLevel);
        step.useBudget(sweepBudget, BudgetSource.SWEEP);
        return step;
    }

    public Run run() {
        return run;
    }

    public Problem problem() {
        return problem;
    }

    /** The model asked. */
    public ModelTarget target() {
        return target;
    }

    /** How reports and the audit's {@code asked_model} name the model asked. */
    public String model() {
        return target.label();
    }

    public Method method() {
        return method;
    }

    ProblemContext context() {
        return context;
    }

    ElasticityLevels.Level level() {
        return level;
    }

    /** The route the evaluation takes: {@code search}, {@code elasticity}, {@code estimate-and-answer} or {@code answer}. */
    String route() {
        return switch (method.kind()) {
            case SEARCH, WALK -> "search";
            case ELASTICITY -> "elasticity";
            default -> method.estimatesBudget() ? "estimate-and-answer" : "answer";
        };
    }

    /** Used by the search route's loop: true while the budget search goes on. */
    public boolean isSearching() {
        return search != null && search.searching();
    }

    public Integer budget() {
        return budget;
    }

    public BudgetSource budgetSource() {
        return budgetSource;
    }

    BudgetSearch search() {
        return search;
    }

    void startSearch(BudgetSearch budgetSearch) {
        this.search = budgetSearch;
    }

    /** Marks the evaluation not attempted (a call of it was not sent); false when it was marked before. */
    boolean markNotAttempted() {
        boolean first = !notAttempted;
        notAttempted = true;
        return first;
    }

    void useBudget(int tokens, BudgetSource source) {
        this.budget = tokens;
        this.budgetSource = source;
    }
}
