package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake provider's stream that stalls: it sends nothing more and keeps the connection open until the test
 * {@linkplain #closedByClient() asks} whether the client gave up on it; then it writes (a keep-alive, a chunk, in the
 * provider's own framing) until a write fails because the client closed the connection. So a test sees that the
 * gateway cancelled a stalled call instead of leaving the connection open. Scripted with each fake's stream builder
 * ({@code holdOpen}, Gemini's {@code thenHoldOpen}).
 */
public final class HeldOpen {

    /** Longest a fake holds a connection: a test that never asks cannot keep a fake thread for ever. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(20);
    /** Writes at most this many times while looking for the connection to be closed. */
    private static final int MAX_PROBES = 1000;
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * Ends the hold and waits (at most 10 s) until the fake found its connection closed by the client.
     *
     * @return whether it did
     */
    public boolean closedByClient() throws InterruptedException {
        release.countDown();
        return closed.await(10, TimeUnit.SECONDS);
    }

    /** The fake's side: holds, then writes {@code probe} until the connection is found closed. */
    void writeTo(OutputStream out, byte[] probe) throws IOException {
        try {
            release.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new IOException("fake stopped", stopped);
        }
        writeUntilClosed(out, probe, PROBE_INTERVAL, closed);
    }

    /**
     * Writes {@code bytes} every {@code interval} (at most {@value #MAX_PROBES} times) until a write fails because the
     * client closed the connection (or cancelled the call); then counts {@code closed} down and throws, so that the
     * server drops the connection.
     */
    static void writeUntilClosed(OutputStream out, byte[] bytes, Duration interval, CountDownLatch closed)
            throws IOException {
        for (int i = 0; i < MAX_PROBES; i++) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closedByClient) {
                closed.countDown();
                throw closedByClient;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new IOException("fake stopped", stopped);
            }
        }
    }
}
