package org.talecamel.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * The TALE paper's search for a problem's optimal token budget. The upper bound is the problem's vanilla CoT
 * output tokens. Each step tries half the current budget and is accepted only if the answer is still correct
 * <em>and</em> used fewer output tokens than at the previous budget; the first step that fails ends the search.
 * The last accepted budget is the optimal one (the upper bound itself when no step is accepted).
 */
public final class BudgetSearch {

    /** One budget tried. */
    public record Step(int budget, int outputTokens, boolean correct, boolean accepted) {
    }

    private final List<Step> steps = new ArrayList<>();
    private int optimalBudget;
    private int optimalTokens;
    private String optimalAnswer;
    private boolean searching;

    /** Starts from a correct vanilla CoT answer of {@code cotTokens} output tokens. */
    public BudgetSearch(int cotTokens, String cotAnswer) {
        this.optimalBudget = cotTokens;
        this.optimalTokens = cotTokens;
        this.optimalAnswer = cotAnswer;
        this.searching = cotTokens / 2 >= 1;
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

    /** Takes the outcome of trying {@link #nextBudget()}. A failed call ends the search without accepting. */
    public void observe(int outputTokens, boolean correct, String answer) {
        int budget = nextBudget();
        boolean accepted = correct && outputTokens < optimalTokens;
        steps.add(new Step(budget, outputTokens, correct, accepted));
        if (accepted) {
            optimalBudget = budget;
            optimalTokens = outputTokens;
            optimalAnswer = answer;
            searching = budget / 2 >= 1;
        } else {
            searching = false;
        }
    }

    /** Ends the search where it stands, e.g. when a call fails. */
    public void stop() {
        searching = false;
    }

    public int optimalBudget() {
        return optimalBudget;
    }

    public int optimalTokens() {
        return optimalTokens;
    }

    public String optimalAnswer() {
        return optimalAnswer;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }
}
