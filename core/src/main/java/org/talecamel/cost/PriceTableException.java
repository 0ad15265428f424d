package org.talecamel.cost;

/** A price table that cannot be used; the message names the file, the line and what to fix. */
public final class PriceTableException extends RuntimeException {

    PriceTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
