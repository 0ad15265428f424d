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
    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{4}");

    private RunId() {
    }

    public static String startingAt(Instant start) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return STAMP.format(start) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** True for a string of a run id's form: only such a string may name a folder under the runs folder. */
    public static boolean isWellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
