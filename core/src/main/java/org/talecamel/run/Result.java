package org.talecamel.run;

/**
 * The final answer of one method on one problem, asked of one of the run's models: what accuracy and the token means are computed from.
 * For most methods this is its answer call; for search it is the answer at the optimal budget.
 *
 * @param model        the label of the run's model it was asked of ({@link ModelTarget#label})
 * @param outputTokens the answer's completion tokens from {@code usage}; null when the method got no usable answer
 *                     (a failed call), which counts as wrong
 * @param paperTokens  the answer's tokens as the paper counted them (cl100k of its text); null likewise
 */
public record Result(String dataset, String model, String method, Integer outputTokens, Integer paperTokens, boolean correct,
                     Integer budget, String budgetSource, boolean truncated) {

    public static Result failed(String dataset, String model, String method, Integer budget, String budgetSource) {
        return new Result(dataset, model, method, null, null, false, budget, budgetSource, false);
    }
}
