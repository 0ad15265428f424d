package org.talecamel.llm.simulator;

import org.talecamel.llm.TokenCounter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.talecamel.llm.simulator.WorkedSolution.Step;

/**
 * Writes a step-by-step reply of about a target number of tokens out of a solution's steps.
 *
 * <p>The steps and the answer line are always written. Around them go optional pieces — a restatement of the
 * problem, step headers, explanations, results displayed as equations, checks, remarks about the budget, a
 * summary — chosen in an order that depends on the style (verbose or terse) until the target is reached.
 * Each piece is counted once with the real tokenizer, so hitting the target costs one pass over the pieces.
 */
final class ReplyWriter {

    /** Verbose: how a model explains when not asked to be brief. Terse: when it was given a budget. */
    enum Style { VERBOSE, TERSE }

    // Sections, in the order they appear in a reply.
    private static final int OPENING = 0;
    private static final int RESTATEMENT = 1;
    private static final int STEPS = 2;
    private static final int CHECK = 3;
    private static final int SUMMARY = 4;
    private static final int ANSWER = 5;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9$\"'(])");
    private static final Pattern OPERATOR = Pattern.compile("\\s*([-+*/])\\s*");

    private static final String[] INTROS = {
        "Let's solve this problem step by step.",
        "Let's break down the problem step by step.",
        "To solve this problem, let's go through it step by step.",
        "Let's work through this carefully, one step at a time.",
        "We can solve this by breaking it into smaller steps.",
    };
    private static final String[] KNOWN_HEADERS = {
        "First, let's list what we know from the problem:",
        "Here is the information given in the problem:",
        "Let's start by restating the key facts:",
    };
    private static final String[] GOAL_LEADS = {"We need to find: ", "The question asks: ", "Our goal: "};
    private static final String[] FIRST_LEADS = {
        "We start with the information given in the problem.",
        "First, we work out the first quantity we need.",
        "Let's begin with the numbers stated directly in the question.",
    };
    private static final String[] MIDDLE_LEADS = {
        "Next, we use the previous result.",
        "Now, let's calculate the next part.",
        "With that, we can move on to the next quantity.",
        "Then we combine this with the other numbers from the problem.",
        "Building on the last step, we continue.",
    };
    private static final String[] LAST_LEADS = {
        "Finally, we can find the answer.",
        "Now we put everything together.",
        "This brings us to the last calculation.",
    };
    private static final String[] FOLLOW_UPS = {
        "So, the result of this step is %s.",
        "This gives us %s.",
        "Now we know this value is %s.",
        "Keep in mind that this comes to %s.",
        "That works out to %s.",
    };
    private static final String[] CHECK_HEADERS = {
        "Let's double-check the calculations:",
        "Let me verify each step:",
        "Checking the arithmetic once more:",
    };
    private static final String[] CHECKS = {"- %s = %s, which is correct.", "- %s = %s ✓", "- %s indeed equals %s."};
    private static final String[] SUMMARIES = {
        "In summary, the answer to the question is %s.",
        "Putting it all together, the result is %s.",
        "Therefore, the final answer is %s.",
        "So the answer is %s.",
    };
    private static final String[] REMARKS = {
        "It is important to keep track of the units at each step.",
        "All of the numbers used here come directly from the problem statement.",
        "Let's make sure we have not missed any information in the question.",
        "Each step builds on the result of the previous one.",
        "This is consistent with what the question describes.",
        "There are no other conditions in the problem that would change this.",
        "We should be careful to use the right operation here.",
        "Breaking the problem into smaller parts makes it easier to solve.",
        "This value makes sense in the context of the problem.",
        "Nothing else in the question affects this calculation.",
        "It helps to write each intermediate result down before moving on.",
        "The order of the calculations matters, so let's follow the problem carefully.",
        "Let's read the question again to be sure we answer what is asked.",
        "We have now used every relevant number in the problem.",
        "A quick estimate shows that the size of this result is reasonable.",
        "No rounding is needed at this point.",
    };
    private static final String[] CHOICE_REMARKS = {
        "Only one option can be right, so each one deserves a look.",
        "It helps to read every option before choosing.",
        "The wording of the question matters here.",
        "Some options are close, so the details decide.",
        "Let's make sure the chosen option answers exactly what is asked.",
        "An option that is only partly true does not count.",
        "Let's read the question again to be sure we answer what is asked.",
        "Nothing else in the question changes this.",
        "This is consistent with what the question describes.",
        "Ruling out the wrong options makes the choice clearer.",
        "The question gives everything needed to decide.",
        "Let's make sure we have not missed any information in the question.",
    };
    private static final String[] OPTION_HEADERS = {
        "Let's check each option against the question:",
        "Now let's go through the options one by one:",
        "Let's compare the options:",
    };
    private static final String[] CHOICE_SUMMARIES = {
        "So the option that fits is %s.",
        "Therefore, the correct choice is %s.",
        "In summary, the answer is option %s.",
    };
    private static final String[] BUDGET_REMARKS = {
        "I'll keep this brief.",
        "To stay within %d tokens, I will only write the key steps.",
        "Being concise:",
        "With a budget of %d tokens, let me focus on the essential calculations.",
        "I need to be careful not to skip anything important, even while being brief.",
        "Let me make sure the short version is still correct.",
        "Keeping it short, but every step still needs checking.",
        "The budget is tight, so here are only the calculations that matter.",
    };
    private static final String[] HEADERS = {"### Step %d", "**Step %d:**", "Step %d:"};
    private static final double DIRECT_LEAD_CHANCE = 0.5;
    private static final String[] VALUE_LEADS = {"The answer is %s.", "It comes to %s.", "%s."};
    private static final String[] CHOICE_LEADS = {"The correct option is %s.", "Option %s."};

    // The fixed sentences are counted once; only pieces made from the problem are counted per reply.
    private static final Map<String, Integer> FIXED_COUNTS = fixedCounts(
            INTROS, KNOWN_HEADERS, FIRST_LEADS, MIDDLE_LEADS, LAST_LEADS, CHECK_HEADERS, REMARKS, CHOICE_REMARKS,
            OPTION_HEADERS);

    private record Piece(int section, int order, String text, String separator, Piece companion) {

        Piece(int section, int order, String text, String separator) {
            this(section, order, text, separator, null);
        }
    }

    /** Pieces added together, possibly in place of another (a step's full sentence instead of its equation). */
    private record Option(double priority, List<Piece> adds, Piece replaces) {

        Option(double priority, Piece piece) {
            this(priority, List.of(piece), null);
        }
    }

    private ReplyWriter() {
    }

    /** The steps as the solution words them, and the answer line: the shortest reply that explains itself. */
    static String core(WorkedSolution solution) {
        StringBuilder text = new StringBuilder();
        for (Step step : solution.steps()) {
            text.append(step.text()).append('\n');
        }
        return text.append(answerLine(solution, false)).toString();
    }

    /** {@code Answer: [[18]]}, {@code Choice: [[B]]}, or in plain form {@code The answer is 18.} */
    static String answerLine(WorkedSolution solution, boolean plainForm) {
        String answer = solution.answer();
        return plainForm ? "The answer is " + answer + "." : (solution.choice() ? "Choice: [[" : "Answer: [[") + answer + "]]";
    }

    /** The answer without reasoning, now and then after a few words: 5 to 15 tokens. */
    static String direct(WorkedSolution told, Dice dice) {
        String line = answerLine(told, false);
        if (!dice.chance(DIRECT_LEAD_CHANCE)) {
            return line;
        }
        String[] leads = told.choice() ? CHOICE_LEADS : VALUE_LEADS;
        return String.format(dice.pick(leads), told.answer()) + "\n" + line;
    }

    /**
     * A reply re-telling {@code told} in about {@code target} tokens. The shortest possible reply gives each
     * calculation as a bare equation; longer ones word the steps as the solution does and add explanations.
     *
     * @param budget    the budget the prompt named, 0 for none; a terse reply may mention it
     * @param plainForm end with "The answer is X." instead of "Answer: [[X]]"
     */
    static String write(String question, WorkedSolution told, Style style, int budget, int target, boolean plainForm,
                        Dice dice) {
        boolean verbose = style == Style.VERBOSE;
        List<Piece> chosen = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        List<Step> steps = told.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Piece full = new Piece(STEPS, i * 10 + 2, step.text(), " ");
            if (step.hasCalculation()) {
                Piece equation = new Piece(STEPS, i * 10 + 2, pretty(step.expression()) + " = " + step.result(), " ");
                chosen.add(equation);
                options.add(new Option(verbose ? -1 : dice.uniform(), List.of(full), equation));
            } else {
                chosen.add(full);
            }
        }
        chosen.add(new Piece(ANSWER, 0, answerLine(told, plainForm), "\n"));
        int tokens = 0;
        for (Piece piece : chosen) {
            tokens += cost(piece);
        }

        options.addAll(optionalPieces(question, told, verbose, budget, dice));
        options.sort(Comparator.comparingDouble(Option::priority));
        for (Option option : options) {
            if (tokens >= target - 1) {
                break;
            }
            List<Piece> adds = new ArrayList<>(option.adds());
            for (Piece piece : option.adds()) {
                if (piece.companion() != null && !chosen.contains(piece.companion()) && !adds.contains(piece.companion())) {
                    adds.add(piece.companion());
                }
            }
            int extra = option.replaces() == null ? 0 : -cost(option.replaces());
            for (Piece piece : adds) {
                extra += cost(piece);
            }
            if (tokens + extra <= target + 2) {
                chosen.remove(option.replaces());
                chosen.addAll(adds);
                tokens += extra;
            }
        }
        return render(chosen);
    }

    private static List<Option> optionalPieces(String question, WorkedSolution told, boolean verbose, int budget,
                                               Dice dice) {
        List<Option> options = new ArrayList<>();
        List<Step> steps = told.steps();
        String[] remarks = told.choice() ? CHOICE_REMARKS : REMARKS;
        // Priorities: lower comes first. The jitter varies which extras a reply gets without losing the structure.
        double intro = verbose ? 0 : 7;
        double restate = verbose ? 1 : 8;
        double header = verbose ? 1 : 2;
        double lead = verbose ? 2 : 5;
        double follow = verbose ? 2.5 : 2;
        double display = verbose ? 3 : 4;
        double check = verbose ? 4 : 5;
        double summary = verbose ? 3.5 : 3;
        double remark = verbose ? 5 : 6;
        double budgetRemark = 1.5;

        options.add(new Option(intro + dice.uniform(), new Piece(OPENING, 0, dice.pick(INTROS), "\n")));
        if (budget > 0) {
            int first = dice.below(BUDGET_REMARKS.length);
            int second = (first + 1 + dice.below(BUDGET_REMARKS.length - 1)) % BUDGET_REMARKS.length;
            options.add(new Option(budgetRemark + dice.uniform(),
                    new Piece(OPENING, 1, String.format(BUDGET_REMARKS[first], budget), " ")));
            options.add(new Option(remark + 0.5 + dice.uniform(),
                    new Piece(CHECK, 90, String.format(BUDGET_REMARKS[second], budget), "\n")));
        }

        List<String> sentences = sentences(question);
        if (!sentences.isEmpty()) {
            int goal = goalSentence(sentences);
            Piece knownHeader = new Piece(RESTATEMENT, 0, dice.pick(KNOWN_HEADERS), "\n\n");
            for (int i = 0; i < sentences.size(); i++) {
                if (i != goal) {
                    options.add(new Option(restate + dice.uniform(),
                            new Piece(RESTATEMENT, 1 + i, "- " + sentences.get(i), "\n", knownHeader)));
                }
            }
            options.add(new Option(restate + dice.uniform(),
                    new Piece(RESTATEMENT, 1000, dice.pick(GOAL_LEADS) + sentences.get(goal), "\n\n")));
        }

        // Step headers come all together or not at all.
        String headerStyle = dice.pick(HEADERS);
        List<Piece> headers = new ArrayList<>();
        Piece checkHeader = new Piece(CHECK, 0, dice.pick(CHECK_HEADERS), "\n\n");
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int at = i * 10;
            headers.add(new Piece(STEPS, at, String.format(headerStyle, i + 1), "\n\n"));
            String[] leads = i == 0 ? FIRST_LEADS : i == steps.size() - 1 ? LAST_LEADS : MIDDLE_LEADS;
            Option leadIn = new Option(lead + dice.uniform(), new Piece(STEPS, at + 1, dice.pick(leads), " "));
            if (step.hasCalculation()) {
                // The leads speak of quantities: a step that weighs an option or quotes the question has none.
                options.add(leadIn);
                String expression = pretty(step.expression());
                options.add(new Option(follow + dice.uniform(),
                        new Piece(STEPS, at + 3, String.format(dice.pick(FOLLOW_UPS), step.result()), " ")));
                options.add(new Option(display + dice.uniform(),
                        new Piece(STEPS, at + 4, "\\[\n" + latex(expression) + " = " + step.result() + "\n\\]", "\n")));
                options.add(new Option(check + dice.uniform(), new Piece(CHECK, 1 + i,
                        String.format(dice.pick(CHECKS), expression, step.result()), "\n", checkHeader)));
            }
            if (verbose && dice.chance(0.6)) {
                options.add(new Option(remark + dice.uniform(), new Piece(STEPS, at + 5, dice.pick(remarks), " ")));
            }
        }
        if (told.choice()) {
            options.add(new Option(header + dice.uniform(), new Piece(RESTATEMENT, 2000, dice.pick(OPTION_HEADERS), "\n\n")));
        } else if (steps.size() > 1) {
            options.add(new Option(header + dice.uniform(), List.copyOf(headers), null));
        }
        options.add(new Option(summary + dice.uniform(), new Piece(SUMMARY, 0,
                String.format(dice.pick(told.choice() ? CHOICE_SUMMARIES : SUMMARIES), told.answer()), "\n\n")));

        // Enough remarks to pad the longest verbose replies; a remark repeats only in the second round.
        for (int round = 0; round < 2; round++) {
            for (String text : remarks) {
                int section = dice.chance(0.5) ? CHECK : SUMMARY;
                options.add(new Option(remark + 1 + round * 2 + dice.uniform(),
                        new Piece(section, 100 + dice.below(100), text, " ")));
            }
        }
        for (int i = 0; i < sentences.size(); i++) {
            options.add(new Option(remark + 2 + dice.uniform(),
                    new Piece(SUMMARY, 500 + i, "Looking back at the question: " + sentences.get(i), "\n")));
        }
        return options;
    }

    private static int cost(Piece piece) {
        Integer fixed = FIXED_COUNTS.get(piece.text());
        // A line break is about one token of its own; a space merges into the next word.
        return (fixed != null ? fixed : TokenCounter.count(piece.text())) + (piece.separator().equals(" ") ? 0 : 1);
    }

    private static Map<String, Integer> fixedCounts(String[]... groups) {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] group : groups) {
            for (String text : group) {
                counts.put(text, TokenCounter.count(text));
            }
        }
        return Map.copyOf(counts);
    }

    private static String render(List<Piece> chosen) {
        chosen.sort(Comparator.comparingInt(Piece::section).thenComparingInt(Piece::order));
        StringBuilder text = new StringBuilder();
        Piece previous = null;
        for (Piece piece : chosen) {
            if (previous != null) {
                text.append(separator(previous, piece));
            }
            text.append(piece.text());
            previous = piece;
        }
        return text.toString();
    }

    private static String separator(Piece previous, Piece piece) {
        if (piece.section() != previous.section()) {
            return "\n\n";
        }
        if (piece.section() == STEPS) {
            boolean sameStep = piece.order() / 10 == previous.order() / 10;
            if (!sameStep) {
                return piece.order() % 10 == 0 ? "\n\n" : "\n";
            }
            if (previous.order() % 10 == 0) {
                return previous.text().startsWith("Step") ? " " : "\n";
            }
        }
        if (previous.text().endsWith("\\]") || previous.text().startsWith("- ") && !piece.text().startsWith("- ")) {
            return previous.text().startsWith("- ") ? "\n\n" : "\n";
        }
        return piece.separator();
    }

    static List<String> sentences(String question) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(question.strip())) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.strip());
            }
        }
        return sentences;
    }

    private static int goalSentence(List<String> sentences) {
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (sentences.get(i).endsWith("?")) {
                return i;
            }
        }
        return sentences.size() - 1;
    }

    /** "16-3-4" → "16 - 3 - 4". */
    static String pretty(String expression) {
        return OPERATOR.matcher(expression).replaceAll(" $1 ").strip();
    }

    private static String latex(String expression) {
        return expression.replace(" * ", " \\times ").replace(" / ", " \\div ");
    }
}
