package dev.gatehouse.filter.logging;

import static dev.gatehouse.filter.logging.AuditEvents.publicRequest;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Timeout;

import dev.gatehouse.filter.testing.MutableClock;

/** Order, the full-queue policies and closing. Reports and concurrency: {@link AsyncAuditLogReportTest}. */
@ResourceLock("dev.gatehouse.filter.logging.AsyncAuditLog") // captures that JUL logger
@Timeout(20)
class AsyncAuditLogTest {

    private final CapturingHandler warnings = CapturingHandler.on(AsyncAuditLog.class.getName());

    @AfterEach
    void detach() {
        warnings.close();
    }

    static AuditSettings settings(int capacity, FullQueuePolicy policy, Duration blockTimeout) {
        return new AuditSettings(true, "test", capacity, policy, blockTimeout, null);
    }

    private static List<AuditEvent> events(int from, int to) {
        List<AuditEvent> events = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            events.add(publicRequest("r-" + n));
        }
        return events;
    }

    /** Records r-1, waits until the writer holds it in the blocked sink, then fills the queue with r-2 onwards. */
    private static void fill(AsyncAuditLog log, TestSink sink, int capacity) throws InterruptedException {
        log.record(publicRequest("r-1"));
        assertTrue(sink.entered.await(5, TimeUnit.SECONDS));
        events(2, capacity + 1).forEach(log::record);
    }

    @Test
    void recordThenWritesEventsInOrderOnOneDaemonThreadNamedGatehouseAudit() {
        TestSink sink = new TestSink();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(1000, FullQueuePolicy.DROP, Duration.ZERO));

        events(1, 500).forEach(log::record);
        log.close();

        assertEquals(events(1, 500), sink.written);
        assertEquals(Set.of("gatehouse-audit daemon"), sink.writerThreads);
        assertEquals(0, log.dropped());
    }

    @Test
    void recordWhenQueueFullAndPolicyDropThenDropsAtOnceAndCountsDrop() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(2, FullQueuePolicy.DROP, Duration.ZERO));
        fill(log, sink, 2);

        log.record(publicRequest("r-4"));
        log.record(publicRequest("r-5"));

        assertEquals(2, log.dropped());
        sink.release();
        log.close();
        assertEquals(events(1, 3), sink.written);
    }

    @Test
    void recordWhenQueueFullAndPolicyBlockThenWaitsTimeoutThenDropsAndCounts() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(1, FullQueuePolicy.BLOCK, Duration.ofMillis(50)));
        fill(log, sink, 1);

        long start = System.nanoTime();
        log.record(publicRequest("r-3"));

        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "waited the block timeout");
        assertEquals(1, log.dropped());
        sink.release();
        log.close();
        assertEquals(events(1, 2), sink.written);
    }

    @Test
    void recordWhenQueueFullAndPolicyBlockThenQueuesOnceRoomFrees() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(1, FullQueuePolicy.BLOCK, Duration.ofSeconds(10)));
        fill(log, sink, 1);
        Thread producer = new Thread(() -> log.record(publicRequest("r-3")));
        producer.start();
        while (producer.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }

        sink.release();
        producer.join();

        log.close();
        assertEquals(0, log.dropped());
        assertEquals(events(1, 3), sink.written);
    }

    @Test
    void recordWhenInterruptedWhileBlockingThenDropsCountsAndKeepsInterruptStatus() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(1, FullQueuePolicy.BLOCK, Duration.ofSeconds(10)));
        fill(log, sink, 1);

        Thread.currentThread().interrupt();
        log.record(publicRequest("r-3"));

        assertTrue(Thread.interrupted());
        assertEquals(1, log.dropped());
        sink.release();
        log.close();
    }

    @Test
    void recordWhenEventNullThenIgnoresIt() {
        TestSink sink = new TestSink();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(4, FullQueuePolicy.DROP, Duration.ZERO));

        assertDoesNotThrow(() -> log.record(null));

        log.close();
        assertEquals(0, log.dropped());
        assertEquals(List.of(), sink.written);
    }

    @Test
    void closeDrainsQueuedEventsThenClosesSinkOnce() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(8, FullQueuePolicy.DROP, Duration.ZERO));
        fill(log, sink, 5);
        Thread closer = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            while (closer.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            sink.release(); // close() is now waiting for the writer, with r-2 to r-6 still queued
        });
        releaser.start();

        log.close();
        log.close();

        releaser.join();
        assertEquals(events(1, 6), sink.written);
        assertEquals(1, sink.closeCalls.get());
        assertEquals(0, sink.writesAfterClose.get());
        assertEquals(0, log.dropped());
    }

    @Test
    void recordAfterCloseThenDropsAndCountsWithoutThrowing() {
        TestSink sink = new TestSink();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(4, FullQueuePolicy.BLOCK, Duration.ofMillis(50)));
        log.close();

        assertDoesNotThrow(() -> log.record(publicRequest("late")));

        assertEquals(1, log.dropped());
        assertEquals(List.of(), sink.written);
        assertEquals(List.of("Audit events dropped: 1 since the last report, 1 in total (queue capacity 4, policy BLOCK,"
                + " or recorded after close)"), warnings.messages(Level.WARNING));
    }

    @Test
    void closeWhenSinkStuckThenGivesUpInBoundedTimeDropsQueuedAndSinkClosesLater() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(4, FullQueuePolicy.DROP, Duration.ZERO),
                Duration.ofSeconds(60), Clock.systemUTC(), Duration.ofMillis(100));
        fill(log, sink, 2);

        log.close();

        assertEquals(2, log.dropped());
        assertTrue(sink.closed.await(5, TimeUnit.SECONDS), "the interrupted writer closes the sink");
        assertTrue(warnings.messages(Level.WARNING).containsAll(List.of(
                "Audit sink 'test' did not finish within PT0.1S; 2 queued events dropped",
                "Audit events dropped: 2 since the last report, 2 in total (queue capacity 4, policy DROP,"
                        + " or recorded after close)")), () -> warnings.messages(Level.WARNING).toString());
        assertEquals(1, log.failedWrites());
        assertEquals(List.of(), sink.written);
    }

    @Test
    void constructorWhenReportIntervalNotPositiveThenRejectsIt() {
        AuditSettings settings = settings(4, FullQueuePolicy.DROP, Duration.ZERO);
        MutableClock clock = new MutableClock();

        assertEquals("reportInterval must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> new AsyncAuditLog(new TestSink(), settings, Duration.ZERO, clock)).getMessage());
    }
}
