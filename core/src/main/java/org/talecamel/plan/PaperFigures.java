package org.talecamel.plan;

import org.talecamel.llm.TokenCounter;

/**
 * What a plan assumes where no earlier run over the same inputs and model says better. The anchor is the TALE paper
 * (Han et al., "Token-Budget-Aware LLM Reasoning", arXiv 2412.18547) for GPT-4o-mini on GSM8K: about
 * {@value #COT_TOKENS} output tokens a problem with vanilla CoT and about {@value #TALE_EP_TOKENS} with TALE-EP's
 * budgets (the figures the simulator is calibrated to, see the simulator module's {@code org.talecamel.llm.simulator}
 * package docs). Everything else is an assumption, and every plan line says which it is.
 */
public final class PaperFigures {

    /** Vanilla CoT, output tokens per problem (paper). */
    public static final int COT_TOKENS = 318;
    /** TALE-EP's budget-aware answer, output tokens per problem (paper). */
    public static final int TALE_EP_TOKENS = 77;
    public static final String CITATION = "TALE paper (Han et al., arXiv 2412.18547), GPT-4o-mini on GSM8K: vanilla CoT "
            + "about " + COT_TOKENS + " output tokens a problem, TALE-EP about " + TALE_EP_TOKENS;

    /** Assumed: the estimator replies in its format and no more. */
    public static final String ESTIMATE_REPLY = "Budget: [[" + TALE_EP_TOKENS + "]]";
    /** Assumed: a direct answer is the template's answer and no more. */
    public static final String DIRECT_REPLY = "Answer: [[50]]";

    private PaperFigures() {
    }

    /** TALE-EP's answer for a CoT of {@code cotTokens}, at the paper's ratio. */
    public static double taleEp(double cotTokens) {
        return cotTokens * TALE_EP_TOKENS / COT_TOKENS;
    }

    /**
     * Assumed: a budget-aware answer is about as long as its budget, but never longer than CoT's answer nor shorter
     * than TALE-EP's (a budget far too small makes answers longer, not shorter: token elasticity).
     */
    public static double budgeted(int budget, double cotTokens) {
        return Math.max(taleEp(cotTokens), Math.min(budget, cotTokens));
    }

    /** The estimator's assumed reply, in tokens. */
    public static int estimateReplyTokens() {
        return TokenCounter.count(ESTIMATE_REPLY);
    }

    /** The direct answer's assumed reply, in tokens. */
    public static int directReplyTokens() {
        return TokenCounter.count(DIRECT_REPLY);
    }

    /**
     * The halving steps from a CoT length down to one token: the most the optimal-budget search and the elasticity
     * walk can take (a problem CoT got wrong takes none, and a search stops at its first rejected step).
     */
    public static int maxHalvingSteps(int cotTokens) {
        int steps = 0;
        for (int budget = cotTokens; budget / 2 >= 1; budget /= 2) {
            steps++;
        }
        return steps;
    }
}
