package dev.gatehouse.filter.logging;

/** Records audit events without making the request wait for the sink. */
public interface AuditLog extends AutoCloseable {

    /** Records nothing (audit switched off). */
    AuditLog NONE = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Queues {@code event} for the sink; never throws, never blocks longer than the configured policy allows
     * ({@link AuditSettings#blockTimeout()}). A lost event is counted in {@link #dropped()} and reported.
     */
    void record(AuditEvent event);

    /**
     * Events dropped since start: the queue stayed full ({@link FullQueuePolicy}), or they were recorded after
     * {@link #close()}. Write failures of the sink are not drops; see {@link AsyncAuditLog#failedWrites()}.
     */
    long dropped();

    /** Writes what is queued (bounded wait), then closes the sink. */
    @Override
    void close();
}
