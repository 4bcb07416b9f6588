package dev.gatehouse.filter.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Hands items to one daemon thread through a bounded queue; that thread alone calls the {@link QueueSink}, in the
 * order items were queued. The engine of the audit log ({@link AsyncAuditLog}) and of the AI gateway's usage file.
 * <p>
 * Batches: the writer takes everything queued at once (at most a few hundred items) and hands it to
 * {@link QueueSink#writeBatch} (a {@link RotatingFile} writes it with one system call per file it goes to), then
 * lingers {@link #LINGER} before taking the next batch, so that under load a recording thread does not have to wake it
 * for every item. It is woken early when the queue is half full (so its capacity and full-queue policy keep their
 * meaning) and by {@link #close()}; the package's {@code BatchingQueue} says how, and why no wake-up is lost.
 * Durability: an item reaches the sink up to {@link #LINGER} (10 ms) later than it would without lingering, and until
 * then, as while it waits in the queue, it is in memory only and lost if the JVM dies; an orderly {@link #close()}
 * writes it.
 * <p>
 * Nothing is lost silently. When the queue is full, {@link QueueSettings#policy()} drops the item at once or after
 * waiting up to {@link QueueSettings#blockTimeout()}; an item recorded after {@link #close()} is dropped too. Each is
 * counted in {@link #dropped()} and reported as a WARNING on {@link Reports#logger()} at most once per report interval
 * (the first at once), giving the number since the last report and the total; what is left unreported is reported by
 * {@code close()}. Each item the sink reports as failed ({@link QueueSink.Failures}) is counted in
 * {@link #failedWrites()} and reported the same way with the exception's class name only, since its message may hold
 * data; the next item is written as usual. A {@code writeBatch} that throws instead has every item of the batch it
 * did not report counted as failed.
 * <p>
 * The writer thread starts with the first item recorded, not before: an application whose deployment fails after the
 * writer was created (another initializer or listener failing) is never told to stop, and a thread it had started
 * would run on, keeping the application's class loader — Tomcat reports each such thread as a likely memory leak. It
 * inherits the context class loader of the thread that recorded first (a request thread: the application's), which
 * servers such as WildFly and Tomcat use to pick the application's logging configuration, but not its inheritable
 * thread locals. It is a daemon: call {@link #close()} when the application stops.
 *
 * @param <T> what is queued
 */
public final class AsyncWriter<T> implements AutoCloseable {

    /** How often at most each kind of problem is reported, unless given. */
    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for queued items to be written, unless given. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long the writer waits after writing a batch before it takes the next: 10 ms, unless the queue is half full
     * or the writer closes. Items recorded meanwhile wait that much longer in memory (see the class comment).
     */
    public static final Duration LINGER = BatchingQueue.LINGER;

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
    private final QueueSettings settings;
    private final BatchingQueue queue;
    private final long idleMillis;
    private final Duration closeTimeout;
    private final ProblemReports problems;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final String threadName;
    /** Guards the start of the writer against {@link #close()}. */
    private final Object starting = new Object();
    /** Null until the first item is recorded. */
    private volatile Thread writer;
    private volatile boolean closed;
    /** Items of the batch being written that the sink reported as failed; writer thread only. */
    private int failedInBatch;

    /** Waits up to {@link #CLOSE_TIMEOUT} on {@link #close()}. */
    public AsyncWriter(QueueSink<? super T> sink, QueueSettings settings, Reports reports) {
        this(sink, settings, reports, CLOSE_TIMEOUT);
    }

    /** Waits up to {@code closeTimeout} on {@link #close()}. */
    public AsyncWriter(QueueSink<? super T> sink, QueueSettings settings, Reports reports, Duration closeTimeout) {
        this(sink, settings, reports, closeTimeout, LINGER);
    }

    /** Lingers {@code linger} after each batch: tests make it long to see that only early wake-ups end it. */
    AsyncWriter(QueueSink<? super T> sink, QueueSettings settings, Reports reports, Duration closeTimeout,
            Duration linger) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(reports, "reports");
        this.queue = new BatchingQueue(settings.queueCapacity(), linger);
        this.idleMillis = Math.max(10, reports.reportInterval().toMillis());
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.problems = new ProblemReports(reports, settings, sink.name());
        this.threadName = reports.threadName();
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
        if (writer == null) {
            startWriter();
        }
        if (closed || !offer(item)) {
            problems.drop();
        } else if (closed && queue.remove(item)) {
            problems.drop(); // queued while close() ran: the writer may be gone, so count it here rather than lose it
        }
    }

    /** Starts the writer thread, unless it was started or {@link #close()} began. */
    private void startWriter() {
        synchronized (starting) {
            if (writer == null && !closing.get()) {
                Thread thread = new Thread(null, this::writeLoop, threadName, 0, false);
                thread.setDaemon(true);
                thread.start();
                writer = thread;
            }
        }
    }

    /** Whether the writer thread was started (by the first item recorded). */
    boolean started() {
        return writer != null;
    }

    private boolean offer(T item) {
        if (settings.policy() == FullQueuePolicy.DROP) {
            return queue.offer(item);
        }
        try {
            return queue.offer(item, settings.blockTimeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Items dropped because the queue was full or the writer closed, since start. */
    public long dropped() {
        return problems.dropped();
    }

    /** Items the sink could not write, since start. */
    public long failedWrites() {
        return problems.failed();
    }

    /**
     * Stops accepting items, wakes the writer if it lingers, waits up to the close timeout for the queued ones to be
     * written, closes the sink (from the writer thread) and reports problems not yet reported. When the sink does not
     * finish in time, the items still queued are dropped and counted and the writer is interrupted; it closes the sink
     * when the batch it is writing returns (the default {@link QueueSink#writeBatch} tries the batch's remaining items
     * first, a few hundred at most). When no item was ever recorded there is no writer: the sink is closed on the
     * calling thread. Calling it again does nothing.
     */
    @Override
    public void close() {
        Thread writer;
        synchronized (starting) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            closed = true;
            writer = this.writer;
        }
        if (writer == null) { // nothing was queued: record() starts the writer before it queues
            closeSink();
            problems.reportRemaining();
            return;
        }
        queue.hurry();
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        try {
            queue.offer(STOP, closeTimeout.toNanos());
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            long lost = dropQueued();
            queue.offer(STOP); // room now: the writer stops as soon as its write returns
            writer.interrupt();
            problems.gaveUp(closeTimeout, lost);
        } else {
            dropQueued();
        }
        problems.reportRemaining();
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(BatchingQueue.MAX_BATCH);
        try {
            while (true) {
                int taken = queue.take(batch, idleMillis);
                boolean stop = writeUpToStop(batch);
                batch.clear();
                problems.reportDue();
                if (stop) {
                    return;
                }
                if (taken > 0) {
                    queue.linger(taken);
                }
            }
        } catch (InterruptedException e) {
            // close() gave up waiting
        } finally {
            closeSink();
            problems.reportRemainingFailures();
        }
    }

    /**
     * Writes the items of {@code batch} before STOP; those behind it were recorded after {@link #close()} began and are
     * counted as dropped (their {@code record} no longer finds them to remove). Returns whether STOP was in it.
     */
    @SuppressWarnings("unchecked") // only T and STOP are ever queued
    private boolean writeUpToStop(List<Object> batch) {
        int stop = batch.indexOf(STOP); // STOP.equals is identity
        List<T> items = (List<T>) (stop < 0 ? batch : batch.subList(0, stop));
        if (!items.isEmpty()) {
            write(items);
        }
        if (stop < 0) {
            return false;
        }
        problems.countDrops(batch.size() - stop - 1);
        return true;
    }

    private void write(List<T> items) {
        failedInBatch = 0;
        try {
            sink.writeBatch(Collections.unmodifiableList(items), this::failed);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            failed(Math.max(0, items.size() - failedInBatch), e); // which of them reached the sink is unknown
        }
    }

    /** The sink could not write {@code items} items: counted at once, reported when due. */
    private void failed(int items, Throwable cause) {
        if (items > 0) {
            failedInBatch += items;
            problems.failed(items, cause);
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            problems.closeFailed(e);
        }
    }

    /** Takes what is left in the queue (items behind STOP, or all of them when the writer is stuck) and counts it. */
    private long dropQueued() {
        List<Object> left = queue.removeAll();
        long items = left.stream().filter(o -> o != STOP).count();
        problems.countDrops(items);
        return items;
    }
}
