package dev.gatehouse.filter.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands items to one daemon thread through a bounded queue; that thread alone calls the {@link QueueSink}, in the
 * order items were queued. The engine of the audit log ({@link AsyncAuditLog}) and of the AI gateway's usage file.
 * <p>
 * Nothing is lost silently. When the queue is full, {@link QueueSettings#policy()} drops the item at once or after
 * waiting up to {@link QueueSettings#blockTimeout()}; an item recorded after {@link #close()} is dropped too. Each is
 * counted in {@link #dropped()} and reported as a WARNING on {@link Reports#logger()} at most once per report interval
 * (the first at once), giving the number since the last report and the total; what is left unreported is reported by
 * {@code close()}. A sink that throws is counted in {@link #failedWrites()} and reported the same way with the
 * exception's class name only, since its message may hold data; the next item is written as usual.
 * <p>
 * The writer thread inherits the creating thread's context class loader, which servers such as WildFly and Tomcat use
 * to pick the application's logging configuration. It is a daemon: call {@link #close()} when the application stops.
 *
 * @param <T> what is queued
 */
public final class AsyncWriter<T> implements AutoCloseable {

    /** How often at most each kind of problem is reported, unless given. */
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for queued items to be written, unless given. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Object STOP = new Object();

    /**
     * How the writer names itself and reports problems.
     *
     * @param what what is written, capitalised, e.g. {@code Audit}: the thread is {@code gatehouse-audit}, reports
     *     say {@code Audit events dropped: ...} and {@code Audit sink 'file' failed to write ...}
     * @param items what one item is called in reports, e.g. {@code events}
     * @param logger where problems are reported
     * @param reportInterval how often at most each kind of problem is reported; positive
     * @param clock what the report interval is measured by
     * @throws IllegalArgumentException when {@code reportInterval} is not positive
     */
    public record Reports(String what, String items, Logger logger, Duration reportInterval, Clock clock) {

        public Reports {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(items, "items");
            Objects.requireNonNull(logger, "logger");
            Objects.requireNonNull(clock, "clock");
            if (reportInterval == null || reportInterval.isNegative() || reportInterval.isZero()) {
                throw new IllegalArgumentException("reportInterval must be positive, was " + reportInterval);
            }
        }

        /** Reports every {@link #DEFAULT_REPORT_INTERVAL} at most, by the system clock. */
        public static Reports of(String what, String items, Logger logger) {
            return new Reports(what, items, logger, DEFAULT_REPORT_INTERVAL, Clock.systemUTC());
        }

        String threadName() {
            return "gatehouse-" + what.toLowerCase(Locale.ROOT);
        }
    }

    private final QueueSink<? super T> sink;
    private final String sinkName;
    private final QueueSettings settings;
    private final Reports reports;
    private final BlockingQueue<Object> queue;
    private final long idleMillis;
    private final Duration closeTimeout;
    private final ProblemCount drops;
    private final ProblemCount failures;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread writer;
    private volatile boolean closed;
    private volatile String lastFailure;

    /** Waits up to {@link #CLOSE_TIMEOUT} on {@link #close()}; starts the writer thread. */
    public AsyncWriter(QueueSink<? super T> sink, QueueSettings settings, Reports reports) {
        this(sink, settings, reports, CLOSE_TIMEOUT);
    }

    /** Waits up to {@code closeTimeout} on {@link #close()}; starts the writer thread. */
    public AsyncWriter(QueueSink<? super T> sink, QueueSettings settings, Reports reports, Duration closeTimeout) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.sinkName = sink.name();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.idleMillis = Math.max(10, reports.reportInterval().toMillis());
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.drops = new ProblemCount(reports.clock(), reports.reportInterval());
        this.failures = new ProblemCount(reports.clock(), reports.reportInterval());
        this.writer = new Thread(this::writeLoop, reports.threadName());
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues {@code item}, or drops and counts it when the queue stays full (see the policy) or the writer is closed.
     * Never throws; an interrupt while waiting drops the item and keeps the thread's interrupt status. A null item is
     * ignored.
     */
    public void record(T item) {
        if (item == null) {
            return;
        }
        if (closed || !offer(item)) {
            drop();
        } else if (closed && queue.remove(item)) {
            drop(); // queued while close() ran: the writer may be gone, so count it here rather than lose it
        }
    }

    private boolean offer(T item) {
        if (settings.policy() == FullQueuePolicy.DROP) {
            return queue.offer(item);
        }
        try {
            return queue.offer(item, settings.blockTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Items dropped because the queue was full or the writer closed, since start. */
    public long dropped() {
        return drops.total();
    }

    /** Items the sink threw on, since start. */
    public long failedWrites() {
        return failures.total();
    }

    /**
     * Stops accepting items, waits up to the close timeout for the queued ones to be written, closes the sink (from
     * the writer thread) and reports problems not yet reported. When the sink does not finish in time, the items still
     * queued are dropped and counted and the writer is interrupted; it closes the sink when its write returns. Calling
     * it again does nothing.
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
            warn(reports.what() + " sink '" + sinkName + "' did not finish within " + closeTimeout + "; " + lost
                    + " queued " + reports.items() + " dropped");
        } else {
            dropQueued();
        }
        reportDrops(drops.takeRemaining());
        reportFailures(failures.takeRemaining());
    }

    @SuppressWarnings("unchecked") // only T and STOP are ever queued
    private void writeLoop() {
        try {
            while (true) {
                Object next = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
                if (next == STOP) {
                    return;
                }
                if (next != null) {
                    write((T) next);
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

    private void write(T item) {
        try {
            sink.write(item);
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
            warn(reports.what() + " sink '" + sinkName + "' failed to close: " + e.getClass().getName());
        }
    }

    /** Takes what is left in the queue (items behind STOP, or all of them when the writer is stuck) and counts it. */
    private long dropQueued() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        long items = left.stream().filter(o -> o != STOP).count();
        drops.add(items);
        return items;
    }

    private void drop() {
        drops.add(1);
        reportDrops(drops.takeIfDue());
    }

    private void reportDrops(ProblemCount.Tally tally) {
        if (tally != null) {
            warn(reports.what() + " " + reports.items() + " dropped: " + tally.sinceLastReport()
                    + " since the last report, " + tally.total() + " in total (queue capacity "
                    + settings.queueCapacity() + ", policy " + settings.policy() + ", or recorded after close)");
        }
    }

    private void reportFailures(ProblemCount.Tally tally) {
        if (tally != null) {
            warn(reports.what() + " sink '" + sinkName + "' failed to write " + tally.sinceLastReport() + " "
                    + reports.items() + " since the last report, " + tally.total() + " in total; last failure: "
                    + lastFailure);
        }
    }

    /** Logs without parameters, so nothing in the text is taken for a placeholder; never throws into a request. */
    private void warn(String message) {
        try {
            reports.logger().log(Level.WARNING, message);
        } catch (RuntimeException e) {
            // a broken handler must not break the request that happened to report
        }
    }
}
