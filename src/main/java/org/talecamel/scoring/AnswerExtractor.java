package org.talecamel.scoring;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the answer a model gave in its whole output, taking the strongest marker present:
 * the last {@code [[...]]} (the format the TALE prompts ask for), else the last {@code #### X},
 * else the last "the answer is X" / "answer: X", else the last {@code \boxed{X}}, else the last number.
 * The last one wins because models restate and correct themselves on the way.
 */
public final class AnswerExtractor {

    private static final Pattern DOUBLE_BRACKETS = Pattern.compile("\\[\\[(.*?)]]", Pattern.DOTALL);
    // "#### 42" but not a Markdown heading: "#### Step 1: eggs", "#### 2. Eggs left"
    private static final Pattern HASHES = Pattern.compile("####[ \\t]*+(?![*_]*\\p{L})(?!\\d+[.)][ \\t]+\\p{L})(.*)");
    // "The answer is 7.", "The final answer is: 7", and "Answer: 7", "**Final Answer:**\n7" at the start of a line
    // (mid-sentence, "to find the answer: 16 - 3 = 13" is reasoning); up to the end of the sentence.
    // The ** of "**Answer:**" is dropped, the ** of "The answer is **7**" kept. "Answer: [[ ]]" is no answer.
    private static final Pattern ANSWER_IS = Pattern.compile(
            "(?:^[ \\t#*_>-]*(?:final\\s+)?answer\\**\\s*:\\**|\\banswer\\**\\s+(?:is|would be|should be)\\b:?)"
            + "\\s*+(?!\\[\\[)(\\S.*?)\\s*(?=[.?!]\\s|[.?!]?$|\\n)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final String BOXED = "\\boxed{";

    private AnswerExtractor() {
    }

    /** The answer text as the model wrote it, or empty when the output holds none. */
    public static Optional<String> extract(String modelOutput) {
        if (modelOutput == null || modelOutput.isBlank()) {
            return Optional.empty();
        }
        return lastGroup(DOUBLE_BRACKETS, modelOutput)
                .or(() -> lastGroup(HASHES, modelOutput))
                .or(() -> lastGroup(ANSWER_IS, modelOutput))
                .or(() -> lastBoxed(modelOutput))
                .or(() -> lastNumber(modelOutput));
    }

    private static Optional<String> lastGroup(Pattern pattern, String text) {
        String last = null;
        Matcher m = pattern.matcher(text);
        // overlapping, so that "the answer is 16? No, the answer is 18" ends with the 18
        for (int from = 0; from < text.length() && m.find(from); from = m.start() + 1) {
            String candidate = m.group(1).strip();
            if (!candidate.isEmpty()) {
                last = candidate;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The content of the last complete {@code \boxed{...}}, braces inside it included. */
    private static Optional<String> lastBoxed(String text) {
        for (int at = text.lastIndexOf(BOXED); at >= 0; at = text.lastIndexOf(BOXED, at - 1)) {
            int start = at + BOXED.length();
            int depth = 1;
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    String content = text.substring(start, i).strip();
                    if (!content.isEmpty()) {
                        return Optional.of(content);
                    }
                    break;
                }
            }
        }
        return Optional.empty();
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
