package org.talecamel.plan;

/** Where a plan line's output tokens (and, for a variable number of calls, its calls) come from. */
public enum Basis {
    /** An earlier finished run over the same inputs with the same model. */
    HISTORY("history"),
    /** The TALE paper's figures, or its ratios applied to CoT's figure. */
    PAPER("paper"),
    /** The most a method can call: every problem searched, every halving step taken. */
    UPPER_BOUND("upper bound"),
    /** An assumption stated in the plan's notes. */
    ASSUMED("assumed");

    private final String label;

    Basis(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
