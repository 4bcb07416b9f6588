package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.gatehouse.filter.testing.MutableClock;

/**
 * The writer carries any item, and names its thread and reports after what it writes. Queueing, policies and closing:
 * {@link AsyncAuditLogTest}, reports: {@link AsyncAuditLogReportTest}.
 */
@Timeout(20)
class AsyncWriterTest {

    private static final String LOGGER = AsyncWriterTest.class.getName();

    private final CapturingHandler warnings = CapturingHandler.on(LOGGER);

    @AfterEach
    void detach() {
        warnings.close();
    }

    private static final InheritableThreadLocal<String> REQUEST = new InheritableThreadLocal<>();

    /** Keeps lines; throws on lines starting with {@code fail}. */
    private static final class Lines implements QueueSink<String> {
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<String> inherited = new CopyOnWriteArrayList<>();
        final List<Thread> closedOn = new CopyOnWriteArrayList<>();

        @Override
        public void close() {
            closedOn.add(Thread.currentThread());
        }

        @Override
        public String name() {
            return "lines";
        }

        @Override
        public void write(String line) throws IOException {
            threads.add(Thread.currentThread().getName());
            inherited.add(String.valueOf(REQUEST.get()));
            if (line.startsWith("fail")) {
                throw new IOException("secret " + line);
            }
            written.add(line);
        }
    }

    @Test
    void recordThenWritesItemsInOrderOnAThreadNamedAfterWhatItWrites() {
        Lines sink = new Lines();
        AsyncWriter<String> writer = new AsyncWriter<>(sink, QueueSettings.DEFAULTS,
                AsyncWriter.Reports.of("Usage", "records", Logger.getLogger(LOGGER)));

        List.of("a", "b", "c").forEach(writer::record);
        writer.close();

        assertEquals(List.of("a", "b", "c"), sink.written);
        assertEquals(List.of("gatehouse-usage"), sink.threads.stream().distinct().toList());
    }

    @Test
    void closeWhenWritesFailedOrRecordedAfterCloseThenReportsInItsOwnWordsWithoutTheItem() {
        Lines sink = new Lines();
        AsyncWriter<String> writer = new AsyncWriter<>(sink, new QueueSettings(4, FullQueuePolicy.DROP, Duration.ZERO),
                new AsyncWriter.Reports("Usage", "records", Logger.getLogger(LOGGER), Duration.ofHours(1),
                        new MutableClock()));

        writer.record("fail 1");
        writer.close();
        writer.record("late");

        assertEquals(List.of("Usage sink 'lines' failed to write 1 records since the last report, 1 in total;"
                + " last failure: java.io.IOException",
                "Usage records dropped: 1 since the last report, 1 in total (queue capacity 4, policy DROP,"
                        + " or recorded after close)"), warnings.messages(Level.WARNING));
    }

    @Test
    void startsItsThreadWithTheFirstItemWithoutTheRecordingThreadsInheritableLocals() {
        Lines sink = new Lines();
        AsyncWriter<String> writer = new AsyncWriter<>(sink, QueueSettings.DEFAULTS,
                AsyncWriter.Reports.of("Usage", "records", Logger.getLogger(LOGGER)));
        assertFalse(writer.started(), "no thread before the first item");

        REQUEST.set("request-scoped value");
        try {
            writer.record("a");
        } finally {
            REQUEST.remove();
        }
        assertTrue(writer.started());
        writer.close();

        assertEquals(List.of("a"), sink.written);
        assertEquals(List.of("null"), sink.inherited);
        assertEquals(List.of("gatehouse-usage"), sink.closedOn.stream().map(Thread::getName).toList());
    }

    @Test
    void closeWhenNothingWasRecordedThenStartsNoThreadAndClosesTheSinkHere() {
        Lines sink = new Lines();
        AsyncWriter<String> writer = new AsyncWriter<>(sink, QueueSettings.DEFAULTS,
                new AsyncWriter.Reports("Usage", "records", Logger.getLogger(LOGGER), Duration.ofHours(1),
                        new MutableClock()));

        writer.close();
        writer.record("late");
        writer.close();

        assertFalse(writer.started(), "an application that never served a request leaves no thread behind");
        assertEquals(List.of(Thread.currentThread()), sink.closedOn);
        assertEquals(List.of(), sink.written);
        assertEquals(1, writer.dropped());
    }
}
