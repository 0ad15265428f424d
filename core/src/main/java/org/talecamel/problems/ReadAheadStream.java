package org.talecamel.problems;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/** The iterator plumbing the readers share: each reader only says how to read its next item. */
abstract class ReadAheadStream implements ProblemStream {

    private final Closeable source;
    private ProblemInput next;
    private boolean finished;

    ReadAheadStream(Closeable source) {
        this.source = source;
    }

    /** The next item, or null when the file has no more. */
    abstract ProblemInput readNext() throws IOException;

    /** Returns the item and ends the stream after it: for errors the parser cannot read past. */
    final ProblemInput endWith(ProblemInput last) {
        finished = true;
        return last;
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            try {
                next = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (next == null) {
                finished = true;
            }
        }
        return next != null;
    }

    @Override
    public final ProblemInput next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ProblemInput item = next;
        next = null;
        return item;
    }

    @Override
    public final void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
