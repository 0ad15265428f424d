package org.talecamel.llm.simulator;

import java.util.List;
import java.util.Objects;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.simulator.ReplyWriter.Style;
import org.talecamel.llm.simulator.TalePrompt.Direct;
import org.talecamel.llm.simulator.TalePrompt.Draft;
import org.talecamel.llm.simulator.TalePrompt.Estimate;
import org.talecamel.llm.simulator.TalePrompt.Question;
import org.talecamel.llm.simulator.TalePrompt.Reason;

/**
 * A stand-in for a chat model on TALE's prompts. It knows the reference answers of the problems in its
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
 *       about 157, as the paper observed. So halving a budget from the vanilla length keeps the answer right
 *       and shortens it for a few halvings, until the budget falls below T_opt.</li>
 *   <li>Asked for the answer directly it writes a line of 5 to 15 tokens, right about a third of the time on
 *       multi-step problems and far more often on one-step ones.</li>
 *   <li>With Chain of Draft's instruction it writes a draft of at most five words per step, about a fifth of
 *       the vanilla length, and is right about four points less often than with chain of thought.</li>
 * </ul>
 *
 * <p>It tells apart GSM8K-style problems, questions that state their own answer (GSM8K-Zero), written-out
 * calculations and single-choice problems ({@link Format}), each with its own chances; the shorter the right
 * reasoning, the shorter every reply. A single-choice reply ends {@code Choice: [[B]]}, and a wrong one names
 * another letter.
 *
 * <p>Every random choice comes from a hash of (seed, question, purpose, budget), so a reply depends only on
 * the request. Whether a reply is right compares one number per question, u, with the method's probability of
 * being right: the methods are correlated as for a real model, and a better chance never makes a reply wrong.
 * Temperature is ignored: a simulated reply is as deterministic as a real one at temperature 0 with a seed.
 */
public final class SimulatedModel {

    /** Extra output tokens per token the budget falls short of T_opt. */
    static final double ELASTICITY = 1.8;
    /**
     * The length a Chain of Draft reply aims at, as a share of vanilla chain of thought's. The drafts of short
     * solutions cannot reach it, so the mean comes to about a fifth, as Xu et al. report.
     */
    private static final double DRAFT_SHARE = 0.25;

    // Vanilla length = (VANILLA_BASE + VANILLA_PER_TOKEN * T_opt), log-normally spread.
    private static final double VANILLA_BASE = 60;
    private static final double VANILLA_PER_TOKEN = 4.15;
    private static final double VANILLA_SPREAD = 0.18;
    // A budgeted reply's spread: mostly how wordy the model is on this question, a little the budget's own.
    private static final double QUESTION_SPREAD = 0.07;
    private static final double BUDGET_SPREAD = 0.035;
    // The estimator's budget = T_opt * exp(ESTIMATE_BIAS + ESTIMATE_SPREAD * z).
    private static final double ESTIMATE_BIAS = 0.05;
    private static final double ESTIMATE_SPREAD = 0.3;
    private static final double PLAIN_ANSWER_FORM = 0.03;

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

    /** The model name the simulator's figures are tuned on: its replies are drawn with the seed itself. */
    public static final String CALIBRATED_MODEL = "gpt-4o-mini";

    /**
     * The seed of a request for a model name: each name asked is a different draw of the simulated model, so that the
     * models of a run of several answer differently (the same knowledge and tuning, other dice). Neither is a
     * measurement of the model it is named after.
     */
    public static long seedOf(String model, long seed) {
        return model == null || model.isBlank() || model.equals(CALIBRATED_MODEL) ? seed
                : seed ^ (0x9E37_79B9_7F4A_7C15L * model.hashCode());
    }

    /** The assistant's reply to a chat, with this model's seed. */
    public String reply(List<ChatMessage> messages) {
        return reply(messages, seed);
    }

    /** The assistant's reply to a chat, with another seed (a request's own). */
    public String reply(List<ChatMessage> messages, long seed) {
        TalePrompt prompt = TalePrompt.of(systemText(messages), lastUserText(messages));
        if (prompt instanceof Estimate estimate) {
            return estimate(estimate.question(), seed);
        }
        if (prompt instanceof Direct direct) {
            return direct(direct.question(), seed);
        }
        if (prompt instanceof Draft draft) {
            return draft(draft.question(), seed);
        }
        Reason reason = (Reason) prompt;
        return reason(reason.question(), reason.budget(), seed);
    }

    private static String systemText(List<ChatMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : messages) {
            if ("system".equals(message.role()) && message.content() != null) {
                text.append(message.content()).append('\n');
            }
        }
        return text.toString();
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return Objects.requireNonNullElse(messages.get(i).content(), "");
            }
        }
        return messages.isEmpty() ? "" : Objects.requireNonNullElse(messages.get(messages.size() - 1).content(), "");
    }

    private String estimate(Question asked, long seed) {
        String question = Knowledge.key(asked.text());
        Understanding problem = understand(asked, question, seed);
        Dice dice = Dice.of(seed, question, "estimate", Dice.NO_BUDGET);
        double raw = problem.minimalTokens() * Math.exp(ESTIMATE_BIAS + ESTIMATE_SPREAD * dice.gaussian());
        // Models like round numbers.
        int step = raw >= 100 ? 10 : raw >= 20 ? 5 : 1;
        long budget = dice.chance(0.5) ? Math.round(raw / step) * step : Math.round(raw);
        String preamble = dice.chance(0.25) ? dice.pick(ESTIMATE_PREAMBLES) + " " : "";
        return preamble + "Budget: [[" + Math.max(5, budget) + "]]";
    }

    private String reason(Question asked, int budget, long seed) {
        String question = Knowledge.key(asked.text());
        Understanding problem = understand(asked, question, seed);
        int minimal = problem.minimalTokens();
        double vanilla = vanillaLength(minimal, Dice.of(seed, question, "length", Dice.NO_BUDGET));
        boolean budgeted = budget > 0;
        int target = (int) Math.round(budgeted
                ? budgetedLength(minimal, budget, vanilla, Dice.of(seed, question, "terseness", Dice.NO_BUDGET),
                        Dice.of(seed, question, "length", budget))
                : vanilla);
        double chance = budgeted ? problem.format().budgeted(budget / (double) minimal) : problem.format().vanilla;
        long variant = budgeted ? budget : Dice.NO_BUDGET;
        WorkedSolution told = problem.told(right(question, chance, seed), question,
                Dice.of(seed, question, "slip", variant));
        boolean plainForm = Dice.of(seed, question, "form", variant).chance(PLAIN_ANSWER_FORM);
        return ReplyWriter.write(question, told, budgeted ? Style.TERSE : Style.VERBOSE, budget, target, plainForm,
                Dice.of(seed, question, "text", variant));
    }

    private String direct(Question asked, long seed) {
        String question = Knowledge.key(asked.text());
        Understanding problem = understand(asked, question, seed);
        boolean right = right(question, problem.format().direct(problem.solution()), seed);
        WorkedSolution told = problem.told(right, question, Dice.of(seed, question, "slip", Dice.NO_BUDGET));
        return ReplyWriter.direct(told, Dice.of(seed, question, "direct", Dice.NO_BUDGET));
    }

    private String draft(Question asked, long seed) {
        String question = Knowledge.key(asked.text());
        Understanding problem = understand(asked, question, seed);
        double vanilla = vanillaLength(problem.minimalTokens(), Dice.of(seed, question, "length", Dice.NO_BUDGET));
        boolean right = right(question, problem.format().draft(), seed);
        WorkedSolution told = problem.told(right, question, Dice.of(seed, question, "slip", Dice.NO_BUDGET));
        return DraftWriter.write(asked.text(), told, (int) Math.round(DRAFT_SHARE * vanilla));
    }

    /** One u per question, whatever the method: see the class comment. */
    private static boolean right(String question, double chance, long seed) {
        return Dice.of(seed, question, "right", 0).uniform() < chance;
    }

    /** Without a budget: a long explanation, longer for longer problems. */
    static double vanillaLength(int minimal, Dice dice) {
        return (VANILLA_BASE + VANILLA_PER_TOKEN * minimal) * spread(VANILLA_SPREAD, dice);
    }

    /**
     * With a budget: a little above T_opt, or far above it when the budget is too small. Most of the spread is
     * the question's ({@code terseness}), the same whatever the budget, so that a smaller budget that is still
     * enough gives a shorter reply more often than not.
     */
    static double budgetedLength(int minimal, int budget, double vanilla, Dice terseness, Dice dice) {
        double length = budget < minimal
                ? minimal + ELASTICITY * (minimal - budget)
                : minimal * (1.03 + 0.05 * Math.min((budget - minimal) / (double) minimal, 4));
        return Math.min(length * spread(QUESTION_SPREAD, terseness) * spread(BUDGET_SPREAD, dice), 0.9 * vanilla);
    }

    // A log-normal factor with mean 1.
    private static double spread(double sigma, Dice dice) {
        return Math.exp(sigma * dice.gaussian() - sigma * sigma / 2);
    }

    private Understanding understand(Question asked, String question, long seed) {
        return Understanding.of(asked, knowledge.referenceOf(asked.text()),
                Dice.of(seed, question, "guess", Dice.NO_BUDGET));
    }
}
