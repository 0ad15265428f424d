package org.talecamel.problems;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code .jsonl} / {@code .ndjson}: one JSON object per line.
 * Lines are split as bytes and decoded one by one, so a line of bad UTF-8 is one rejection, not the end of the file.
 */
final class JsonLinesReader extends ReadAheadStream {

    private final InputStream in;
    private final ProblemFields fields;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input, never replaces it
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPosition;
    private int chunkEnd;
    private byte[] line = new byte[8 * 1024];
    private int lineLength;
    private long lineNumber;

    /** @param in the file's bytes after any byte order mark */
    JsonLinesReader(InputStream in, ProblemFields fields) {
        super(in);
        this.in = in;
        this.fields = fields;
    }

    @Override
    ProblemInput readNext() throws IOException {
        while (readLine()) {
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
            } catch (CharacterCodingException e) {
                return fields.reject(lineNumber, "invalid UTF-8");
            }
            if (!text.isBlank()) {
                return parse(text);
            }
        }
        return null;
    }

    private ProblemInput parse(String text) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            JsonNode item = parser.readValueAsTree();
            if (parser.nextToken() != null) {
                return fields.reject(lineNumber, "invalid JSON: more than one JSON value on the line");
            }
            return fields.fromJson(lineNumber, item);
        } catch (JsonProcessingException e) {
            return fields.reject(lineNumber, "invalid JSON: " + Json.shortMessage(e));
        }
    }

    /** Fills {@code line} with the next line's bytes, without its \n or \r\n; false at the end of the file. */
    private boolean readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (chunkPosition == chunkEnd && !fillChunk()) {
                if (lineLength == 0) {
                    return false;
                }
                break;
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            append(end - chunkPosition);
            chunkPosition = newline < 0 ? end : end + 1;
            if (newline >= 0) {
                break;
            }
        }
        lineNumber++;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private boolean fillChunk() throws IOException {
        int read = in.read(chunk);
        chunkPosition = 0;
        chunkEnd = Math.max(read, 0);
        return read > 0;
    }

    private int indexOfNewline() {
        for (int i = chunkPosition; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(chunk, chunkPosition, line, lineLength, count);
        lineLength += count;
    }
}
