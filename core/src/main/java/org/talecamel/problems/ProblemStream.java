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

    /**
     * This stream, ending early once {@code stop} is true: nothing more is read from the file then. An item that
     * {@link #hasNext} has promised still comes: Camel's split takes a {@code false} after a {@code true} to mean that
     * nothing was left to wait for, and would end before the items it sent are done.
     */
    default ProblemStream endingWhen(java.util.function.BooleanSupplier stop) {
        ProblemStream stream = this;
        return new ProblemStream() {
            private boolean promised;

            @Override
            public boolean hasNext() {
                if (!promised) {
                    promised = !stop.getAsBoolean() && stream.hasNext();
                }
                return promised;
            }

            @Override
            public ProblemInput next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                promised = false;
                return stream.next();
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }
}
