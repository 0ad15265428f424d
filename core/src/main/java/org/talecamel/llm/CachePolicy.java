package org.talecamel.llm;

import java.time.Duration;
import java.time.Instant;

/**
 * Which stored answers a run may use instead of asking the endpoint. By default only those of the run itself: the
 * answers it received before it was killed (it is resumed under its own id) and a request it makes twice. A nightly
 * run exists to notice that a model changed behind the same name, so it must ask. Reusing other runs' answers is for
 * development loops, and only as long as they are younger than {@code maxAge} ({@code tale.cache.across-runs},
 * {@code tale.cache.max-age-hours}).
 */
public record CachePolicy(boolean acrossRuns, Duration maxAge) {

    public CachePolicy {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("tale.cache.max-age-hours must be more than 0, was " + maxAge);
        }
    }

    /** Only the run's own answers: its resume and its repeats. */
    public static CachePolicy ownRunOnly() {
        return new CachePolicy(false, Duration.ofHours(24));
    }

    /** Whether run {@code runId} may use this entry now. */
    public boolean serves(ResponseCache.Entry entry, String runId, Instant now) {
        if (runId != null && runId.equals(entry.runId())) {
            return true;
        }
        return acrossRuns && entry.storedAt() != null && !entry.storedAt().plus(maxAge).isBefore(now);
    }

    /** How the policy reads in the log and the README. */
    public String describe() {
        return acrossRuns ? "answers of any run younger than " + maxAge.toHours() + " h (tale.cache.across-runs=true)"
                : "a run's own answers only: its resume after a kill and its repeated requests";
    }
}
