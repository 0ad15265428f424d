package org.talecamel.problems;

/** An input line that could not be used, with a reason the user can act on. */
public record Rejection(String sourceFile, long line, String reason) implements ProblemInput {

    /** "inbox/x.jsonl line 17: missing field 'question'". */
    public String describe() {
        return line > 0 ? sourceFile + " line " + line + ": " + reason : sourceFile + ": " + reason;
    }
}
