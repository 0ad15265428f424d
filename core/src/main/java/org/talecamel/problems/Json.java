package org.talecamel.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the JSON readers share: one mapper, and Jackson's errors and types put in a user's words. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Jackson's own pointer to the input ("[Source: REDACTED ...; line: 1, column: 1]") means nothing to a user. */
    private static final Pattern SOURCE_NOISE = Pattern.compile("\\s*\\((?:start marker )?at \\[Source:[^\\]]*\\]\\)|\\s*at \\[Source:[^\\]]*\\]");

    private Json() {
    }

    static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int lineBreak = message.indexOf('\n');
        if (lineBreak >= 0) {
            message = message.substring(0, lineBreak);
        }
        return SOURCE_NOISE.matcher(message).replaceAll("").strip();
    }

    /** "an object", "an array", "a string"...: what a user would call the value they wrote. */
    static String kindOf(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }
}
