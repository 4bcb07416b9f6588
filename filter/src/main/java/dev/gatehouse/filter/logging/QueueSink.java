package dev.gatehouse.filter.logging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where an {@link AsyncWriter} puts its items. It calls {@link #writeBatch} (by default one {@link #write} per item)
 * from its one background thread, never from a request thread, so an implementation may block briefly but need not
 * be thread-safe. A failure is counted per item and reported by class name only (its message may hold data), and the
 * next item is written as usual.
 *
 * @param <T> what is written: an {@link AuditEvent} for an {@link AuditSink}, a line for a {@link RotatingFile}
 */
public interface QueueSink<T> extends AutoCloseable {

    /** Where {@link #writeBatch} reports the items it could not write; the writer counts and reports them. */
    @FunctionalInterface
    interface Failures {

        /**
         * {@code items} items (at least 1) were not written, or not known to be written whole, because of
         * {@code cause}; reported by its class name only.
         */
        void count(int items, Throwable cause);
    }

    /** A short name for reports, e.g. {@code file}. */
    String name();

    /** Writes one item, as one line. */
    void write(T item) throws IOException;

    /**
     * Writes {@code items}, in order, one line each: what was queued when the writer last looked (at most a few
     * hundred; an unmodifiable view the writer reuses, so copy what you keep beyond the call). Each item that cannot be
     * written is passed to {@code failures}, during the call, and the items after it are still written; nothing is
     * thrown (but a {@link VirtualMachineError}). The default calls {@link #write} for each item, passing what it
     * throws; override it to write a batch at once, as {@link RotatingFile} does with one system call.
     */
    default void writeBatch(List<? extends T> items, Failures failures) {
        for (T item : items) {
            try {
                write(item);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                failures.count(1, e);
            }
        }
    }

    /** Flushes and releases what the sink holds; called once, from the writer thread, when the writer stops. */
    @Override
    default void close() throws IOException {
    }

    /**
     * A sink of {@code U} that writes {@code format(item)} here, with this sink's name, and closes this sink; for
     * example a {@link RotatingFile} of records formatted as JSON lines. A batch is formatted item by item (an item
     * whose formatting throws counts as failed) and handed on as one batch.
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
            public void writeBatch(List<? extends U> items, Failures failures) {
                List<T> formatted = new ArrayList<>(items.size());
                for (U item : items) {
                    try {
                        formatted.add(format.apply(item));
                    } catch (VirtualMachineError e) {
                        throw e;
                    } catch (Throwable e) {
                        failures.count(1, e);
                    }
                }
                target.writeBatch(formatted, failures);
            }

            @Override
            public void close() throws IOException {
                target.close();
            }
        };
    }
}
