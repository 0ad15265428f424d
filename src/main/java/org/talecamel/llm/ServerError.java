package org.talecamel.llm;

/**
 * A 5xx answer, thrown inside the chat route's circuit breaker so that it counts as a failure of the endpoint; the
 * route catches it and carries on with its result (which is retried like any other 5xx).
 */
public final class ServerError extends RuntimeException {

    private final transient ChatResult result;

    public ServerError(ChatResult result) {
        super("HTTP " + result.httpStatus() + " from the LLM endpoint", null, false, false);
        this.result = result;
    }

    public ChatResult result() {
        return result;
    }

    /** The 5xx in a chain of causes, if there is one. */
    public static ServerError in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerError error) {
                return error;
            }
        }
        return null;
    }
}
