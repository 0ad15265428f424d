package org.talecamel.run;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** A run's id: its UTC start time plus a short random suffix, e.g. {@code 20261126-234759-042-3fa9}. Sorts by time, to the millisecond. */
public final class RunId {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {
    }

    public static String startingAt(Instant start) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return STAMP.format(start) + "-" + HexFormat.of().formatHex(suffix);
    }
}
