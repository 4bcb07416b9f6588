package dev.gatehouse.filter.logging;

import java.io.IOException;

/**
 * Where audit events go (SPI). Gatehouse calls {@link #write} from one background thread, never from a request
 * thread, so an implementation may block briefly but need not be thread-safe. Implementations are found with
 * {@link java.util.ServiceLoader} and chosen by {@code gatehouse.audit.sink} ({@link #name()}).
 */
public interface AuditSink extends AutoCloseable {

    /** The name {@code gatehouse.audit.sink} selects this sink by. */
    String name();

    /** Writes one event, as one line. */
    void write(AuditEvent event) throws IOException;

    /** Flushes and releases what the sink holds; called once, when the application stops. */
    @Override
    default void close() throws IOException {
    }
}
