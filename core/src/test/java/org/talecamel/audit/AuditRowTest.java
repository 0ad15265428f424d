package org.talecamel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditRowTest {

    @Test
    void should_replace_a_lone_surrogate_that_utf8_cannot_encode() {
        assertThat(AuditRow.wellFormed("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void should_keep_paired_surrogates_and_plain_text_as_they_are() {
        String text = "smile \uD83D\uDE00 and plain";
        assertThat(AuditRow.wellFormed(text)).isSameAs(text);
    }
}
