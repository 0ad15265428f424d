package org.talecamel.plan;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.talecamel.budget.ElasticityLevels;
import org.talecamel.cost.Price;
import org.talecamel.method.Method;
import org.talecamel.problems.Problem;

/**
 * Plans each method on one model: its calls, the prompt tokens of the prompts it would send (jtokkit), and its output
 * tokens from the newest earlier run over the same inputs with this model that ran the method, or else from the
 * paper's figures and the assumptions of {@link PaperFigures}. A budget a call would be given is not known before
 * the run (the estimator, the CoT answer decide it): prompts are counted with the expected one, which changes a
 * prompt by a token or so.
 */
final class MethodEstimator {

    private final String model;
    private final List<Problem> problems;
    private final List<ElasticityLevels.Level> levels;
    private final List<PastRun> history;
    private final Optional<Price> price;
    /** the calls go in batches: priced at the batch price */
    private final boolean batched;
    /** CoT's output tokens a problem: from the history when it ran cot, else the paper's. */
    private final double cotTokens;
    private final String cotSource;

    MethodEstimator(String model, List<Problem> problems, List<ElasticityLevels.Level> levels, List<PastRun> history,
                    Optional<Price> price, boolean batched) {
        this.model = model;
        this.problems = List.copyOf(problems);
        this.levels = List.copyOf(levels);
        this.history = List.copyOf(history);
        this.price = price;
        this.batched = batched;
        Optional<Past> cot = past(Method.COT.id());
        this.cotTokens = cot.filter(p -> p.figures().calls() > 0)
                .map(p -> (double) p.figures().outputTokens() / p.figures().calls()).orElse((double) PaperFigures.COT_TOKENS);
        this.cotSource = cot.map(p -> "CoT of run " + p.run().runId()).orElse("the paper's CoT");
    }

    MethodPlan plan(Method method) {
        long n = problems.size();
        Optional<Past> past = past(method.id());
        int cot = (int) Math.round(cotTokens);
        return switch (method.kind()) {
            case DIRECT -> single(method, null, past, n * PaperFigures.directReplyTokens(), Basis.ASSUMED,
                    "a bare answer, '" + PaperFigures.DIRECT_REPLY + "'");
            case COT -> single(method, null, past, Math.round(n * cotTokens),
                    Basis.PAPER, "vanilla CoT, GPT-4o-mini on GSM8K");
            case COD -> single(method, null, past, Math.round(n * PaperFigures.taleEp(cotTokens)), Basis.ASSUMED,
                    "as TALE-EP's answer (" + ratio() + ")");
            case FIXED -> single(method, method.fixedBudget(), past,
                    Math.round(n * PaperFigures.budgeted(method.fixedBudget(), cotTokens)), Basis.ASSUMED,
                    "about its budget, between TALE-EP's and CoT's (" + cotSource + ")");
            case TALE_EP, TALE_NATIVE -> taleEp(method, past);
            case SEARCH, WALK -> halving(method, past, cot);
            case ELASTICITY -> sweep(method, past, cot);
        };
    }

    /** One call a problem: direct, cot, cod, fixed:N. */
    private MethodPlan single(Method method, Integer budget, Optional<Past> past, long assumedOutput, Basis basis,
                              String detail) {
        long input = sum(p -> PromptTokens.answer(method, p, budget));
        if (past.isPresent()) {
            return line(method, problems.size(), input, past.get().scaled(past.get().figures().outputTokens()),
                    Basis.HISTORY, "run " + past.get().run().runId());
        }
        return line(method, problems.size(), input, assumedOutput, basis, detail);
    }

    /** The estimate, then the answer with the estimated budget. */
    private MethodPlan taleEp(Method method, Optional<Past> past) {
        Double pastBudget = past.map(p -> p.figures().meanBudget()).orElse(null);
        double expectedBudget = pastBudget != null ? pastBudget : PaperFigures.taleEp(cotTokens);
        int budget = Math.max(1, (int) Math.round(expectedBudget));
        long input = sum(p -> PromptTokens.estimate(p) + PromptTokens.answer(method, p, budget));
        long calls = 2L * problems.size();
        if (past.isPresent()) {
            return line(method, calls, input, past.get().scaled(past.get().figures().outputTokens()), Basis.HISTORY,
                    "run " + past.get().run().runId());
        }
        long output = Math.round(problems.size() * (PaperFigures.taleEp(cotTokens) + PaperFigures.estimateReplyTokens()));
        return line(method, calls, input, output, Basis.PAPER, ratio() + " of " + cotSource
                + ", and an estimate replying '" + PaperFigures.ESTIMATE_REPLY + "' (assumed)");
    }

    /** The search and the walk: halving steps from each problem's CoT length, each a call. */
    private MethodPlan halving(Method method, Optional<Past> past, int cot) {
        int budget = Math.max(1, cot / 2);
        long promptsOnce = sum(p -> PromptTokens.answer(method, p, budget));
        if (past.isPresent()) {
            long calls = past.get().scaled(past.get().figures().calls());
            return line(method, calls, perCall(promptsOnce, calls), past.get().scaled(past.get().figures().outputTokens()),
                    Basis.HISTORY, "run " + past.get().run().runId());
        }
        int steps = PaperFigures.maxHalvingSteps(cot);
        double output = 0;
        for (int step = 1, b = cot / 2; step <= steps; step++, b /= 2) {
            output += PaperFigures.budgeted(b, cotTokens);
        }
        return line(method, steps * (long) problems.size(), steps * promptsOnce, Math.round(problems.size() * output),
                Basis.UPPER_BOUND, steps + " halving steps a problem from " + cot + " tokens (" + cotSource
                        + "), every problem, each answer about its budget");
    }

    /** The sweep: one call a problem at every level of tale.elasticity.budgets. */
    private MethodPlan sweep(Method method, Optional<Past> past, int cot) {
        long prompts = 0;
        double output = 0;
        for (ElasticityLevels.Level level : levels) {
            int budget = level.budgetFor(cot);
            prompts += sum(p -> PromptTokens.answer(method, p, budget));
            output += PaperFigures.budgeted(budget, cotTokens);
        }
        long calls = (long) levels.size() * problems.size();
        if (past.isPresent()) {
            long pastCalls = past.get().scaled(past.get().figures().calls());
            return line(method, pastCalls, calls == 0 ? 0 : Math.round((double) prompts * pastCalls / calls),
                    past.get().scaled(past.get().figures().outputTokens()), Basis.HISTORY,
                    "run " + past.get().run().runId());
        }
        return line(method, calls, prompts, Math.round(problems.size() * output), Basis.ASSUMED, levels.size()
                + " budget levels (tale.elasticity.budgets) of " + cot + " CoT tokens (" + cotSource
                + "), each answer about its budget");
    }

    /** The prompts of {@code calls} calls, when {@code promptsOnce} are those of one call a problem. */
    private long perCall(long promptsOnce, long calls) {
        return problems.isEmpty() ? 0 : Math.round((double) promptsOnce * calls / problems.size());
    }

    private MethodPlan line(Method method, long calls, long input, long output, Basis basis, String detail) {
        return new MethodPlan(model, method.id(), calls, input, output, basis, detail,
                price.flatMap(p -> p.costUsd(batched, input, 0, output)).orElse(null));
    }

    private long sum(ToIntFunction<Problem> tokens) {
        return problems.stream().mapToLong(tokens::applyAsInt).sum();
    }

    private static String ratio() {
        return "paper ratio " + PaperFigures.TALE_EP_TOKENS + "/" + PaperFigures.COT_TOKENS;
    }

    /** The newest earlier run that ran this method, with its figures. */
    private Optional<Past> past(String method) {
        for (PastRun run : history) {
            if (run.problems() > 0 && run.of(method).isPresent()) {
                return Optional.of(new Past(run, run.of(method).get(), problems.size()));
            }
        }
        return Optional.empty();
    }

    /** A method's figures in an earlier run, scaled to the planned problems (the same inputs: usually 1 to 1). */
    private record Past(PastRun run, PastRun.Figures figures, long planned) {

        long scaled(long total) {
            return Math.round((double) total * planned / run.problems());
        }
    }
}
