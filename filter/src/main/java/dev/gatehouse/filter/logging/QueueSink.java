package dev.gatehouse.filter.logging;

import java.io.IOException;
import java.util.function.Function;

/**
 * Where an {@link AsyncWriter} puts its items. It calls {@link #write} from its one background thread, never from a
 * request thread, so an implementation may block briefly but need not be thread-safe. An exception thrown by
 * {@code write} is counted and reported by class name only (its message may hold data), and the next item is written
 * as usual.
 *
 * @param <T> what is written: an {@link AuditEvent} for an {@link AuditSink}, a line for a {@link RotatingFile}
 */
public interface QueueSink<T> extends AutoCloseable {

    /** A short name for reports, e.g. {@code file}. */
    String name();

    /** Writes one item, as one line. */
    void write(T item) throws IOException;

    /** Flushes and releases what the sink holds; called once, from the writer thread, when the writer stops. */
    @Override
    default void close() throws IOException {
    }

    /**
     * A sink of {@code U} that writes {@code format(item)} here, with this sink's name, and closes this sink; for
     * example a {@link RotatingFile} of records formatted as JSON lines.
     */
    default <U> QueueSink<U> formatting(Function<? super U, ? extends T> format) {
        QueueSink<T> target = this;
        return new QueueSink<>() {
            @Override
            public String name() {
                return target.name();
            }

            @Override
            public void write(U item) throws IOException {
                target.write(format.apply(item));
            }

            @Override
            public void close() throws IOException {
                target.close();
            }
        };
    }
}
