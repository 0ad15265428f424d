package org.talecamel.batchapi;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How batch mode ({@code tale.llm.mode=batch}) sends a run's calls.
 *
 * @param pollMs      how often a pending batch is asked how it is doing ({@code tale.batch.poll-ms})
 * @param gatherMs    a round of calls is sent once no call has joined it for this long ({@code tale.batch.gather-ms})
 * @param maxRequests requests per batch file, at most ({@code tale.batch.max-requests}; OpenAI takes 50,000)
 * @param maxBytes    bytes per batch file, at most ({@code tale.batch.max-bytes}; OpenAI takes 200 MB)
 * @param unanswered  what becomes of requests a batch did not answer: expired, cancelled, or refused for the moment
 *                    (429, 5xx) ({@code tale.batch.unanswered})
 * @param resends     how often such a request goes into a new batch before it is reported ({@code tale.batch.resends})
 */
public record BatchSettings(long pollMs, long gatherMs, int maxRequests, long maxBytes, Unanswered unanswered,
                            int resends) {

    /** What becomes of a request its batch did not answer. */
    public enum Unanswered {
        /** it goes into the next batch (at the batch price), up to {@code resends} times, then is reported */
        BATCH,
        /** it is sent on its own, at once, through the chat endpoint (at the list price) */
        SYNC,
        /** it is reported as a failed call, and not sent again */
        REPORT
    }

    public BatchSettings {
        if (pollMs < 100 || gatherMs < 0 || maxRequests < 1 || maxBytes < 1024 || resends < 0) {
            throw new IllegalArgumentException("tale.batch.*: poll-ms must be at least 100, gather-ms at least 0,"
                    + " max-requests at least 1, max-bytes at least 1024 and resends at least 0; were " + pollMs
                    + ", " + gatherMs + ", " + maxRequests + ", " + maxBytes + ", " + resends);
        }
    }

    /** Read from {@code tale.batch.*}, with OpenAI's limits as defaults. */
    public static BatchSettings from(Function<String, Optional<String>> property) {
        String unanswered = property.apply("tale.batch.unanswered").orElse("batch").strip();
        Unanswered policy;
        try {
            policy = Unanswered.valueOf(unanswered.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tale.batch.unanswered must be batch (into the next batch), sync (sent"
                    + " on its own) or report (a failed call), was " + unanswered, e);
        }
        return new BatchSettings(number(property, "tale.batch.poll-ms", 30_000),
                number(property, "tale.batch.gather-ms", 2_000),
                (int) number(property, "tale.batch.max-requests", 50_000),
                number(property, "tale.batch.max-bytes", 200_000_000), policy,
                (int) number(property, "tale.batch.resends", 2));
    }

    private static long number(Function<String, Optional<String>> property, String key, long fallback) {
        String value = property.apply(key).orElse("").strip();
        try {
            return value.isEmpty() ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was " + value, e);
        }
    }
}
