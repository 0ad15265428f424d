package org.talecamel.llm;

/** Where a row's token counts come from. */
public enum TokenSource {
    /** The endpoint's own {@code usage} object. */
    USAGE("usage"),
    /** Counted here with jtokkit (cl100k_base, as the TALE paper did) because the endpoint sent no usage. */
    COUNTED("jtokkit-cl100k"),
    /** No answer, so nothing to count. */
    NONE("");

    private final String label;

    TokenSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
