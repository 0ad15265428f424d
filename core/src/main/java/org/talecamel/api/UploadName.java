package org.talecamel.api;

import java.nio.charset.StandardCharsets;

/**
 * The name an uploaded file is kept under: the last part of what the client sent, without control or format
 * characters, characters that are special on some file systems, or leading dots. Spaces and letters of any script
 * stay. No name it returns can point outside the folder it is resolved in.
 */
public final class UploadName {

    /** Leaves room for the run id prefix within the usual 255-byte limit of a file name. */
    static final int MAX_BYTES = 200;
    private static final String SPECIAL = "<>:\"|?*";

    private UploadName() {
    }

    /** The safe name, or an empty string when nothing usable is left. */
    public static String sanitise(String requested) {
        if (requested == null) {
            return "";
        }
        String name = requested.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                return;
            }
            if (SPECIAL.indexOf(c) >= 0) {
                kept.append('_');
            } else {
                kept.appendCodePoint(Character.isWhitespace(c) ? ' ' : c);
            }
        });
        String cleaned = kept.toString().strip();
        int start = 0;
        while (start < cleaned.length() && cleaned.charAt(start) == '.') {
            start++; // no hidden files, no "." or ".."
        }
        cleaned = cleaned.substring(start).strip();
        return shorten(cleaned);
    }

    /** Cuts the part before the extension until the name fits in {@link #MAX_BYTES} bytes of UTF-8. */
    private static String shorten(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            cut.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return cut.toString().strip() + extension;
    }
}
