package org.talecamel.problems;

/** A problem file that cannot be read at all (unknown format, binary, empty...): it goes to the failed folder. */
public final class UnreadableFileException extends Exception {

    private final String sourceFile;
    private final String reason;

    public UnreadableFileException(String sourceFile, String reason) {
        super(sourceFile + ": " + reason);
        this.sourceFile = sourceFile;
        this.reason = reason;
    }

    public String sourceFile() {
        return sourceFile;
    }

    public String reason() {
        return reason;
    }
}
