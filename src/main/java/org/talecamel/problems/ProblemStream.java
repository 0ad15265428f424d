package org.talecamel.problems;

import java.util.Iterator;

/** A lazily read problem file: items come one at a time, so a file of any size is never held in memory whole. */
public interface ProblemStream extends Iterator<ProblemInput>, AutoCloseable {

    @Override
    void close();
}
