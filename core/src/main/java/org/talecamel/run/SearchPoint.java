package org.talecamel.run;

/** One problem's optimal-budget search: its vanilla CoT tokens, the optimal budget and the tokens used under it. */
public record SearchPoint(String dataset, String model, String problemId, int cotTokens, int optimalBudget, int optimalTokens,
                          int steps) {
}
