package org.talecamel.api;

/**
 * A request the API refuses, with the HTTP status and a reason the caller can act on; answered as
 * {@code {"error": "..."}}.
 */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public static ApiError badRequest(String reason) {
        return new ApiError(400, reason);
    }

    public static ApiError notFound(String reason) {
        return new ApiError(404, reason);
    }

    public int status() {
        return status;
    }
}
