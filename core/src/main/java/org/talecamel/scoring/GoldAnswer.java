package org.talecamel.scoring;

/** The gold answer in a dataset's reference answer. */
public final class GoldAnswer {

    private static final String GSM8K_MARKER = "####";

    private GoldAnswer() {
    }

    /**
     * The text after the last {@code ####} of a GSM8K worked solution, else the whole reference ({@code 48.0});
     * trimmed, and empty for a missing reference.
     */
    public static String fromReference(String reference) {
        if (reference == null) {
            return "";
        }
        int marker = reference.lastIndexOf(GSM8K_MARKER);
        return (marker < 0 ? reference : reference.substring(marker + GSM8K_MARKER.length())).strip();
    }
}
