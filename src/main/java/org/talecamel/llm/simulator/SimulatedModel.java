package org.talecamel.llm.simulator;

import org.talecamel.llm.TokenCounter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.simulator.ReplyWriter.Style;
import org.talecamel.llm.simulator.TalePrompt.Estimate;
import org.talecamel.llm.simulator.TalePrompt.Reason;

/**
 * A stand-in for a chat model on TALE's prompts. It knows the worked solutions of the problems in its
 * {@link Knowledge} and nothing else, and behaves like GPT-4o-mini did in the TALE paper on GSM8K:
 *
 * <ul>
 *   <li>Without a budget it explains at length (about 318 output tokens on average) and is right about 81% of
 *       the time.</li>
 *   <li>Asked for a budget, it answers {@code Budget: [[N]]} with N near the length of the shortest correct
 *       reasoning, T_opt (the solution's steps plus the answer line).</li>
 *   <li>Given a budget it writes tersely, a little above T_opt, and is right about 84% of the time. A budget
 *       below T_opt backfires ("token elasticity"): the reply grows by 1.8 tokens per token of shortfall and
 *       is right less often, down to a coin toss. With T_opt = 63, budget 50 gives about 86 tokens, budget 10
 *       about 157, as the paper observed.</li>
 * </ul>
 *
 * <p>Every random choice comes from a hash of (seed, question, purpose, budget), so a reply depends only on
 * the request. Whether a reply is right compares one number per question, u, with the method's probability of
 * being right: the methods are correlated as for a real model, and a better chance never makes a reply wrong.
 * Temperature is ignored: a simulated reply is as deterministic as a real one at temperature 0 with a seed.
 */
public final class SimulatedModel {

    static final double VANILLA_ACCURACY = 0.81;
    static final double BUDGETED_ACCURACY = 0.85;
    /** Accuracy when the budget is a tiny fraction of what the problem needs. */
    static final double STARVED_ACCURACY = 0.5;
    /** Extra output tokens per token the budget falls short of T_opt. */
    static final double ELASTICITY = 1.8;

    // Vanilla length = (VANILLA_BASE + VANILLA_PER_TOKEN * T_opt), log-normally spread.
    private static final double VANILLA_BASE = 60;
    private static final double VANILLA_PER_TOKEN = 4.15;
    private static final double VANILLA_SPREAD = 0.18;
    private static final double BUDGETED_SPREAD = 0.08;
    // The estimator's budget = T_opt * exp(ESTIMATE_BIAS + ESTIMATE_SPREAD * z).
    private static final double ESTIMATE_BIAS = 0.05;
    private static final double ESTIMATE_SPREAD = 0.3;
    private static final double PLAIN_ANSWER_FORM = 0.03;
    /** T_opt as a share of the reference solution's length. */
    private static final double WORDING_ECONOMY = 0.8;

    private static final String[] ESTIMATE_PREAMBLES = {
        "This problem needs a few short calculations.",
        "The question involves a couple of arithmetic steps.",
        "A short step-by-step solution is enough here.",
        "This requires several multi-step calculations.",
        "The answer follows from a small number of calculations.",
    };

    private final Knowledge knowledge;
    private final long seed;

    public SimulatedModel(Knowledge knowledge, long seed) {
        this.knowledge = knowledge;
        this.seed = seed;
    }

    /** The assistant's reply to a chat, with this model's seed. */
    public String reply(List<ChatMessage> messages) {
        return reply(messages, seed);
    }

    /** The assistant's reply to a chat, with another seed (a request's own). */
    public String reply(List<ChatMessage> messages, long seed) {
        TalePrompt prompt = TalePrompt.of(lastUserText(messages));
        if (prompt instanceof Estimate estimate) {
            return estimate(Knowledge.key(estimate.question()), seed);
        }
        Reason reason = (Reason) prompt;
        return reason(Knowledge.key(reason.question()), reason.budget(), seed);
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return Objects.requireNonNullElse(messages.get(i).content(), "");
            }
        }
        return messages.isEmpty() ? "" : Objects.requireNonNullElse(messages.get(messages.size() - 1).content(), "");
    }

    private String estimate(String question, long seed) {
        Problem problem = problem(question, seed);
        Dice dice = Dice.of(seed, question, "estimate", Dice.NO_BUDGET);
        double raw = problem.minimalTokens() * Math.exp(ESTIMATE_BIAS + ESTIMATE_SPREAD * dice.gaussian());
        // Models like round numbers.
        int step = raw >= 100 ? 10 : raw >= 20 ? 5 : 1;
        long budget = dice.chance(0.5) ? Math.round(raw / step) * step : Math.round(raw);
        String preamble = dice.chance(0.25) ? dice.pick(ESTIMATE_PREAMBLES) + " " : "";
        return preamble + "Budget: [[" + Math.max(5, budget) + "]]";
    }

    private String reason(String question, int budget, long seed) {
        Problem problem = problem(question, seed);
        int minimal = problem.minimalTokens();
        double vanilla = vanillaLength(minimal, Dice.of(seed, question, "length", Dice.NO_BUDGET));
        boolean budgeted = budget > 0;
        int target = (int) Math.round(budgeted
                ? budgetedLength(minimal, budget, vanilla, Dice.of(seed, question, "length", budget))
                : vanilla);
        double chance = budgeted ? accuracy(budget / (double) minimal) : VANILLA_ACCURACY;
        // One u per question, whatever the method: see the class comment.
        boolean right = Dice.of(seed, question, "right", 0).uniform() < chance;
        long variant = budgeted ? budget : Dice.NO_BUDGET;
        WorkedSolution told = right || !problem.known()
                ? problem.solution()
                : Slips.wrong(problem.solution(), question, Dice.of(seed, question, "slip", variant));
        boolean plainForm = Dice.of(seed, question, "form", variant).chance(PLAIN_ANSWER_FORM);
        return ReplyWriter.write(question, told, budgeted ? Style.TERSE : Style.VERBOSE, budget, target, plainForm,
                Dice.of(seed, question, "text", variant));
    }

    /** Without a budget: a long explanation, longer for longer problems. */
    static double vanillaLength(int minimal, Dice dice) {
        return (VANILLA_BASE + VANILLA_PER_TOKEN * minimal) * spread(VANILLA_SPREAD, dice);
    }

    /** With a budget: a little above T_opt, or far above it when the budget is too small. */
    static double budgetedLength(int minimal, int budget, double vanilla, Dice dice) {
        double length = budget < minimal
                ? minimal + ELASTICITY * (minimal - budget)
                : minimal * (1.03 + 0.05 * Math.min((budget - minimal) / (double) minimal, 4));
        return Math.min(length * spread(BUDGETED_SPREAD, dice), 0.9 * vanilla);
    }

    /** The chance of a right answer with a budget of {@code ratio} times T_opt. */
    static double accuracy(double ratio) {
        if (ratio >= 1) {
            return BUDGETED_ACCURACY;
        }
        double shortfall = 1 - ratio;
        return BUDGETED_ACCURACY - (BUDGETED_ACCURACY - STARVED_ACCURACY) * shortfall * shortfall;
    }

    // A log-normal factor with mean 1.
    private static double spread(double sigma, Dice dice) {
        return Math.exp(sigma * dice.gaussian() - sigma * sigma / 2);
    }

    private record Problem(WorkedSolution solution, int minimalTokens, boolean known) {
    }

    private Problem problem(String question, long seed) {
        Optional<String> reference = knowledge.solutionOf(question);
        if (reference.isPresent()) {
            WorkedSolution solution = WorkedSolution.parse(reference.get());
            // A model finds shorter wordings than the reference's; equations alone are shorter still.
            int minimal = (int) Math.round(WORDING_ECONOMY * TokenCounter.count(ReplyWriter.core(solution)));
            return new Problem(solution, minimal, true);
        }
        // An unseen question: the model still reasons, at a length that grows with the question.
        WorkedSolution guess = Slips.guess(question, Dice.of(seed, question, "guess", Dice.NO_BUDGET));
        int minimal = Math.max(TokenCounter.count(ReplyWriter.core(guess)), 25 + TokenCounter.count(question) / 2);
        return new Problem(guess, minimal, false);
    }
}
