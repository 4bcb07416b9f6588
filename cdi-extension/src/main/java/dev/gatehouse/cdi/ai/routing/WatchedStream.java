package dev.gatehouse.cdi.ai.routing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

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
    private long limitNanos;
    private boolean reading;
    private long readSince;
    private boolean stalled;
    private boolean closed;

    WatchedStream(InputStream body, Duration limit, StreamWatchdog watchdog) {
        this.body = body;
        this.limit = limit;
        this.limitNanos = limit.toNanos();
        this.watchdog = watchdog;
    }

    /** From now on (the relay sets it between reads), a read may wait at most {@code limit}. */
    synchronized void limit(Duration limit) {
        this.limit = limit;
        this.limitNanos = limit.toNanos();
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
    }

    private synchronized void ended() {
        reading = false;
    }

    private synchronized boolean stalled() {
        return stalled;
    }

    /**
     * On the watchdog's thread, at {@code now} ({@link System#nanoTime()}): closes the body if a read has been waiting
     * for longer than the limit.
     */
    void checkAt(long now) {
        synchronized (this) {
            if (closed || !reading || now - readSince < limitNanos) {
                return;
            }
            stalled = true;
        }
        close();
    }

    private synchronized StreamStalledException stall(IOException cause) {
        return new StreamStalledException(limit, cause);
    }
}
