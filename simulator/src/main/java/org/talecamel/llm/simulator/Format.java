package org.talecamel.llm.simulator;

/**
 * The kinds of problem the simulated model tells apart, each with its chances of a right answer. The GSM8K
 * figures follow the TALE paper's GPT-4o-mini; Chain of Draft is about four points below chain of thought, as
 * Xu et al. (arXiv 2502.18600) report; the rest are plausible guesses, not measurements.
 */
enum Format {

    /** A GSM8K-style word problem with a worked solution ending in {@code #### N}. */
    WORKED(0.81, 0.85, 0.50, 0.85) {
        @Override
        double direct(WorkedSolution solution) {
            // Answering at once works for a step or two; every further step makes a slip likelier.
            long calculations = solution.steps().stream().filter(WorkedSolution.Step::hasCalculation).count();
            return 0.85 * Math.pow(0.6, Math.max(calculations - 1, 0));
        }
    },
    /** A question that states its own answer (GSM8K-Zero): the model needs only to find it. */
    STATED(0.94, 0.93, 0.70, 0.86),
    /** A calculation written out ("Calculate 37 * 12."). */
    ARITHMETIC(0.96, 0.95, 0.70, 0.92) {
        @Override
        double direct(WorkedSolution solution) {
            return 0.92 * Math.pow(0.94, Math.max(solution.steps().size() - 1, 0));
        }
    },
    /** A single-choice problem answered with the letter of an option. */
    CHOICE(0.75, 0.75, 0.40, 0.55);

    /** Chain of Draft's accuracy, below chain of thought's. */
    private static final double DRAFT_SHORTFALL = 0.04;

    /** The chance of a right answer with vanilla chain of thought. */
    final double vanilla;
    /** The chance with a budget at or above the shortest right reasoning, T_opt. */
    final double budgeted;
    /** The chance when the budget is a tiny fraction of T_opt. */
    final double starved;
    private final double direct;

    Format(double vanilla, double budgeted, double starved, double direct) {
        this.vanilla = vanilla;
        this.budgeted = budgeted;
        this.starved = starved;
        this.direct = direct;
    }

    /** The chance of a right answer without any reasoning. */
    double direct(WorkedSolution solution) {
        return direct;
    }

    double draft() {
        return vanilla - DRAFT_SHORTFALL;
    }

    /** The chance of a right answer with a budget of {@code ratio} times T_opt: lower the further it falls short. */
    double budgeted(double ratio) {
        if (ratio >= 1) {
            return budgeted;
        }
        double shortfall = 1 - ratio;
        return budgeted - (budgeted - starved) * shortfall * shortfall;
    }
}
