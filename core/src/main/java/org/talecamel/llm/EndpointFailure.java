package org.talecamel.llm;

/**
 * A call that got no response or a 5xx after all its retries, thrown inside the chat route's circuit breaker so that
 * it counts as a failure of the endpoint. Attempts that a retry then saved never count: a flaky endpoint is not a
 * dead one. The route catches it and carries on with its result.
 */
public final class EndpointFailure extends RuntimeException {

    private final transient ChatResult result;

    public EndpointFailure(ChatResult result) {
        super(result.error(), null, false, false);
        this.result = result;
    }

    public ChatResult result() {
        return result;
    }

    /** Whether the endpoint failed this result: no response at all, or a 5xx (a 4xx is the request's fault). */
    public static boolean failedBy(ChatResult result) {
        return !result.ok() && !result.notSent() && (result.httpStatus() == 0 || result.httpStatus() >= 500);
    }

    /** The failure in a chain of causes, if there is one. */
    public static EndpointFailure in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EndpointFailure error) {
                return error;
            }
        }
        return null;
    }
}
