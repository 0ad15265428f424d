package org.talecamel.llm.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talecamel.llm.TokenCounter;
import org.talecamel.llm.simulator.WorkedSolution.Step;

/**
 * Writes Chain of Draft replies (Xu et al., arXiv 2502.18600): perhaps the numbers the question gives, then one
 * line of at most five words per step, a calculation written as one compact equation after a short label, then
 * the answer after {@code ####}.
 */
final class DraftWriter {

    private static final int MAX_WORDS = 5;
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}\\p{N}$]+|[^\\p{L}\\p{N}%]+$");
    private static final Pattern CALCULATION_PART = Pattern.compile(".*[\\d=+*/×÷].*|-");
    private static final Pattern DIGIT = Pattern.compile(".*\\d.*");
    private static final Pattern GIVEN = Pattern.compile("(?<![\\w.])\\$?\\d+(?:,\\d{3})*(?:\\.\\d+)?%?((?:\\s+[\\p{L}'’-]+){0,4})");
    private static final int MAX_GIVENS = 6;
    private static final int GIVEN_WORDS = 3;
    private static final Set<String> FILLER = Set.of(
            "a", "an", "the", "of", "to", "and", "or", "is", "are", "was", "were", "be", "been", "so", "then", "that",
            "this", "these", "those", "which", "who", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her",
            "their", "our", "my", "in", "on", "at", "by", "for", "with", "from", "into", "as", "well", "also", "there",
            "has", "have", "had", "will", "would", "can", "does", "do", "did", "now", "just", "out", "up", "each",
            "every", "per", "if", "but", "when", "how", "many", "much", "what", "taking", "account", "gives", "makes",
            "comes");

    private DraftWriter() {
    }

    /**
     * A draft of the told solution for {@code question}, as near {@code target} tokens as its shape allows: with
     * or without the givens, equations with or without spaces, labels of up to four words.
     */
    static String write(String question, WorkedSolution told, int target) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        // Givens help only a draft that calculates with them.
        boolean calculates = told.steps().stream().anyMatch(Step::hasCalculation);
        for (List<String> givens : calculates ? List.of(List.<String>of(), givens(question)) : List.of(List.<String>of())) {
            for (boolean spaced : new boolean[] {false, true}) {
                for (int labelWords = 0; labelWords < MAX_WORDS; labelWords++) {
                    String draft = render(givens, told, spaced, labelWords);
                    int distance = Math.abs(TokenCounter.count(draft) - target);
                    if (distance < bestDistance) {
                        best = draft;
                        bestDistance = distance;
                    }
                }
            }
        }
        return best;
    }

    /** "16 eggs", "$2 fresh duck egg": the first numbers of the question with the words that follow them. */
    private static List<String> givens(String question) {
        List<String> givens = new ArrayList<>();
        Matcher given = GIVEN.matcher(question);
        while (given.find() && givens.size() < MAX_GIVENS) {
            String number = given.group().substring(0, given.group().length() - given.group(1).length());
            List<String> words = keywords(given.group(1), true);
            // A bare number says nothing the equation does not.
            if (!words.isEmpty()) {
                List<String> line = new ArrayList<>(List.of(number));
                line.addAll(words.subList(0, Math.min(GIVEN_WORDS, words.size())));
                givens.add(String.join(" ", line));
            }
        }
        return givens;
    }

    private static String render(List<String> givens, WorkedSolution told, boolean spaced, int labelWords) {
        List<String> lines = new ArrayList<>(givens);
        for (Step step : told.steps()) {
            if (step.hasCalculation()) {
                List<String> label = keywords(step.text(), true);
                String words = String.join(" ", label.subList(0, Math.min(labelWords, label.size())));
                String expression = step.expression().replace(" ", "");
                String equation = spaced ? ReplyWriter.pretty(expression) + " = " + step.result()
                        : expression + "=" + step.result();
                lines.add((words.isEmpty() ? "" : words + ": ") + equation);
            } else if (!told.choice()) {
                String words = String.join(" ", around(keywords(step.text(), false), labelWords + 1));
                if (!words.isEmpty()) {
                    lines.add(words);
                }
            }
        }
        if (told.choice()) {
            // A draft does not weigh every option in words: it names the one that fits.
            if (labelWords >= 2) {
                lines.add("Other options ruled out");
            }
            lines.add(labelWords >= 1 ? "Option " + told.answer() + " fits" : told.answer() + " fits");
        }
        lines.add("#### " + told.answer());
        return String.join("\n", lines);
    }

    /** The words that carry meaning; for a calculation's label, without the numbers the equation gives. */
    private static List<String> keywords(String text, boolean forLabel) {
        List<String> words = new ArrayList<>();
        for (String raw : text.split("\\s+")) {
            String word = EDGE_PUNCTUATION.matcher(raw).replaceAll("");
            if (word.isEmpty() || FILLER.contains(word.toLowerCase(Locale.ROOT))
                    || forLabel && CALCULATION_PART.matcher(word).matches()) {
                continue;
            }
            words.add(word);
        }
        return words;
    }

    /** At most {@code count} (and at most five) words, around the first number so that the draft keeps it. */
    private static List<String> around(List<String> words, int count) {
        int size = Math.min(Math.min(count, MAX_WORDS), words.size());
        int number = 0;
        while (number < words.size() && !DIGIT.matcher(words.get(number)).matches()) {
            number++;
        }
        int start = number == words.size() ? 0 : Math.max(0, Math.min(number - Math.max(size - 2, 0), words.size() - size));
        return words.subList(start, start + size);
    }
}
