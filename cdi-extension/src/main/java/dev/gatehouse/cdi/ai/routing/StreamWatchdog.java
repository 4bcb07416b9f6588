package dev.gatehouse.cdi.ai.routing;

import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends provider streams that fall silent, with one daemon thread for the whole gateway instead of one per stream. A
 * {@linkplain #watch watched} body whose read has waited longer than its limit is closed, which cancels the provider
 * call and fails the waiting read with {@link StreamStalledException}. Only a waiting read counts: each read starts
 * the clock afresh (any byte ends a read, SSE comments and pings included), and the time the relay spends between
 * reads, writing to a slow caller, is not the provider's silence.
 * <p>
 * The thread sweeps the watched bodies every tick — a tenth of the shortest limit it was built for, between
 * {@value #MIN_TICK_MILLIS} ms and 1 s — so a stalled read ends between its limit and its limit plus a tick. A
 * stream costs the request thread no scheduling and wakes no other thread: a read only notes when it started (a
 * scheduled check per stream woke the watchdog thread on every streamed call, on the path to its first byte).
 * Closing the watchdog (the application stops) closes every body still watched. Thread-safe.
 */
public final class StreamWatchdog implements AutoCloseable {

    static final long MIN_TICK_MILLIS = 5;
    private static final Duration MAX_TICK = Duration.ofSeconds(1);
    /** The limits tests use are this short; gateways pass their own. */
    private static final Duration TEST_LIMITS = Duration.ofMillis(100);

    private final Set<WatchedStream> watched = ConcurrentHashMap.newKeySet();
    private final long tickNanos;
    /** Guards the start of the sweeper against {@link #close()}. */
    private final Object starting = new Object();
    /** Null until the first body is watched. */
    private volatile Thread sweeper;
    private volatile boolean closed;

    /** For limits of 100 ms and more (a 10 ms tick). */
    public StreamWatchdog() {
        this(TEST_LIMITS);
    }

    /**
     * For limits of {@code shortestLimit} and more. Its thread starts with the first body watched: an application whose
     * deployment fails after this was created is never told to stop it.
     */
    public StreamWatchdog(Duration shortestLimit) {
        Duration tick = shortestLimit.dividedBy(10);
        if (tick.toMillis() < MIN_TICK_MILLIS) {
            tick = Duration.ofMillis(MIN_TICK_MILLIS);
        }
        this.tickNanos = (tick.compareTo(MAX_TICK) > 0 ? MAX_TICK : tick).toNanos();
    }

    /**
     * Watches {@code body}: once a read of the returned stream has waited {@code limit} without a byte, {@code body}
     * is closed and the read throws {@link StreamStalledException}. A body watched after {@link #close()} is closed at
     * once.
     */
    WatchedStream watch(InputStream body, Duration limit) {
        if (sweeper == null) {
            startSweeper();
        }
        WatchedStream stream = new WatchedStream(body, limit, this);
        watched.add(stream);
        if (closed) {
            stream.close();
        }
        return stream;
    }

    /**
     * Starts the sweeper unless it was started or the watchdog closed; a daemon, with the platform class loader as its
     * context class loader (not the application's, nor a request thread's inheritable thread locals).
     */
    private void startSweeper() {
        synchronized (starting) {
            if (sweeper == null && !closed) {
                Thread thread = new Thread(null, this::sweep, "gatehouse-stream-watchdog", 0, false);
                thread.setDaemon(true);
                thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
                thread.start();
                sweeper = thread;
            }
        }
    }

    /** Whether the sweeper thread was started (by the first body watched). */
    boolean started() {
        return sweeper != null;
    }

    /** Bodies watched and not yet closed. */
    int watching() {
        return watched.size();
    }

    /** How often the watched bodies are checked. */
    Duration tick() {
        return Duration.ofNanos(tickNanos);
    }

    /** Stops the thread and closes every body still watched (their reads fail). */
    @Override
    public void close() {
        Thread running;
        synchronized (starting) {
            closed = true;
            running = sweeper;
        }
        if (running != null) {
            LockSupport.unpark(running);
        }
        watched.forEach(WatchedStream::close);
    }

    void forget(WatchedStream stream) {
        watched.remove(stream);
    }

    private void sweep() {
        while (!closed) {
            LockSupport.parkNanos(this, tickNanos);
            long now = System.nanoTime();
            for (WatchedStream stream : watched) {
                try {
                    stream.checkAt(now);
                } catch (RuntimeException e) {
                    // a body whose close failed oddly: it is forgotten all the same, the sweep goes on
                    watched.remove(stream);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "StreamWatchdog[tick=" + TimeUnit.NANOSECONDS.toMillis(tickNanos) + " ms, watching=" + watched.size()
                + "]";
    }
}
