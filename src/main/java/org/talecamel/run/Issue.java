package org.talecamel.run;

/** A rejected input or a failed call, as listed in the report. */
public record Issue(String sourceFile, long line, String problemId, String method, String phase, String reason) {
}
