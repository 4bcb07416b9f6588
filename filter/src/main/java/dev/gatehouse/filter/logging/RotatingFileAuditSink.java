package dev.gatehouse.filter.logging;

import java.io.IOException;
import java.util.List;

/**
 * The {@code file} sink: appends one {@link AuditJson} line per event to a {@link RotatingFile} (size rotation, one
 * unbuffered write per batch of events and file, no {@code fsync}). An {@link IOException} is thrown for that event
 * ({@link #write}) or reported for the events of the failed write ({@link #writeBatch}), and the next write opens the
 * file again. Not thread-safe: the audit log calls it from its one writer thread.
 */
public final class RotatingFileAuditSink implements AuditSink {

    /** {@link #name()}. */
    public static final String NAME = RotatingFile.NAME;

    private final QueueSink<AuditEvent> lines;

    public RotatingFileAuditSink(AuditFileSettings settings) {
        this.lines = new RotatingFile(settings).formatting(AuditJson::format);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(AuditEvent event) throws IOException {
        lines.write(event);
    }

    @Override
    public void writeBatch(List<? extends AuditEvent> events, Failures failures) {
        lines.writeBatch(events, failures);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
