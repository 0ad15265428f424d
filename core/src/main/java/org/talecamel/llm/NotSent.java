package org.talecamel.llm;

/**
 * A call not sent after all, found when its turn came: its run has stopped sending meanwhile (its key refused, its
 * endpoint down, its spend cap reached), or the circuit opened while it waited for a place. Thrown inside the chat
 * route's circuit breaker, which ignores it: the endpoint never saw the call.
 */
public final class NotSent extends RuntimeException {

    public NotSent(String reason) {
        super(reason, null, false, false);
    }

    /** The one in a chain of causes, if there is one. */
    public static NotSent in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotSent notSent) {
                return notSent;
            }
        }
        return null;
    }
}
