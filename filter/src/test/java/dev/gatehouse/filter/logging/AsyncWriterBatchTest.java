package dev.gatehouse.filter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.gatehouse.filter.testing.MutableClock;

/**
 * The writer takes what is queued as one batch, lingers after it without being woken by each item, and is woken early
 * when the queue is half full or the writer closes. The linger is an hour here, so only an early wake-up can end it:
 * a test that passes did not wait for a timer. Failures stay counted per item.
 */
@Timeout(20)
class AsyncWriterBatchTest {

    private static final String LOGGER = AsyncWriterBatchTest.class.getName();
    private static final Duration HOUR = Duration.ofHours(1);

    private final CapturingHandler warnings = CapturingHandler.on(LOGGER);

    @AfterEach
    void detach() {
        warnings.close();
    }

    /** Keeps each batch as it came; the first batch waits for {@link #release()} when made {@link #holding()}. */
    private static final class Batches implements QueueSink<String> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private volatile boolean holding;
        private volatile int failFirst;

        Batches holding() {
            holding = true;
            return this;
        }

        /** Reports the first {@code items} of each batch as failed, then throws for the rest of it. */
        Batches failingFirstThenThrowing(int items) {
            failFirst = items;
            return this;
        }

        void release() {
            gate.countDown();
        }

        List<String> written() {
            return batches.stream().flatMap(List::stream).toList();
        }

        @Override
        public String name() {
            return "batches";
        }

        @Override
        public void write(String item) {
            throw new AssertionError("the writer hands batches");
        }

        @Override
        public void writeBatch(List<? extends String> items, Failures failures) {
            batches.add(List.copyOf(items));
            first.countDown();
            if (holding) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failFirst > 0) {
                failures.count(Math.min(failFirst, items.size()), new IOException("secret " + items.get(0)));
                throw new IllegalStateException("secret");
            }
        }
    }

    private static QueueSettings dropping(int capacity) {
        return new QueueSettings(capacity, FullQueuePolicy.DROP, Duration.ZERO);
    }

    /** A writer over {@code sink} that has taken its first batch, r-1: it lingers now, or the sink holds it. */
    private static AsyncWriter<String> afterFirstBatch(Batches sink, QueueSettings queue) throws InterruptedException {
        AsyncWriter<String> writer = new AsyncWriter<>(sink, queue, new AsyncWriter.Reports("Usage", "records",
                Logger.getLogger(LOGGER), Duration.ofHours(1), new MutableClock()), AsyncWriter.CLOSE_TIMEOUT, HOUR);
        writer.record("r-1");
        assertTrue(sink.first.await(5, TimeUnit.SECONDS));
        return writer;
    }

    private static List<String> items(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "r-" + n).toList();
    }

    @Test
    void recordWhileWriterLingersThenNoItemWakesItAndAllAreWrittenAsOneBatch() throws InterruptedException {
        Batches sink = new Batches();
        AsyncWriter<String> writer = afterFirstBatch(sink, dropping(1000));

        items(2, 200).forEach(writer::record); // below half the capacity: the writer lingers on
        writer.close();

        assertEquals(List.of(List.of("r-1"), items(2, 200)), sink.batches, "one batch for 199 records");
        assertEquals(0, writer.dropped());
    }

    @Test
    void recordWhenQueueHalfFullWhileWriterLingersThenWakesItSoThatABurstLosesNothing() throws InterruptedException {
        Batches sink = new Batches();
        AsyncWriter<String> writer = afterFirstBatch(sink,
                new QueueSettings(8, FullQueuePolicy.BLOCK, QueueSettings.MAX_BLOCK_TIMEOUT));

        items(2, 200).forEach(writer::record);

        assertEquals(0, writer.dropped(), "no record waited out the block timeout");
        writer.close();
        assertEquals(items(1, 200), sink.written());
    }

    @Test
    void closeWhileWriterLingersThenWritesEverythingQueuedAtOnce() throws InterruptedException {
        Batches sink = new Batches();
        AsyncWriter<String> writer = afterFirstBatch(sink, dropping(16));
        items(2, 5).forEach(writer::record);

        writer.close();

        assertEquals(List.of(List.of("r-1"), items(2, 5)), sink.batches);
        assertEquals(0, writer.dropped());
        assertEquals(List.of(), warnings.messages(Level.WARNING));
    }

    @Test
    void recordWhileWriterWritesThenEverythingQueuedMeanwhileIsTheNextBatch() throws InterruptedException {
        Batches sink = new Batches().holding();
        AsyncWriter<String> writer = afterFirstBatch(sink, dropping(1000));

        items(2, 300).forEach(writer::record);
        sink.release();
        writer.close();

        List<List<String>> expected = new ArrayList<>(List.of(List.of("r-1")));
        expected.add(items(2, 1 + BatchingQueue.MAX_BATCH)); // at most MAX_BATCH at once
        expected.add(items(2 + BatchingQueue.MAX_BATCH, 300));
        assertEquals(expected, sink.batches);
    }

    @Test
    void writeBatchWhenSinkReportsSomeItemsAndThrowsThenEveryItemOfTheBatchCountsOnce() throws InterruptedException {
        Batches sink = new Batches().holding().failingFirstThenThrowing(2);
        AsyncWriter<String> writer = afterFirstBatch(sink, dropping(16));
        items(2, 6).forEach(writer::record);

        sink.release();
        writer.close();

        assertEquals(List.of(List.of("r-1"), items(2, 6)), sink.batches);
        assertEquals(1 + 5, writer.failedWrites());
        assertEquals(List.of("Usage sink 'batches' failed to write 1 records since the last report, 1 in total;"
                + " last failure: java.io.IOException",
                "Usage sink 'batches' failed to write 5 records since the last report, 6 in total;"
                        + " last failure: java.lang.IllegalStateException"), warnings.messages(Level.WARNING));
    }
}
