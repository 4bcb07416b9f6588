package dev.gatehouse.filter.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * An {@link AuditLog} that hands events to one daemon thread, {@value #THREAD_NAME}, through a bounded queue: an
 * {@link AsyncWriter} of {@link AuditEvent}s. That thread alone calls the {@link AuditSink}, in the order events were
 * queued.
 * <p>
 * Nothing is lost silently: dropped events (queue full under {@link AuditSettings#policy()}, or recorded after
 * {@link #close()}) are counted in {@link #dropped()}, failed writes in {@link #failedWrites()}, and both are reported
 * as WARNINGs on this class's logger at most once per report interval, with the exception's class name only. Call
 * {@link #close()} when the application stops.
 */
public final class AsyncAuditLog implements AuditLog {

    /** The writer thread's name. */
    public static final String THREAD_NAME = "gatehouse-audit";
    /** How often at most each kind of problem is reported, unless given. */
    public static final Duration DEFAULT_REPORT_INTERVAL = AsyncWriter.DEFAULT_REPORT_INTERVAL;
    /** How long {@link #close()} waits for queued events to be written. */
    public static final Duration CLOSE_TIMEOUT = AsyncWriter.CLOSE_TIMEOUT;

    private static final Logger LOG = Logger.getLogger(AsyncAuditLog.class.getName());

    private final AsyncWriter<AuditEvent> writer;

    /** Reports problems at most every {@link #DEFAULT_REPORT_INTERVAL}; starts the writer thread. */
    public AsyncAuditLog(AuditSink sink, AuditSettings settings) {
        this(sink, settings, DEFAULT_REPORT_INTERVAL, Clock.systemUTC());
    }

    /**
     * Reports problems at most every {@code reportInterval} as measured by {@code clock}; starts the writer thread.
     *
     * @throws IllegalArgumentException when {@code reportInterval} is not positive
     */
    public AsyncAuditLog(AuditSink sink, AuditSettings settings, Duration reportInterval, Clock clock) {
        this(sink, settings, reportInterval, clock, CLOSE_TIMEOUT);
    }

    AsyncAuditLog(AuditSink sink, AuditSettings settings, Duration reportInterval, Clock clock, Duration closeTimeout) {
        this.writer = new AsyncWriter<>(sink, settings.queue(),
                new AsyncWriter.Reports("Audit", "events", LOG, reportInterval, clock), closeTimeout);
    }

    /** See {@link AsyncWriter#record}: never throws, a null event is ignored. */
    @Override
    public void record(AuditEvent event) {
        writer.record(event);
    }

    @Override
    public long dropped() {
        return writer.dropped();
    }

    /** Events the sink threw on, since start. */
    public long failedWrites() {
        return writer.failedWrites();
    }

    /** See {@link AsyncWriter#close()}. */
    @Override
    public void close() {
        writer.close();
    }
}
