package org.talecamel.problems;

import java.io.Closeable;
import java.util.Iterator;

/**
 * A lazily read problem file: items come one at a time, so a file of any size is never held in memory whole.
 * Closeable, so that Camel's streaming split closes the file when it is done with it.
 */
public interface ProblemStream extends Iterator<ProblemInput>, Closeable {

    @Override
    void close();
}
