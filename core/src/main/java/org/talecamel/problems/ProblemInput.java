package org.talecamel.problems;

/** One item read from a problem file: a usable problem, or a line that had to be rejected. */
public sealed interface ProblemInput permits Problem, Rejection {

    /** The file the item came from, as the user named it (file name only). */
    String sourceFile();

    /** 1-based line (JSONL, CSV) or line where the element starts (JSON array); 0 when the whole file is meant. */
    long line();
}
