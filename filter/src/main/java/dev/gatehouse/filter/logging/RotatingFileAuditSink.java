package dev.gatehouse.filter.logging;

import java.io.IOException;

/**
 * The {@code file} sink: appends one {@link AuditJson} line per event to a {@link RotatingFile} (size rotation, one
 * unbuffered write per line, no {@code fsync}). An {@link IOException} is thrown for that event and the next event
 * opens the file again. Not thread-safe: the audit log calls it from its one writer thread.
 */
public final class RotatingFileAuditSink implements AuditSink {

    /** {@link #name()}. */
    public static final String NAME = RotatingFile.NAME;

    private final RotatingFile file;

    public RotatingFileAuditSink(AuditFileSettings settings) {
        this.file = new RotatingFile(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(AuditEvent event) throws IOException {
        file.write(AuditJson.format(event));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
