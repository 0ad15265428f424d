package org.talecamel.llm;

/**
 * A call attempt that failed and was retried.
 *
 * @param httpStatus 0 when no response arrived
 * @param waitMs     how long the client waited before the next attempt
 */
public record Attempt(int number, int httpStatus, long latencyMs, String error, long waitMs) {

    public String describe() {
        return "attempt " + number + " failed (" + error + "); retried after " + waitMs + " ms";
    }
}
