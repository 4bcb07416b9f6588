package dev.gatehouse.filter.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a java.util.logging logger publishes, formatted by {@link Formatter#formatMessage} as a real handler
 * would, while attached; {@link #close()} restores the logger.
 */
final class CapturingHandler extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean parentHandlers;
    private final Level level;
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturingHandler(Logger logger) {
        this.logger = logger;
        this.parentHandlers = logger.getUseParentHandlers();
        this.level = logger.getLevel();
        setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        });
        setLevel(Level.ALL);
    }

    /** Attaches to {@code name} and keeps its records from the console. */
    static CapturingHandler on(String name) {
        CapturingHandler handler = new CapturingHandler(Logger.getLogger(name));
        handler.logger.setUseParentHandlers(false);
        handler.logger.setLevel(Level.ALL);
        handler.logger.addHandler(handler);
        return handler;
    }

    /** The formatted messages of records at {@code level}. */
    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(getFormatter()::formatMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        lines.add(getFormatter().format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
        logger.setLevel(level);
    }
}
