package org.talecamel.run;

/** A rejected input or a failed call, as listed in the report; {@code model} is the label of the run's model asked. */
public record Issue(String sourceFile, long line, String problemId, String model, String method, String phase, String reason) {
}
