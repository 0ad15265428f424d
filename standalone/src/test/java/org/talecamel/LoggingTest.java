package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A dependency bringing an old slf4j-api once silenced every log line; the log must reach logback. */
class LoggingTest {

    @Test
    void should_log_through_logback() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(ch.qos.logback.classic.LoggerContext.class);
    }
}
