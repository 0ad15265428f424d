package org.talecamel.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talecamel.llm.TokenCounter;
import org.talecamel.llm.simulator.Knowledge.Reference;
import org.talecamel.llm.simulator.TalePrompt.Question;
import org.talecamel.llm.simulator.WorkedSolution.Step;

/**
 * What the simulated model makes of a question: the kind of problem, the solution it tells when it gets it
 * right, and the length of the shortest right reasoning, T_opt.
 *
 * @param choices the options of a single-choice problem, A first; empty for any other problem
 * @param known   false when the model can only guess: its "solution" is then a guess, told as it is
 */
record Understanding(Format format, WorkedSolution solution, List<String> choices, int minimalTokens, boolean known) {

    /** T_opt as a share of the solution's length: a model finds shorter wordings than the reference's. */
    private static final double WORDING_ECONOMY = 0.8;
    private static final Pattern LETTER = Pattern.compile("\\(?([A-Z])\\)?[.:]?");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;]\\s+");
    private static final Pattern LINKING_WORDS = Pattern.compile("^(?:(?:and|but|then|so|while)\\s+)+");
    private static final String[] FITS = {
        "fits what the question asks", "is the one that matches", "agrees with every condition in the question",
    };
    private static final String[] DOES_NOT_FIT = {
        "does not fit", "can be ruled out", "does not match the question", "is not consistent with the question",
    };
    /** Words of an option quoted in a step; longer options are cut. */
    private static final int QUOTED_WORDS = 8;

    Understanding {
        choices = List.copyOf(choices);
    }

    /** How the model understands {@code asked}, knowing {@code reference} or, when empty, guessing with {@code dice}. */
    static Understanding of(Question asked, Optional<Reference> reference, Dice dice) {
        String question = asked.text();
        if (reference.isEmpty()) {
            return guessed(asked, dice);
        }
        String answer = reference.get().answer();
        List<String> choices = asked.isChoice() ? asked.choices() : reference.get().choices();
        if (answer.contains("####")) {
            return known(Format.WORKED, WorkedSolution.parse(answer), List.of());
        }
        String letter = letterOf(answer, choices);
        if (letter != null) {
            return known(Format.CHOICE, chosen(question, choices, letter), choices);
        }
        String value = WorkedSolution.plainNumber(answer);
        return Arithmetic.solving(question, value)
                .map(calculation -> known(Format.ARITHMETIC, calculation, List.of()))
                .orElseGet(() -> known(Format.STATED, stated(question, value), List.of()));
    }

    /** The solution as told: the right one, or, when the reply is not to be right, one with a plausible flaw. */
    WorkedSolution told(boolean right, String question, Dice dice) {
        if (right || !known) {
            return solution;
        }
        if (format == Format.CHOICE) {
            int count = choices.isEmpty() ? 4 : choices.size();
            return chosen(question, choices, Slips.otherLetter(solution.answer(), count, dice));
        }
        return Slips.wrong(solution, question, dice);
    }

    private static Understanding known(Format format, WorkedSolution solution, List<String> choices) {
        int minimal = (int) Math.round(WORDING_ECONOMY * TokenCounter.count(ReplyWriter.core(solution)));
        return new Understanding(format, solution, choices, Math.max(minimal, 1), true);
    }

    private static Understanding guessed(Question asked, Dice dice) {
        String question = asked.text();
        if (asked.isChoice()) {
            String letter = String.valueOf((char) ('A' + dice.below(asked.choices().size())));
            Understanding sure = known(Format.CHOICE, chosen(question, asked.choices(), letter), asked.choices());
            return new Understanding(Format.CHOICE, sure.solution(), sure.choices(), sure.minimalTokens(), false);
        }
        // A bare calculation the model works out whether or not it has seen it.
        Optional<WorkedSolution> task = Arithmetic.task(question);
        if (task.isPresent()) {
            return known(Format.ARITHMETIC, task.get(), List.of());
        }
        // An unseen word problem: the model still reasons, at a length that grows with the question.
        WorkedSolution guess = Slips.guess(question, dice);
        int minimal = Math.max(TokenCounter.count(ReplyWriter.core(guess)), 25 + TokenCounter.count(question) / 2);
        return new Understanding(Format.WORKED, guess, List.of(), minimal, false);
    }

    /** "B", "(B)", "B." or the text of an option; null when the answer names no option. */
    private static String letterOf(String answer, List<String> choices) {
        Matcher letter = LETTER.matcher(answer.strip());
        if (letter.matches() && (choices.isEmpty() || letter.group(1).charAt(0) - 'A' < choices.size())) {
            return letter.group(1);
        }
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).strip().equalsIgnoreCase(answer.strip())) {
                return String.valueOf((char) ('A' + i));
            }
        }
        return null;
    }

    /** Reasoning that ends on option {@code letter}: the calculation that leads to it, else a look at each option. */
    static WorkedSolution chosen(String question, List<String> choices, String letter) {
        int pick = letter.charAt(0) - 'A';
        List<Step> steps = new ArrayList<>();
        Optional<WorkedSolution> calculation = pick < choices.size()
                ? Arithmetic.solving(question, WorkedSolution.plainNumber(choices.get(pick))) : Optional.empty();
        if (calculation.isPresent()) {
            steps.addAll(calculation.get().steps());
            steps.add(new Step("This is option " + option(choices, pick) + ".", "", ""));
        } else if (choices.isEmpty()) {
            steps.add(new Step("Weighing the options, " + letter + " fits best.", "", ""));
        } else {
            for (int i = 0; i < choices.size(); i++) {
                String verdict = i == pick ? FITS[i % FITS.length] : DOES_NOT_FIT[i % DOES_NOT_FIT.length];
                steps.add(new Step("Option " + option(choices, i) + " " + verdict + ".", "", ""));
            }
        }
        return new WorkedSolution(List.copyOf(steps), letter, true);
    }

    private static String option(List<String> choices, int index) {
        String[] words = choices.get(index).strip().split("\\s+");
        String text = words.length <= QUOTED_WORDS ? String.join(" ", words)
                : String.join(" ", List.of(words).subList(0, QUOTED_WORDS)) + "...";
        return (char) ('A' + index) + " (" + text + ")";
    }

    /**
     * A question that states its own answer, re-told as the clause that states it: the facts before the question
     * first, where a question states them.
     */
    private static WorkedSolution stated(String question, String value) {
        List<String> sentences = ReplyWriter.sentences(question);
        List<String> ordered = new ArrayList<>(sentences.stream().filter(s -> !s.endsWith("?")).toList());
        ordered.addAll(sentences.stream().filter(s -> s.endsWith("?")).toList());
        for (String sentence : ordered) {
            for (String clause : CLAUSE_BREAK.split(sentence)) {
                if (mentions(clause, value)) {
                    return new WorkedSolution(List.of(new Step(asStatement(clause), "", "")), value);
                }
            }
        }
        return new WorkedSolution(List.of(new Step("The question gives the value directly: " + value + ".", "", "")),
                value);
    }

    private static boolean mentions(String clause, String value) {
        Matcher number = NUMBER.matcher(clause);
        while (number.find()) {
            if (WorkedSolution.sameNumber(number.group().replace(",", ""), value)) {
                return true;
            }
        }
        return false;
    }

    private static String asStatement(String clause) {
        String text = LINKING_WORDS.matcher(clause.strip()).replaceFirst("");
        if (text.endsWith("?")) {
            return "The question itself says: " + text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return ".!".indexOf(text.charAt(text.length() - 1)) < 0 ? text + "." : text;
    }
}
