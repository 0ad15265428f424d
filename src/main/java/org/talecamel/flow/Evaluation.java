package org.talecamel.flow;

import org.talecamel.budget.BudgetSource;
import org.talecamel.method.Method;
import org.talecamel.problems.Problem;
import org.talecamel.run.Run;

/** One problem put to one method: what travels through the evaluate route, gathering its budget on the way. */
public final class Evaluation {

    private final Run run;
    private final Problem problem;
    private final Method method;
    private Integer budget;
    private BudgetSource budgetSource = BudgetSource.NONE;

    public Evaluation(Run run, Problem problem, Method method) {
        this.run = run;
        this.problem = problem;
        this.method = method;
    }

    public Run run() {
        return run;
    }

    public Problem problem() {
        return problem;
    }

    public Method method() {
        return method;
    }

    /** Used by the routes: {@code ${body.estimatesBudget}}. */
    public boolean isEstimatesBudget() {
        return method.estimatesBudget();
    }

    public Integer budget() {
        return budget;
    }

    public BudgetSource budgetSource() {
        return budgetSource;
    }

    void useBudget(int budget, BudgetSource source) {
        this.budget = budget;
        this.budgetSource = source;
    }
}
