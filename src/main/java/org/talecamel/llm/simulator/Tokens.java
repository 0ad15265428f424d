package org.talecamel.llm.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counting with cl100k_base, the tokenizer of the GPT-4 family, so reported usage is a real count.
 * Text is encoded as ordinary text: a prompt containing "<|endoftext|>" is counted, not rejected.
 */
final class Tokens {

    // Building the encoding parses a large vocabulary; the encoding itself is thread-safe, so one serves all.
    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private Tokens() {
    }

    static int count(String text) {
        return text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
    }

    /** The longest prefix of {@code text} that fits in {@code maxTokens}, or null when the whole text fits. */
    static String truncatedOrNull(String text, int maxTokens) {
        EncodingResult result = CL100K.encodeOrdinary(text, maxTokens);
        if (!result.isTruncated()) {
            return null;
        }
        String prefix = CL100K.decode(result.getTokens());
        // A prefix cut inside a word or a multi-byte character can re-encode to more tokens; trim until it fits.
        while (!prefix.isEmpty() && count(prefix) > maxTokens) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }
}
