package org.talecamel.llm.simulator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body, as {@code POST /v1/files} receives one: each part's name, file name and
 * bytes. Enough for the simulator's uploads (one small form a call), not a general MIME parser.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private Multipart() {
    }

    /** One field of the form. */
    record Part(String name, String filename, byte[] content) {
    }

    /** The form's parts by name; refuses a body that is not a multipart form. */
    static Map<String, Part> parse(String contentType, byte[] body) {
        Matcher boundary = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundary == null || !contentType.startsWith("multipart/form-data") || !boundary.find()) {
            throw new IllegalArgumentException("A file upload is a multipart/form-data request, not " + contentType);
        }
        // ISO-8859-1 maps every byte to one char and back, so a file's bytes survive the split unchanged
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        Map<String, Part> parts = new HashMap<>();
        for (String section : text.split(Pattern.quote(delimiter))) {
            int headersEnd = section.indexOf("\r\n\r\n");
            if (headersEnd < 0 || section.startsWith("--")) {
                continue;
            }
            String headers = section.substring(0, headersEnd);
            String content = section.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = NAME.matcher(headers);
            if (name.find()) {
                Matcher filename = FILENAME.matcher(headers);
                parts.put(name.group(1), new Part(name.group(1), filename.find() ? filename.group(1) : null,
                        content.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return parts;
    }
}
