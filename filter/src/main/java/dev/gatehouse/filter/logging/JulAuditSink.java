package dev.gatehouse.filter.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The default sink ({@code jul}): each event's {@link AuditJson} line is logged at {@link Level#INFO} on the
 * java.util.logging logger {@value #LOGGER_NAME}, so WildFly, Payara and Tomcat route it with their usual logging
 * configuration (for example to a file handler of its own with {@code useParentHandlers=false}).
 * <p>
 * The line is the record's message and the record has no parameters, no resource bundle and no thrown exception, so
 * {@link java.util.logging.Formatter#formatMessage} returns it verbatim: a claim containing {@code {0}} is not taken
 * for a {@link java.text.MessageFormat} placeholder. The source class is left empty, so formatters show the logger
 * name and no stack walk is made to find the caller.
 */
public final class JulAuditSink implements AuditSink {

    /** The logger audit lines go to. */
    public static final String LOGGER_NAME = "dev.gatehouse.audit";
    /** {@link #name()}. */
    public static final String NAME = "jul";

    /** Held so that the logger, and the level and handlers configured on it, are not garbage collected. */
    private final Logger logger = Logger.getLogger(LOGGER_NAME);

    @Override
    public String name() {
        return NAME;
    }

    /** Logs the line when {@link Level#INFO} is enabled on {@value #LOGGER_NAME}; formats nothing otherwise. */
    @Override
    public void write(AuditEvent event) {
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        LogRecord record = new LogRecord(Level.INFO, AuditJson.format(event));
        record.setLoggerName(LOGGER_NAME);
        record.setSourceClassName(null);
        record.setSourceMethodName(null);
        logger.log(record);
    }
}
