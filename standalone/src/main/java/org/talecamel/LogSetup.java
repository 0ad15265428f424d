package org.talecamel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The logging set-up, in code: Logback finds it through {@code META-INF/services} before it would look for a
 * {@code logback.xml}, and parsing XML costs about 0.2 s of every start. A file named by
 * {@code -Dlogback.configurationFile} still takes over.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
        context.getLogger("org.apache.camel").setLevel(Level.WARN);
        context.getLogger("org.quartz").setLevel(Level.WARN);
        // --job: JBeret SE and Weld SE say only what goes wrong; a failed job's reason is printed by the command, not
        // as JBeret's warning with the batchlet's stack trace
        context.getLogger("org.jberet").setLevel(Level.ERROR);
        context.getLogger("org.jboss.weld").setLevel(Level.WARN);
        context.getLogger("org.talecamel").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
