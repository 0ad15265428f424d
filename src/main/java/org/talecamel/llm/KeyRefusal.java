package org.talecamel.llm;

/**
 * An endpoint that answers 401 or 403 refuses the API key: it is missing, wrong, or not allowed this model. Every
 * other call would be refused too, so a run stops after a few (see {@code Run#callRefused}), saying which setting to
 * change.
 */
public final class KeyRefusal {

    /** The settings a user changes, as the messages name them. */
    public static final String KEY_SETTINGS = "tale.llm.api-key (TALE_LLM_API_KEY) or OPENAI_API_KEY";

    private KeyRefusal() {
    }

    public static boolean is(ChatResult result) {
        return result.httpStatus() == 401 || result.httpStatus() == 403;
    }

    /** Why the run stops, for the console, the report and the audit; never the key itself. */
    public static String reason(ChatResult result, boolean keySent, int callsInARow) {
        return "key refused: the endpoint answered HTTP " + result.httpStatus() + " to " + callsInARow
                + " calls in a row (" + result.error() + "). " + (keySent
                        ? "The API key sent is wrong, or not allowed this model: set " + KEY_SETTINGS + " to a valid key"
                        : "No API key was sent: set " + KEY_SETTINGS);
    }

    /**
     * The warning at start for {@code tale.llm.provider=openai} with no key at all: OpenAI would refuse every call,
     * though a local server may take them.
     */
    public static java.util.Optional<String> noKeyWarning(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("No API key: tale.llm.api-key (TALE_LLM_API_KEY) and OPENAI_API_KEY are both empty,"
                + " so calls go without one. OpenAI and most hosted endpoints refuse them (401); local servers (vLLM,"
                + " Ollama, llama.cpp) may need none.");
    }

    /** What the health check says of an endpoint that answered {@code GET /models} with 401 or 403. */
    public static String healthMessage(int status, boolean keySent) {
        return "answered, but refused the " + (keySent ? "API key" : "request without an API key") + " (HTTP " + status
                + "): set " + KEY_SETTINGS;
    }
}
