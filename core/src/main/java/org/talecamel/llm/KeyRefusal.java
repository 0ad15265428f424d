package org.talecamel.llm;

import java.util.Optional;

/**
 * An endpoint that answers 401 or 403 refuses the API key: it is missing, wrong, or not allowed this model. Every
 * other call would be refused too, so a run stops after a few (see {@code Run#callRefused}), saying which setting to
 * change: the {@link Connection#keySettings} of the endpoint (OpenAI's or Azure's).
 */
public final class KeyRefusal {

    private KeyRefusal() {
    }

    public static boolean is(ChatResult result) {
        return result.httpStatus() == 401 || result.httpStatus() == 403;
    }

    /** Why the run stops, for the console, the report and the audit; never the key itself. */
    public static String reason(ChatResult result, Connection connection, int callsInARow) {
        return "key refused: the endpoint answered HTTP " + result.httpStatus() + " to " + callsInARow
                + " calls in a row (" + result.error() + "). " + (connection.keySent()
                        ? "The API key sent is wrong, or not allowed this model: set " + connection.keySettings()
                                + " to a valid key"
                        : "No API key was sent: set " + connection.keySettings());
    }

    /**
     * The warning at start for a real endpoint with no key at all: OpenAI and Azure would refuse every call, though a
     * local server may take them.
     */
    public static Optional<String> noKeyWarning(Connection connection) {
        if (connection.keySent()) {
            return Optional.empty();
        }
        String settings = connection.keySettings().replace(" or ", " and ");
        return Optional.of("No API key: " + settings + " are both empty, so calls go without one. "
                + (connection.deployment() != null
                        ? "Azure OpenAI refuses them (401) unless a gateway in front of it adds one."
                        : "OpenAI and most hosted endpoints refuse them (401); local servers (vLLM, Ollama, llama.cpp)"
                                + " may need none."));
    }

    /** What the health check says of an endpoint that answered its list of models with 401 or 403. */
    public static String healthMessage(int status, Connection connection) {
        return "answered, but refused the " + (connection.keySent() ? "API key" : "request without an API key")
                + " (HTTP " + status + "): set " + connection.keySettings();
    }
}
