package dev.gatehouse.filter.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded queue between the threads that record items and the one writer thread of an {@link AsyncWriter}, made
 * so that the writer takes items in batches and the recording threads (request threads) seldom have to wake it.
 * <p>
 * The writer {@link #take takes} everything queued at once (at most {@link #MAX_BATCH}), blocking only while the
 * queue is empty, writes it, then {@link #linger lingers} for the linger time before it takes again. It lingers in
 * {@link LockSupport#parkNanos}, not on the queue: {@link ArrayBlockingQueue#offer} always signals its
 * {@code notEmpty} condition, but a signal with no thread waiting on it is a look at the condition's (empty) wait list
 * under the lock {@code offer} holds anyway, no system call. So under load the writer is woken by its own timer,
 * once per linger, rather than by a futex wake paid by a request thread per item, and it takes the core from the
 * request threads once per batch rather than once per item. When the queue is empty after a linger the writer waits
 * on {@code notEmpty} as it always did, and the first item recorded after idle wakes it.
 * <p>
 * Early wake-ups, so that lingering never costs an item: an {@code offer} that leaves the queue at least half full
 * while the writer lingers unparks it, so a burst finds half the capacity free, as the queue's capacity and
 * full-queue policy promise; a batch of {@link #MAX_BATCH} (more is waiting) is followed by no linger at all; and
 * {@link #hurry()} (when closing) ends the linger at once and every later one.
 * <p>
 * No wake-up is lost: the writer publishes itself in the volatile {@code lingering} before it reads the queue's size
 * and the {@code hurry} flag, and an offering or hurrying thread changes those before it reads {@code lingering}, so
 * either the writer sees the change and does not park, or the other thread sees the writer and unparks it; an unpark
 * that comes before the park makes the park return at once ({@link LockSupport} keeps one permit). A spare permit
 * left by an unpark that came too late only makes a later park (a linger, or the queue's own wait) return early and
 * look again.
 */
final class BatchingQueue {

    /**
     * How long the writer waits after writing a batch before it takes the next one, unless woken early: 10 ms, short
     * next to how often audit and usage files are read (log shippers poll in seconds) and to a request's own latency
     * budget, long enough to gather tens of events into one write at a few thousand requests a second. Items recorded
     * meanwhile wait in memory that much longer, as they already wait in the queue.
     */
    static final Duration LINGER = Duration.ofMillis(10);
    /**
     * Most items taken, and handed to the sink, at once: a batch of audit lines is a write of at most about 150 KB,
     * and a writer told to give up ({@link AsyncWriter#close()}) has at most this many in hand.
     */
    static final int MAX_BATCH = 256;

    private final ArrayBlockingQueue<Object> queue;
    private final int wakeAt;
    private final long lingerNanos;
    private volatile Thread lingering;
    private volatile boolean hurry;

    /**
     * @param capacity at least 1
     * @param linger how long the writer lingers after a batch; {@link #LINGER} but in tests
     */
    BatchingQueue(int capacity, Duration linger) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wakeAt = (capacity + 1) / 2;
        this.lingerNanos = linger.toNanos();
    }

    /** Queues {@code item} when there is room; false when full. */
    boolean offer(Object item) {
        if (!queue.offer(item)) {
            return false;
        }
        wakeIfHalfFull();
        return true;
    }

    /** Queues {@code item}, waiting up to {@code timeoutNanos} for room; false when still full. */
    boolean offer(Object item, long timeoutNanos) throws InterruptedException {
        if (!queue.offer(item, timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        wakeIfHalfFull();
        return true;
    }

    /** Takes {@code item} back out when it is still queued. */
    boolean remove(Object item) {
        return queue.remove(item);
    }

    /** Takes everything queued, without waiting. */
    List<Object> removeAll() {
        List<Object> all = new ArrayList<>();
        queue.drainTo(all);
        return all;
    }

    /**
     * Writer: moves the items queued into {@code batch}, in order, at most {@link #MAX_BATCH}; when none is queued,
     * waits up to {@code idleMillis} for the first. Returns how many were taken (0 when none came).
     *
     * @throws InterruptedException when the writer was interrupted ({@link AsyncWriter#close()} gave up on it)
     */
    int take(List<Object> batch, long idleMillis) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        int taken = queue.drainTo(batch, MAX_BATCH);
        if (taken > 0) {
            return taken;
        }
        Object first = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        batch.add(first);
        return 1 + queue.drainTo(batch, MAX_BATCH - 1);
    }

    /**
     * Writer, after writing a batch of {@code taken} items: waits up to the linger time, and not at all when that
     * batch was full, the queue is half full, or {@link #hurry()} was called; returns early when one of the last two
     * happens meanwhile, or the writer is interrupted.
     */
    void linger(int taken) {
        if (taken >= MAX_BATCH || hurry) {
            return;
        }
        Thread writer = Thread.currentThread();
        long deadline = System.nanoTime() + lingerNanos;
        lingering = writer;
        try {
            while (!hurry && queue.size() < wakeAt && !writer.isInterrupted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            lingering = null;
        }
    }

    /** Ends the writer's linger now and lets it linger no more: everything queued is to be written at once. */
    void hurry() {
        hurry = true;
        Thread writer = lingering;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
    }

    /** Read after the item is in, so that a writer that read the size before it went to sleep is seen here. */
    private void wakeIfHalfFull() {
        Thread writer = lingering;
        if (writer != null && queue.size() >= wakeAt) {
            LockSupport.unpark(writer);
        }
    }
}
