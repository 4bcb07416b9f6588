package dev.gatehouse.filter.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link AuditLog} that hands events to one daemon thread, {@value #THREAD_NAME}, through a bounded queue; that
 * thread alone calls the {@link AuditSink}, in the order events were queued.
 * <p>
 * Nothing is lost silently. When the queue is full, {@link AuditSettings#policy()} drops the event at once or after
 * waiting up to {@link AuditSettings#blockTimeout()}; an event recorded after {@link #close()} is dropped too. Each is
 * counted in {@link #dropped()} and reported as a WARNING on this class's logger at most once per report interval (the
 * first at once), giving the number since the last report and the total; what is left unreported is reported by
 * {@code close()}. A sink that throws is counted in {@link #failedWrites()} and reported the same way with the
 * exception's class name only, since its message may hold data; the next event is written as usual.
 * <p>
 * The writer thread inherits the creating thread's context class loader, which servers such as WildFly and Tomcat use
 * to pick the application's logging configuration. It is a daemon: call {@link #close()} when the application stops.
 */
public final class AsyncAuditLog implements AuditLog {

    /** The writer thread's name. */
    public static final String THREAD_NAME = "gatehouse-audit";
    /** How often at most each kind of problem is reported, unless given. */
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for queued events to be written. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(AsyncAuditLog.class.getName());
    private static final Object STOP = new Object();

    private final AuditSink sink;
    private final String sinkName;
    private final AuditSettings settings;
    private final BlockingQueue<Object> queue;
    private final long idleMillis;
    private final Duration closeTimeout;
    private final ProblemCount drops;
    private final ProblemCount failures;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread writer;
    private volatile boolean closed;
    private volatile String lastFailure;

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
        this.sink = Objects.requireNonNull(sink, "sink");
        this.sinkName = sink.name();
        this.settings = Objects.requireNonNull(settings, "settings");
        if (reportInterval == null || reportInterval.isNegative() || reportInterval.isZero()) {
            throw new IllegalArgumentException("reportInterval must be positive, was " + reportInterval);
        }
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.idleMillis = Math.max(10, reportInterval.toMillis());
        this.closeTimeout = closeTimeout;
        this.drops = new ProblemCount(clock, reportInterval);
        this.failures = new ProblemCount(clock, reportInterval);
        this.writer = new Thread(this::writeLoop, THREAD_NAME);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues {@code event}, or drops and counts it when the queue stays full (see the policy) or the log is closed.
     * Never throws; an interrupt while waiting drops the event and keeps the thread's interrupt status. A null event is
     * ignored.
     */
    @Override
    public void record(AuditEvent event) {
        if (event == null) {
            return;
        }
        if (closed || !offer(event)) {
            drop();
        } else if (closed && queue.remove(event)) {
            drop(); // queued while close() ran: the writer may be gone, so count it here rather than lose it
        }
    }

    private boolean offer(AuditEvent event) {
        if (settings.policy() == FullQueuePolicy.DROP) {
            return queue.offer(event);
        }
        try {
            return queue.offer(event, settings.blockTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Events dropped because the queue was full or the log closed, since start. */
    @Override
    public long dropped() {
        return drops.total();
    }

    /** Events the sink threw on, since start. */
    public long failedWrites() {
        return failures.total();
    }

    /**
     * Stops accepting events, waits up to {@link #CLOSE_TIMEOUT} for the queued ones to be written, closes the sink
     * (from the writer thread) and reports problems not yet reported. When the sink does not finish in time, the events
     * still queued are dropped and counted and the writer is interrupted; it closes the sink when its write returns.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        try {
            queue.offer(STOP, closeTimeout.toNanos(), TimeUnit.NANOSECONDS);
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            long lost = dropQueued();
            queue.offer(STOP); // room now: the writer stops as soon as its write returns
            writer.interrupt();
            warn("Audit sink '" + sinkName + "' did not finish within " + closeTimeout + "; " + lost
                    + " queued events dropped");
        } else {
            dropQueued();
        }
        reportDrops(drops.takeRemaining());
        reportFailures(failures.takeRemaining());
    }

    private void writeLoop() {
        try {
            while (true) {
                Object next = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
                if (next == STOP) {
                    return;
                }
                if (next != null) {
                    write((AuditEvent) next);
                }
                reportDrops(drops.takeIfDue());
                reportFailures(failures.takeIfDue());
            }
        } catch (InterruptedException e) {
            // close() gave up waiting
        } finally {
            closeSink();
            reportFailures(failures.takeRemaining());
        }
    }

    private void write(AuditEvent event) {
        try {
            sink.write(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            lastFailure = e.getClass().getName();
            failures.add(1);
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            warn("Audit sink '" + sinkName + "' failed to close: " + e.getClass().getName());
        }
    }

    /** Takes what is left in the queue (events behind STOP, or all of them when the writer is stuck) and counts it. */
    private long dropQueued() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        long events = left.stream().filter(o -> o != STOP).count();
        drops.add(events);
        return events;
    }

    private void drop() {
        drops.add(1);
        reportDrops(drops.takeIfDue());
    }

    private void reportDrops(ProblemCount.Tally tally) {
        if (tally != null) {
            warn("Audit events dropped: " + tally.sinceLastReport() + " since the last report, " + tally.total()
                    + " in total (queue capacity " + settings.queueCapacity() + ", policy " + settings.policy()
                    + ", or recorded after close)");
        }
    }

    private void reportFailures(ProblemCount.Tally tally) {
        if (tally != null) {
            warn("Audit sink '" + sinkName + "' failed to write " + tally.sinceLastReport()
                    + " events since the last report, " + tally.total() + " in total; last failure: " + lastFailure);
        }
    }

    /** Logs without parameters, so nothing in the text is taken for a placeholder; never throws into a request. */
    private static void warn(String message) {
        try {
            LOG.log(Level.WARNING, message);
        } catch (RuntimeException e) {
            // a broken handler must not break the request that happened to report
        }
    }
}
