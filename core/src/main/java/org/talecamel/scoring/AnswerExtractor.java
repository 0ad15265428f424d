package org.talecamel.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the answer a model gave in its whole output, taking the strongest marker present:
 * the last {@code [[...]]} (the format the TALE prompts ask for), else the last {@code #### X},
 * else the last "the answer is X" / "answer: X", else the last {@code \boxed{X}}, else the last number.
 * The last one wins because models restate and correct themselves on the way.
 *
 * <p>Every search is linear in the output, so a model stuck repeating "[[" or "\boxed{" for its whole
 * token allowance costs no more to score than a normal answer.
 */
public final class AnswerExtractor {

    private static final String OPEN = "[[";
    private static final String CLOSE = "]]";
    private static final String BOXED = "\\boxed{";

    private static final Pattern HASHES = Pattern.compile("####");
    // "#### 42" but not a Markdown heading: "#### Step 1: eggs", "#### 2. Eggs left"
    private static final Pattern AFTER_HASHES = Pattern.compile("[ \\t]*+(?![*_]*\\p{L})(?!\\d+[.)][ \\t]+\\p{L})(.*)");

    // "The answer is 7", "the final answer is: 7", and "Answer: 7", "**Final Answer:**\n7" at the start of a line
    // (mid-sentence, "to find the answer: 16 - 3 = 13" is reasoning). The ** of "**Answer:**" is dropped, the ** of
    // "The answer is **7**" kept.
    private static final Pattern ANSWER_IS = Pattern.compile(
            "^[ \\t#*_>-]*(?:final\\s+)?answer\\**\\s*:\\**|\\banswer\\**\\s+(?:is|would be|should be)\\b:?",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    // up to the end of the sentence; "Answer: [[ ]]" is no answer
    private static final Pattern SENTENCE = Pattern.compile("\\s*+(?!\\[\\[)(\\S.*?)(?=[.?!]\\s|[.?!]?$|\\n)");

    private AnswerExtractor() {
    }

    /** The answer text as the model wrote it, or empty when the output holds none. */
    public static Optional<String> extract(String modelOutput) {
        if (modelOutput == null || modelOutput.isBlank()) {
            return Optional.empty();
        }
        return lastInBrackets(modelOutput)
                .or(() -> lastAfter(HASHES, AFTER_HASHES, modelOutput))
                .or(() -> lastAfter(ANSWER_IS, SENTENCE, modelOutput))
                .or(() -> lastBoxed(modelOutput))
                .or(() -> lastNumber(modelOutput));
    }

    /** The last non-blank {@code [[...]]}; in {@code [[[18]]]} or {@code [[a [[18]]} that is {@code 18}. */
    private static Optional<String> lastInBrackets(String text) {
        List<String> contents = inBrackets(text);
        return contents.isEmpty() ? Optional.empty() : Optional.of(contents.get(contents.size() - 1));
    }

    /** The non-blank contents of every {@code [[...]]}, stripped, in order. */
    static List<String> inBrackets(String text) {
        List<String> contents = new ArrayList<>();
        int open = -1;
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.startsWith(OPEN, i)) {
                open = i;
            } else if (text.startsWith(CLOSE, i) && open >= 0) {
                String content = text.substring(open + OPEN.length(), i).strip();
                if (!content.isEmpty()) {
                    contents.add(content);
                }
                open = -1;
            }
        }
        return contents;
    }

    /** What {@code answer} (its group 1) reads right after the last {@code marker} where it reads something. */
    static Optional<String> lastAfter(Pattern marker, Pattern answer, String text) {
        List<Integer> ends = new ArrayList<>();
        Matcher m = marker.matcher(text);
        while (m.find()) {
            ends.add(m.end());
        }
        Matcher a = answer.matcher(text);
        for (int i = ends.size() - 1; i >= 0; i--) {
            if (a.region(ends.get(i), text.length()).lookingAt()) {
                String candidate = a.group(1).strip();
                if (!candidate.isEmpty()) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The content of the last complete {@code \boxed{...}}, braces inside it included. */
    private static Optional<String> lastBoxed(String text) {
        // a box that never closes is inside every earlier box that reaches it: none of those closes either
        int unclosedFrom = text.length();
        for (int at = text.lastIndexOf(BOXED); at >= 0; at = text.lastIndexOf(BOXED, at - 1)) {
            int start = at + BOXED.length();
            int close = closingBrace(text, start, unclosedFrom);
            if (close < 0) {
                unclosedFrom = at;
            } else if (!text.substring(start, close).isBlank()) {
                return Optional.of(text.substring(start, close).strip());
            }
        }
        return Optional.empty();
    }

    private static int closingBrace(String text, int from, int limit) {
        int depth = 1;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> lastNumber(String text) {
        String last = null;
        Matcher m = NumericAnswer.NUMBER.matcher(text);
        while (m.find()) {
            last = m.group();
        }
        return Optional.ofNullable(last);
    }
}
