package org.talecamel.scoring;

/**
 * The verdict on one model output.
 *
 * @param expected  the gold answer taken from the reference; for a single-choice problem its option letter
 * @param extracted the answer text as the model wrote it, or the option letter it chose (in upper case);
 *                  {@code ""} when it gave none
 */
public record Score(String expected, String extracted, boolean correct) {
}
