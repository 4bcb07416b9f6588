package dev.gatehouse.cdi.ai.routing;

import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends provider streams that fall silent, with one daemon thread for the whole gateway instead of one per stream. A
 * {@linkplain #watch watched} body whose read has waited longer than its limit is closed, which cancels the provider
 * call and fails the waiting read with {@link StreamStalledException}. Only a waiting read counts: each read starts
 * the clock afresh (any byte ends a read, SSE comments and pings included), and the time the relay spends between
 * reads, writing to a slow caller, is not the provider's silence. Each body costs at most one pending check at a time,
 * which fires at most once per limit. Closing the watchdog (the application stops) closes every body still watched.
 * Thread-safe.
 */
public final class StreamWatchdog implements AutoCloseable {

    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<WatchedStream> watched = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public StreamWatchdog() {
        scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "gatehouse-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // a stream closed normally leaves no task behind
    }

    /**
     * Watches {@code body}: once a read of the returned stream has waited {@code limit} without a byte, {@code body}
     * is closed and the read throws {@link StreamStalledException}. A body watched after {@link #close()} is closed at
     * once.
     */
    WatchedStream watch(InputStream body, Duration limit) {
        WatchedStream stream = new WatchedStream(body, limit, this);
        watched.add(stream);
        if (closed) {
            stream.close();
        }
        return stream;
    }

    /** Bodies watched and not yet closed. */
    int watching() {
        return watched.size();
    }

    /** Stops the thread and closes every body still watched (their reads fail). */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        watched.forEach(WatchedStream::close);
    }

    /** @return the pending check, or {@code null} when the watchdog is closed */
    ScheduledFuture<?> schedule(Runnable check, long delayNanos) {
        if (closed) {
            return null;
        }
        try {
            return scheduler.schedule(check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            return null; // closed meanwhile: it closes every body it watches
        }
    }

    void forget(WatchedStream stream) {
        watched.remove(stream);
    }
}
