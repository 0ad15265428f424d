package org.talecamel.flow;

import org.talecamel.budget.TokenMeasure;

/**
 * What the methods of one problem share: vanilla CoT's answer, which search and elasticity start from.
 * The methods of a problem run one after another, CoT first, so no locking is needed beyond visibility.
 */
final class ProblemContext {

    /** CoT's usable answer on the problem. */
    record CotAnswer(TokenMeasure.Answer answer, boolean correct) {
    }

    private volatile CotAnswer cot;

    CotAnswer cot() {
        return cot;
    }

    void cot(CotAnswer answer) {
        this.cot = answer;
    }
}
