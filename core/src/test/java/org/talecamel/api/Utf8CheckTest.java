package org.talecamel.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8CheckTest {

    @Test
    void should_accept_utf8_split_anywhere_between_chunks() {
        byte[] text = "line one\nzwölf Äpfel, 算数 and 😀\nthree\n".getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= text.length; chunk++) {
            assertThat(feed(text, chunk)).as("chunks of %d bytes", chunk).isNull();
        }
    }

    @Test
    void should_name_the_line_and_offset_of_the_first_bytes_that_are_not_utf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"question\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"question\":\"caf".getBytes(StandardCharsets.UTF_8));
        int offset = bytes.size();
        bytes.write(0xE9); // é in Latin-1
        bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        for (int chunk : new int[] {1, 3, 7, 1024}) {
            assertThat(feed(bytes.toByteArray(), chunk)).as("chunks of %d bytes", chunk)
                    .isEqualTo(new Utf8Check.Failure(2, offset));
        }
    }

    @Test
    void should_refuse_a_character_cut_off_at_the_end() {
        byte[] cut = {'a', '\n', (byte) 0xE2, (byte) 0x82};
        assertThat(feed(cut, 64)).isEqualTo(new Utf8Check.Failure(2, 2));
    }

    @Test
    void should_refuse_utf16() {
        byte[] utf16 = "question\n".getBytes(StandardCharsets.UTF_16);
        assertThat(feed(utf16, 64)).isEqualTo(new Utf8Check.Failure(1, 0));
    }

    private static Utf8Check.Failure feed(byte[] bytes, int chunk) {
        Utf8Check check = new Utf8Check();
        for (int start = 0; start < bytes.length; start += chunk) {
            int length = Math.min(chunk, bytes.length - start);
            byte[] part = new byte[length];
            System.arraycopy(bytes, start, part, 0, length);
            Utf8Check.Failure failure = check.feed(part, length);
            if (failure != null) {
                return failure;
            }
        }
        return check.end();
    }
}
