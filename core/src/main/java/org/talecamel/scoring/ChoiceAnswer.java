package org.talecamel.scoring;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the option letter a model chose for a single-choice problem, taking the strongest marker present:
 * the last {@code [[B]]} (as in {@code Choice: [[B]]}, the format the TALE prompts ask for; the prompt's own
 * example {@code for example: Choice: [[A]]} echoed back does not count), else the last {@code #### B} (Chain of
 * Draft), else the last "the answer is (B)" / "the correct answer is option B" / "Answer: B", else "option B is
 * correct", else the last {@code \boxed{B}}, else a letter standing alone on the last line. The last one wins
 * because models restate and correct themselves on the way.
 *
 * <p>A letter counts only when it stands as an option label: wrapped ({@code (B)}, {@code **B**}), followed by
 * punctuation ({@code B.}, {@code B) 18}) or the end of the line, or, for a capital, followed by "because" and the
 * like. So the "A" of "A train leaves..." and the "a" of "the answer is a multiple of 3" are never an answer.
 */
public final class ChoiceAnswer {

    private static final String OPTION_WORD = "(?:(?:the\\s+)?(?i:option|choice|letter)\\s*:?\\s*)?";
    // bounded, so that a run of \boxed{\boxed{\boxed{... is not read again after every one of its markers
    private static final String OPENING = "(?:[(\\[{*_\"'`$]|\\\\boxed\\{|\\\\text(?:bf)?\\{|\\\\mathrm\\{){0,8}+";
    private static final String CLOSING = "[)\\]}*_\"'`$]";

    /** An option label where it stands; group 1 is the letter. */
    private static final Pattern LETTER = Pattern.compile("\\s*+" + OPTION_WORD + OPENING
            + "([A-Za-z])(?![\\p{L}\\p{N}])"
            + "(?:" + CLOSING + "{1,8}+"                                   // (B)  **B**  \boxed{B}
            + "|(?=[.,;:!?]?(?:[ \\t]*+(?:\\r?\\n|$)))"               // B  B.  at the end of its line
            + "|(?=[.,;:!?]\\s)"                                      // B. 18   B, which is
            + "|(?<=[A-Z])(?=\\s+(?:because|since|as|—|–|-|\\()))");  // B because 18 > 15

    // The prompt's own example, "for example: Choice: [[A]]", echoed by a model: with A the gold of one problem in
    // four, taking it for an answer would score many a confused output right.
    private static final Pattern FORMAT_EXAMPLE = Pattern.compile(
            "\\bfor\\s+example\\s*:?\\s*(?:choice|answer)\\s*:\\s*\\[\\[[^\\[\\]\\n]{0,20}]]", Pattern.CASE_INSENSITIVE);

    private static final Pattern HASHES = Pattern.compile("####");

    // "the (correct) answer is", "the best option would be", "Answer:", "**Final Answer:**", "Choice:" at the start of
    // a line, and "which is option C" / "corresponds to choice C"
    private static final Pattern ANSWER_IS = Pattern.compile(
            "^[ \\t#*_>-]*+(?:the\\s+)?(?:(?:final|correct|best)\\s+)?(?:answer|choice|option)\\**\\s*:\\**"
            + "|\\b(?:answer|option|choice)\\**\\s+(?:is|would be|should be|must be)\\b:?"
            + "|\\b(?:is|corresponds\\s+to|matches)(?=\\s+(?:the\\s+)?(?:option|choice)\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    // "Option C is correct", "(C) is the right answer"; capitals only, and the lookbehind keeps it linear on "(((("
    private static final Pattern IS_CORRECT = Pattern.compile("(?<![(\\[*\\p{L}\\p{N}])(?:(?i:option|choice)\\s+)?"
            + "[(\\[*]*+([A-Z])[)\\]*]*+\\s+is\\s+(?:the\\s+)?(?i:correct|right)(?![\\w-])");

    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{");

    // the whole last line: "B", "(B)", "**B.**", "[B]", "Option B"
    private static final Pattern ALONE = Pattern.compile("[ \\t]*+" + OPENING + "(?:(?i:option|choice)\\s+)?"
            + OPENING + "([A-Za-z])[)\\]}*_\"'`$.:]*+[ \\t]*+");

    private ChoiceAnswer() {
    }

    /** The chosen letter in upper case, or empty when the output names no option. */
    public static Optional<String> extract(String modelOutput) {
        if (modelOutput == null || modelOutput.isBlank()) {
            return Optional.empty();
        }
        String output = FORMAT_EXAMPLE.matcher(modelOutput).replaceAll(" ");
        return lastInBrackets(output)
                .or(() -> AnswerExtractor.lastAfter(HASHES, LETTER, output))
                .or(() -> AnswerExtractor.lastAfter(ANSWER_IS, LETTER, output))
                .or(() -> lastSaidCorrect(output))
                .or(() -> AnswerExtractor.lastAfter(BOXED, LETTER, output))
                .or(() -> aloneOnLastLine(output))
                .map(letter -> letter.toUpperCase(Locale.ROOT));
    }

    /** The last {@code [[...]]} that holds an option label: an echoed {@code [[choice]]} is skipped. */
    private static Optional<String> lastInBrackets(String text) {
        List<String> contents = AnswerExtractor.inBrackets(text);
        Matcher m = LETTER.matcher("");
        for (int i = contents.size() - 1; i >= 0; i--) {
            if (m.reset(contents.get(i)).lookingAt()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lastSaidCorrect(String text) {
        String last = null;
        Matcher m = IS_CORRECT.matcher(text);
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    private static Optional<String> aloneOnLastLine(String text) {
        String trimmed = text.stripTrailing();
        String lastLine = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        Matcher m = ALONE.matcher(lastLine);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
