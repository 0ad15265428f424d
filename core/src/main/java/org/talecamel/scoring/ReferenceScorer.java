package org.talecamel.scoring;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.talecamel.problems.Problem;

/**
 * Scores a model output as the TALE reference does: {@code AccEvaluator.evaluate_sample} of
 * {@code evaluator/AccEvaluator.py} (GeniusHTX/TALE at eef652c), on the gold answer its data set loaders read.
 * Lenient where ours is strict: {@code [[gold]]} anywhere in the output is right, and numbers are compared as
 * math_verify compares them ({@link MathVerify}).
 */
public final class ReferenceScorer {

    private static final String OPEN = "[[";
    private static final String CLOSE = "]]";
    private static final Pattern NUMBER = Pattern.compile("(-?[$0-9.,]{2,})|(-?[0-9]+)");

    // llm_datasets/gsm8k.py find_answer; the fraction branch never wins, as the first one reads "3" of "#### 3/4"
    private static final Pattern GSM8K_ANSWER = Pattern.compile("#### (-?[0-9]+(?:\\.[0-9]+)?|[0-9]+/[0-9]+)");
    private static final Pattern WHOLE_DECIMAL = Pattern.compile("(-?[0-9]+)\\.0+");

    private static final Pattern OPTION_LETTER = Pattern.compile("[ABCD]");
    private static final List<String> CHOICE_MARKERS = List.of("the correct answer is", "答案为选项");
    private static final int SHORT_LINE = 5;

    private ReferenceScorer() {
    }

    /**
     * A single-choice problem by the choice rule, any other by the cloze rule (the reference's {@code cloze=True}).
     * A problem without a gold answer is never right.
     */
    public static Score score(Problem problem, String modelOutput) {
        String output = modelOutput == null ? "" : modelOutput;
        if (problem.isChoice()) {
            String gold = problem.answer().strip();
            String chosen = findAnswer(output).orElse("");
            return new Score(gold, chosen, !gold.isEmpty() && (output.contains("[[" + gold + "]]") || gold.equals(chosen)));
        }
        String gold = goldAnswer(problem.answer());
        Optional<String> extracted = extractPredictedAnswer(output);
        boolean correct = !gold.isEmpty() && (extracted.filter(gold::equals).isPresent()
                || output.contains("[[" + gold + "]]")
                || extracted.filter(answer -> MathVerify.verify(gold, answer)).isPresent());
        return new Score(gold, extracted.orElse(""), correct);
    }

    /**
     * The gold answer as the reference's loaders read it. A GSM8K worked solution gives its last {@code #### N} as
     * {@code gsm8k.py} reads it (so {@code #### 2,125} gives {@code 2}); one it cannot read, where the reference stops
     * with an error, gives the text after its last {@code ####}. A plain value is stripped, and a whole number
     * written with a zero fraction loses it as GSM8K-Zero's {@code str(int(answer))} does ({@code 48.0} gives
     * {@code 48}); other decimals are kept, where {@code int} would cut {@code 1.5} to {@code 1}.
     */
    static String goldAnswer(String reference) {
        String text = reference == null ? "" : reference;
        if (text.contains("####")) {
            String last = null;
            Matcher m = GSM8K_ANSWER.matcher(text);
            while (m.find()) {
                last = m.group(1);
            }
            return last != null ? last : GoldAnswer.fromReference(text);
        }
        String value = text.strip();
        Matcher whole = WHOLE_DECIMAL.matcher(value);
        return whole.matches() ? new BigInteger(whole.group(1)).toString() : value;
    }

    /**
     * {@code extract_predicted_answer}: the content of the last {@code [[...]]} on one line, else the last number
     * with its commas, dollar signs and one final dot removed; empty where the reference returns {@code None}.
     */
    static Optional<String> extractPredictedAnswer(String output) {
        Optional<String> bracketed = lastInBrackets(output);
        if (bracketed.isPresent()) {
            return bracketed;
        }
        String last = null;
        Matcher numbers = NUMBER.matcher(output);
        while (numbers.find()) {
            last = numbers.group(1) != null ? numbers.group(1) : numbers.group(2);
        }
        if (last == null) {
            return Optional.empty();
        }
        // regexes_to_ignore: ",", "\\$", "(?s).*#### " (which never matches a number: it has no "#") and "\\.$"
        String number = last.replace(",", "").replace("$", "");
        return Optional.of(number.endsWith(".") ? number.substring(0, number.length() - 1) : number);
    }

    /**
     * What Python's {@code re.findall(r"\[\[(.*?)\]\]", text)[-1]} finds, in one pass: each {@code [[} up to the
     * first {@code ]]} on its line, the next search starting after that {@code ]]}.
     */
    private static Optional<String> lastInBrackets(String text) {
        int n = text.length();
        int[] nextClose = new int[n + 1];
        int[] nextLineBreak = new int[n + 1];
        nextClose[n] = n;
        nextLineBreak[n] = n;
        for (int i = n - 1; i >= 0; i--) {
            nextClose[i] = text.startsWith(CLOSE, i) ? i : nextClose[i + 1];
            nextLineBreak[i] = text.charAt(i) == '\n' ? i : nextLineBreak[i + 1];
        }
        String last = null;
        int i = 0;
        while (i + OPEN.length() <= n) {
            int from = i + OPEN.length();
            if (text.startsWith(OPEN, i) && nextClose[from] < n && nextClose[from] <= nextLineBreak[from]) {
                last = text.substring(from, nextClose[from]);
                i = nextClose[from] + CLOSE.length();
            } else {
                i++;
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * {@code find_answer}: the last of A, B, C, D in the output's last line; when that line is shorter than 5
     * characters, in the text from the first "the correct answer is" (else "答案为选项") on, if there is one.
     * Empty where the reference returns {@code 'None'}.
     */
    static Optional<String> findAnswer(String output) {
        String text = AnswerMatcher.strip(output, ReferenceScorer::isPythonSpace);
        String prediction = text.substring(text.lastIndexOf('\n') + 1);
        if (prediction.codePointCount(0, prediction.length()) < SHORT_LINE) {
            for (String marker : CHOICE_MARKERS) {
                int at = text.indexOf(marker);
                if (at >= 0) {
                    prediction = text.substring(at);
                    break;
                }
            }
        }
        String letter = null;
        Matcher m = OPTION_LETTER.matcher(prediction);
        while (m.find()) {
            letter = m.group();
        }
        return Optional.ofNullable(letter);
    }

    /** White space to Python's {@code str.strip()}: NO-BREAK SPACE and NEXT LINE too. */
    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
