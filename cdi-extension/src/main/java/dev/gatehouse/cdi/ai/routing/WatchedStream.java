package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * A provider's response body under a {@link StreamWatchdog}: a read that waits longer than the current limit is ended
 * by closing the body, and it (and every later read) fails with {@link StreamStalledException}. The limit may change
 * between reads ({@link #limit}). Closing it closes the body, which cancels the provider call. Reads come from one
 * thread; closing may come from any.
 */
final class WatchedStream extends InputStream {

    private final InputStream body;
    private final StreamWatchdog watchdog;
    private Duration limit;
    private boolean reading;
    private long readSince;
    private ScheduledFuture<?> check;
    private boolean stalled;
    private boolean closed;

    WatchedStream(InputStream body, Duration limit, StreamWatchdog watchdog) {
        this.body = body;
        this.limit = limit;
        this.watchdog = watchdog;
    }

    /** From the next read on, a read may wait at most {@code limit}. */
    synchronized void limit(Duration limit) {
        this.limit = limit;
        disarm();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    /** @throws StreamStalledException the read waited longer than the limit, or an earlier one did */
    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        started();
        int read;
        try {
            read = body.read(bytes, offset, length);
        } catch (IOException e) {
            throw stalled() ? stall(e) : e;
        } finally {
            ended();
        }
        if (read == -1 && stalled()) { // the body may take being closed for its end
            throw stall(null);
        }
        return read;
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    /** Closes the body (cancelling the provider call); idempotent, from any thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            disarm();
        }
        watchdog.forget(this);
        try {
            body.close();
        } catch (IOException e) {
            // closing is cancelling; nothing more to do
        }
    }

    private synchronized void started() throws StreamStalledException {
        if (stalled) {
            throw stall(null);
        }
        reading = true;
        readSince = System.nanoTime();
        if (check == null && !closed) {
            check = watchdog.schedule(this::check, limit.toNanos());
        }
    }

    private synchronized void ended() {
        reading = false;
    }

    private synchronized boolean stalled() {
        return stalled;
    }

    /**
     * On the watchdog's thread, when the limit of the read that armed it may have passed: closes the body if a read has
     * been waiting that long, else checks again when the current read's limit passes (or leaves it to the next read).
     */
    private void check() {
        synchronized (this) {
            check = null;
            if (closed || !reading) {
                return;
            }
            long waited = System.nanoTime() - readSince;
            if (waited < limit.toNanos()) {
                check = watchdog.schedule(this::check, limit.toNanos() - waited);
                return;
            }
            stalled = true;
        }
        close();
    }

    private void disarm() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private synchronized StreamStalledException stall(IOException cause) {
        return new StreamStalledException(limit, cause);
    }
}
