package org.talecamel.problems;

/**
 * A problem to put to the model.
 *
 * @param answer the reference answer as the file gave it: a GSM8K worked solution ending in {@code #### N},
 *               or a plain value such as {@code 48.0}; empty when the file gave none
 */
public record Problem(String sourceFile, long line, String id, String question, String answer) implements ProblemInput {
}
