package dev.gatehouse.filter.logging;

import java.io.IOException;

/**
 * Where audit events go (SPI): the {@link QueueSink} of an {@link AsyncAuditLog}. Gatehouse calls
 * {@link #writeBatch} with the events queued meanwhile (by default one {@link #write} per event; override it to write
 * them at once) from one background thread, never from a request thread, so an implementation may block briefly but
 * need not be thread-safe. Implementations are found with {@link java.util.ServiceLoader} and chosen by
 * {@code gatehouse.audit.sink} ({@link #name()}); see {@link AuditSinks#create}. {@link #close()} is called once,
 * when the application stops.
 * <p>
 * A provider needs a public no-argument constructor that acquires nothing: every provider is instantiated to learn
 * its name, and only the chosen one is used and closed. Open files or connections on the first {@link #write}.
 * Write the line with {@link AuditJson#format}, which escapes values taken from tokens. An exception thrown by
 * {@code write} is counted and reported by class name only (its message may hold data), and the next event is
 * written as usual.
 */
public interface AuditSink extends QueueSink<AuditEvent> {

    /** The name {@code gatehouse.audit.sink} selects this sink by. */
    @Override
    String name();

    /** Writes one event, as one line. */
    @Override
    void write(AuditEvent event) throws IOException;
}
