package org.talecamel.problems;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code .json}: one JSON array of problem objects, taken one element at a time.
 * After a syntax error Jackson cannot find the next element, so the error is the last item.
 */
final class JsonArrayReader extends ReadAheadStream {

    private final JsonParser parser;
    private final ProblemFields fields;

    private JsonArrayReader(JsonParser parser, ProblemFields fields) {
        super(parser);
        this.parser = parser;
        this.fields = fields;
    }

    /** @param in the file's bytes after any byte order mark */
    static JsonArrayReader open(InputStream in, ProblemFields fields) throws IOException, UnreadableFileException {
        // lenient decoding: a bad byte becomes U+FFFD inside one element, which ProblemFields rejects alone
        JsonParser parser = Json.MAPPER.createParser(new InputStreamReader(in, StandardCharsets.UTF_8));
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException(fields.sourceFile(),
                    "invalid JSON at line " + lineOf(e, parser) + ": " + Json.shortMessage(e));
        }
        if (first != JsonToken.START_ARRAY) {
            throw new UnreadableFileException(fields.sourceFile(), "a .json file must hold a JSON array of problems, found "
                    + Json.kindOf(first) + " (for one JSON object per line, name the file .jsonl)");
        }
        return new JsonArrayReader(parser, fields);
    }

    @Override
    ProblemInput readNext() throws IOException {
        try {
            JsonToken token = parser.nextToken();
            long line = parser.currentTokenLocation().getLineNr();
            if (token == JsonToken.END_ARRAY) {
                return parser.nextToken() == null ? null
                        : endWith(fields.reject(parser.currentTokenLocation().getLineNr(), "unexpected content after the closing ']'"));
            }
            JsonNode item = parser.readValueAsTree();
            return fields.fromJson(line, item);
        } catch (JsonProcessingException e) {
            return endWith(fields.reject(lineOf(e, parser),
                    "JSON syntax error: " + Json.shortMessage(e) + "; the rest of the file could not be read"));
        }
    }

    private static long lineOf(JsonProcessingException e, JsonParser parser) {
        JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        return location.getLineNr();
    }
}
