package dev.gatehouse.filter.logging;

import static dev.gatehouse.filter.logging.AsyncAuditLogTest.settings;
import static dev.gatehouse.filter.logging.AuditEvents.publicRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Timeout;

import dev.gatehouse.filter.testing.MutableClock;

/** Drops and sink failures are reported, rate-limited and without data; totals stay exact under concurrency. */
@ResourceLock("dev.gatehouse.filter.logging.AsyncAuditLog") // captures that JUL logger
@Timeout(30)
class AsyncAuditLogReportTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final CapturingHandler warnings = CapturingHandler.on(AsyncAuditLog.class.getName());
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void detach() {
        warnings.close();
    }

    private static String dropped(long since, long total, int capacity) {
        return "Audit events dropped: " + since + " since the last report, " + total + " in total (queue capacity "
                + capacity + ", policy DROP, or recorded after close)";
    }

    private static String failed(long since, long total) {
        return "Audit sink 'test' failed to write " + since + " events since the last report, " + total
                + " in total; last failure: java.io.IOException";
    }

    @Test
    void recordWhenQueueFullAndPolicyDropThenReportsOncePerInterval() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(2, FullQueuePolicy.DROP, Duration.ZERO), INTERVAL, clock);
        log.record(publicRequest("r-1"));
        assertTrue(sink.entered.await(5, TimeUnit.SECONDS));
        log.record(publicRequest("r-2"));
        log.record(publicRequest("r-3"));

        log.record(publicRequest("r-4"));
        log.record(publicRequest("r-5"));
        clock.advance(INTERVAL.minusMillis(1));
        log.record(publicRequest("r-6"));
        assertEquals(List.of(dropped(1, 1, 2)), warnings.messages(Level.WARNING));

        clock.advance(Duration.ofMillis(1));
        log.record(publicRequest("r-7"));
        log.record(publicRequest("r-8"));

        assertEquals(5, log.dropped());
        assertEquals(List.of(dropped(1, 1, 2), dropped(3, 4, 2)), warnings.messages(Level.WARNING));
        sink.release();
        log.close();
        assertEquals(List.of(dropped(1, 1, 2), dropped(3, 4, 2), dropped(1, 5, 2)), warnings.messages(Level.WARNING));
    }

    @Test
    void closeWhenAllDropsAlreadyReportedThenReportsNothingMore() throws InterruptedException {
        TestSink sink = new TestSink().blocking();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(1, FullQueuePolicy.DROP, Duration.ZERO), INTERVAL, clock);
        log.record(publicRequest("r-1"));
        assertTrue(sink.entered.await(5, TimeUnit.SECONDS));
        log.record(publicRequest("r-2"));
        log.record(publicRequest("r-3"));

        sink.release();
        log.close();

        assertEquals(List.of(dropped(1, 1, 1)), warnings.messages(Level.WARNING));
    }

    @Test
    void writeWhenSinkThrowsThenReportsClassNameOnlyAndKeepsWriting() {
        TestSink sink = new TestSink().failingOn(event -> event.requestId().startsWith("fail"));
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(8, FullQueuePolicy.DROP, Duration.ZERO), INTERVAL, clock);

        log.record(publicRequest("fail-1"));
        log.record(publicRequest("fail-2"));
        log.record(publicRequest("ok-3"));
        log.close();

        assertEquals(List.of(publicRequest("ok-3")), sink.written);
        assertEquals(2, log.failedWrites());
        assertEquals(0, log.dropped());
        assertEquals(List.of(failed(1, 1), failed(1, 2)), warnings.messages(Level.WARNING));
        for (LogRecord record : warnings.records) {
            assertNull(record.getThrown());
            assertNull(record.getParameters());
        }
        assertFalse(warnings.lines.toString().contains("secret"));
    }

    @Test
    void writeWhenSinkKeepsThrowingThenReportsOncePerInterval() {
        TestSink sink = new TestSink().failingOn(event -> event.requestId().startsWith("fail"))
                .beforeWrite(event -> {
                    if (event.requestId().equals("fail-3")) {
                        clock.advance(INTERVAL);
                    }
                });
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(8, FullQueuePolicy.DROP, Duration.ZERO), INTERVAL, clock);

        List.of("fail-1", "fail-2", "fail-3", "ok-4").forEach(id -> log.record(publicRequest(id)));
        log.close();

        assertEquals(List.of(failed(1, 1), failed(2, 3)), warnings.messages(Level.WARNING));
        assertEquals(List.of(publicRequest("ok-4")), sink.written);
    }

    @Test
    void recordFromSeveralThreadsThenWrittenPlusDroppedEqualsRecordedAndEachThreadKeepsOrder()
            throws InterruptedException {
        TestSink sink = new TestSink();
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(16, FullQueuePolicy.DROP, Duration.ZERO), INTERVAL, clock);

        List<Thread> producers = startProducers(log, 4, 2_000);
        for (Thread producer : producers) {
            producer.join();
        }
        log.close();

        assertEquals(4 * 2_000, sink.written.size() + log.dropped());
        for (int p = 0; p < 4; p++) {
            String prefix = "p" + p + "-";
            List<Integer> order = sink.written.stream().map(AuditEvent::requestId).filter(id -> id.startsWith(prefix))
                    .map(id -> Integer.parseInt(id.substring(prefix.length()))).toList();
            assertEquals(order.stream().sorted().toList(), order, "order of producer " + p);
        }
    }

    @Test
    void closeWhileSeveralThreadsRecordThenWrittenPlusDroppedEqualsRecorded() throws InterruptedException {
        CountDownLatch someWritten = new CountDownLatch(50);
        TestSink sink = new TestSink().beforeWrite(event -> someWritten.countDown());
        AsyncAuditLog log = new AsyncAuditLog(sink, settings(16, FullQueuePolicy.BLOCK, Duration.ofMillis(1)),
                INTERVAL, clock);

        List<Thread> producers = startProducers(log, 4, 5_000);
        assertTrue(someWritten.await(10, TimeUnit.SECONDS));
        log.close();
        for (Thread producer : producers) {
            producer.join();
        }

        assertEquals(4 * 5_000, sink.written.size() + log.dropped());
        assertTrue(log.dropped() > 0, "events recorded after close are dropped");
        assertEquals(0, sink.writesAfterClose.get());
    }

    private static List<Thread> startProducers(AuditLog log, int threads, int eventsEach) {
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < threads; p++) {
            String prefix = "p" + p + "-";
            Thread producer = new Thread(() -> {
                for (int n = 0; n < eventsEach; n++) {
                    log.record(publicRequest(prefix + n));
                }
            });
            producer.start();
            producers.add(producer);
        }
        return producers;
    }
}
