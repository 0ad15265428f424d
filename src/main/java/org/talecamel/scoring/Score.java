package org.talecamel.scoring;

/**
 * The verdict on one model output.
 *
 * @param expected  the gold answer taken from the reference
 * @param extracted the answer text as the model wrote it, {@code ""} when it gave none
 */
public record Score(String expected, String extracted, boolean correct) {
}
