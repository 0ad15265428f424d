package org.talecamel.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * A walk down from a problem's vanilla CoT length, halving the budget each step, as the TALE reference walks it.
 * The first step that is not accepted ends it, as does a budget that would fall below one token.
 * <ul>
 *   <li>{@link Rule#SEARCH}, the paper's optimal-budget search ({@code search_budget.py}): a step is accepted only if
 *       the answer is still correct <em>and</em> shorter than at the last accepted budget. The last accepted budget
 *       is the optimal one (the CoT length itself when no step is accepted).</li>
 *   <li>{@link Rule#WALK}, the elasticity walk of the paper's Figure 2 ({@code token_elasticity.py}): a step is
 *       accepted while the answer stays correct, however long it gets, so the walk shows the answers growing again
 *       below the budget a problem needs.</li>
 * </ul>
 * Lengths are counted by the {@link TokenMeasure} given.
 */
public final class BudgetSearch {

    /** When a step is accepted. */
    public enum Rule {
        SEARCH, WALK
    }

    /** One budget tried, its answer's length in the search's measure. */
    public record Step(int budget, int tokens, boolean correct, boolean accepted) {
    }

    private final Rule rule;
    private final TokenMeasure measure;
    private final TokenMeasure.Answer start;
    private final List<Step> steps = new ArrayList<>();
    private int optimalBudget;
    private TokenMeasure.Answer optimal;
    private boolean searching;

    /** Starts from a correct vanilla CoT answer; its length is the first budget. */
    public BudgetSearch(Rule rule, TokenMeasure measure, TokenMeasure.Answer cot) {
        this.rule = rule;
        this.measure = measure;
        this.start = cot;
        this.optimal = cot;
        this.optimalBudget = measure.of(cot);
        this.searching = optimalBudget / 2 >= 1;
    }

    public Rule rule() {
        return rule;
    }

    public boolean searching() {
        return searching;
    }

    /** The budget to try next: half the last accepted one. */
    public int nextBudget() {
        if (!searching) {
            throw new IllegalStateException("the search has ended at budget " + optimalBudget);
        }
        return optimalBudget / 2;
    }

    /** Takes the outcome of trying {@link #nextBudget()}. */
    public void observe(TokenMeasure.Answer answer, boolean correct) {
        int budget = nextBudget();
        int tokens = measure.of(answer);
        boolean accepted = correct && (rule == Rule.WALK || tokens < measure.of(optimal));
        steps.add(new Step(budget, tokens, correct, accepted));
        if (accepted) {
            optimalBudget = budget;
            optimal = answer;
            searching = budget / 2 >= 1;
        } else {
            searching = false;
        }
    }

    /** Ends the search where it stands, e.g. when a call fails. */
    public void stop() {
        searching = false;
    }

    /** The vanilla CoT answer it started from. */
    public TokenMeasure.Answer start() {
        return start;
    }

    /** The last accepted budget (for the walk: the lowest budget still answered correctly). */
    public int optimalBudget() {
        return optimalBudget;
    }

    /** The answer at {@link #optimalBudget()}. */
    public TokenMeasure.Answer optimal() {
        return optimal;
    }

    /** The length of {@link #optimal()} in the search's measure. */
    public int optimalTokens() {
        return measure.of(optimal);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The budgets the walk went through, the CoT length first, and each one's length: the curve of Figure 2. */
    public List<Step> accepted() {
        List<Step> curve = new ArrayList<>();
        curve.add(new Step(measure.of(start), measure.of(start), true, true));
        steps.stream().filter(Step::accepted).forEach(curve::add);
        return curve;
    }
}
