package org.talecamel.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks bytes fed to it in chunks of any size are UTF-8, and says where they are not: the line and the byte offset
 * of the first bad sequence. Nothing is kept but a few bytes of a character split between two chunks.
 */
final class Utf8Check {

    /** Where the bytes stop being UTF-8. */
    record Failure(long line, long offset) {
    }

    private static final int CHUNK = 64 * 1024;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(CHUNK);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long pendingOffset;
    private long line = 1;
    private Failure failure;

    /** Feeds the next bytes; returns the failure once one is found (later calls return it again). */
    Failure feed(byte[] chunk, int length) {
        if (failure == null) {
            ByteBuffer bytes = ByteBuffer.allocate(pending.remaining() + length);
            bytes.put(pending).put(chunk, 0, length).flip();
            decode(bytes, false);
        }
        return failure;
    }

    /** The input has ended: a character cut off at the end is a failure too. */
    Failure end() {
        if (failure == null) {
            decode(pending, true);
        }
        return failure;
    }

    private void decode(ByteBuffer bytes, boolean last) {
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, last);
            countLines();
            if (result.isError()) {
                failure = new Failure(line, pendingOffset + bytes.position());
                return;
            }
            if (!result.isOverflow()) {
                break;
            }
        }
        pendingOffset += bytes.position();
        pending = bytes.slice();
    }

    private void countLines() {
        chars.flip();
        while (chars.hasRemaining()) {
            if (chars.get() == '\n') {
                line++;
            }
        }
        chars.clear();
    }
}
