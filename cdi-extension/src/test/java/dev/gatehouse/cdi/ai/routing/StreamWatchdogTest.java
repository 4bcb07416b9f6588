package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog against a body that blocks like the HTTP client's (a read waits for bytes; closing it fails the waiting
 * read): silence during a read ends the stream, bytes and time between reads do not. Stalls are awaited within a bound
 * far above the limit, never timed.
 */
class StreamWatchdogTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration LONG = Duration.ofSeconds(30);
    /** Far above {@link #SHORT}, far below {@link #LONG}. */
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final StreamWatchdog watchdog = new StreamWatchdog();
    private final Body body = new Body();

    /** Bytes the test feeds in; a read waits for at least one; {@link #close()} fails a waiting read. */
    private static final class Body extends InputStream {

        private static final int CLOSED = -2;
        private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        void feed(String text) {
            text.chars().forEach(bytes::add);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0];
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int next;
            try {
                next = bytes.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (next == CLOSED) {
                throw new IOException("closed");
            }
            into[offset] = (byte) next;
            int read = 1;
            Integer more;
            while (read < length && (more = bytes.peek()) != null && more != CLOSED) {
                into[offset + read++] = (byte) (int) bytes.poll();
            }
            return read;
        }

        @Override
        public void close() {
            closed = true;
            bytes.add(CLOSED);
        }
    }

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void readWhenNoByteForTheLimitThenStalledAndBodyClosed() {
        WatchedStream stream = watchdog.watch(body, SHORT);

        assertThrows(StreamStalledException.class, () -> assertTimeoutPreemptively(BOUND, () -> stream.read()));
        assertTrue(body.closed, "closing the body cancels the provider call");
        assertEquals(0, watchdog.watching());
        assertThrows(StreamStalledException.class, stream::read, "every later read fails the same way");
    }

    @Test
    void readWhenBytesKeepComingWithinTheLimitThenNeverStalled() throws Exception {
        WatchedStream stream = watchdog.watch(body, SHORT);
        Thread feeder = new Thread(() -> {
            for (int i = 0; i < 25; i++) { // 25 gaps of 20 ms: longer than the limit in all
                body.feed("x");
                pause(Duration.ofMillis(20));
            }
            body.feed("!");
        });
        feeder.start();

        StringBuilder read = new StringBuilder();
        assertTimeoutPreemptively(BOUND, () -> {
            while (read.indexOf("!") < 0) {
                read.append((char) stream.read());
            }
        });
        feeder.join();
        assertEquals("x".repeat(25) + "!", read.toString());
        assertFalse(body.closed);
    }

    @Test
    void timeBetweenReadsIsNotTheProvidersSilence() throws Exception {
        WatchedStream stream = watchdog.watch(body, SHORT);
        body.feed("ab");

        assertEquals('a', stream.read());
        pause(SHORT.multipliedBy(3)); // a slow caller: the relay writes while "b" waits
        assertEquals('b', stream.read());
        assertFalse(body.closed);
    }

    @Test
    void limitChangedBetweenReadsAppliesFromTheNextRead() {
        WatchedStream stream = watchdog.watch(body, LONG);
        body.feed("a");
        assertTimeoutPreemptively(BOUND, () -> assertEquals('a', stream.read()));

        stream.limit(SHORT);

        assertThrows(StreamStalledException.class, () -> assertTimeoutPreemptively(BOUND, () -> stream.read()),
                "the short limit, not the 30 s one armed by the first read");
    }

    @Test
    void closeWhenTheApplicationStopsThenEveryWatchedBodyIsClosed() throws Exception {
        WatchedStream stream = watchdog.watch(body, LONG);
        Thread closer = new Thread(() -> {
            pause(SHORT);
            watchdog.close();
        });
        closer.start();

        IOException e = assertThrows(IOException.class, () -> assertTimeoutPreemptively(BOUND, () -> stream.read()));
        closer.join();
        assertFalse(e instanceof StreamStalledException, "stopping is not a stall");
        assertTrue(body.closed);
        Body late = new Body();
        watchdog.watch(late, LONG);
        assertTrue(late.closed, "a body watched after the watchdog stopped is closed at once");
    }

    @Test
    void startsItsThreadWithTheFirstWatchedBodyNotBefore() {
        StreamWatchdog unused = new StreamWatchdog();
        unused.close();
        assertFalse(unused.started(), "a gateway whose application never started streaming leaves no thread behind");
        Body late = new Body();
        unused.watch(late, LONG);
        assertFalse(unused.started());
        assertTrue(late.closed);

        assertFalse(watchdog.started());
        watchdog.watch(body, LONG);
        assertTrue(watchdog.started());
    }

    @Test
    void closeWhenStreamEndsNormallyThenNothingIsLeftWatched() throws Exception {
        WatchedStream stream = watchdog.watch(body, SHORT);
        body.feed("a");
        assertEquals('a', stream.read());

        stream.close();

        assertEquals(0, watchdog.watching());
        assertTrue(body.closed);
    }

    @Test
    void tickIsATenthOfTheShortestLimitWithinBounds() {
        try (StreamWatchdog minutes = new StreamWatchdog(Duration.ofMinutes(1));
                StreamWatchdog seconds = new StreamWatchdog(Duration.ofSeconds(2));
                StreamWatchdog tiny = new StreamWatchdog(Duration.ofMillis(1))) {
            assertEquals(Duration.ofSeconds(1), minutes.tick());
            assertEquals(Duration.ofMillis(200), seconds.tick());
            assertEquals(Duration.ofMillis(StreamWatchdog.MIN_TICK_MILLIS), tiny.tick());
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
