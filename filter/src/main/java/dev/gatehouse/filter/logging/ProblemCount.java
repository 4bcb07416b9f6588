package dev.gatehouse.filter.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one kind of {@link AsyncWriter} problem (dropped items, failed writes) and hands out, at most once per
 * interval, how many happened since the last report. The first problem is due at once. Thread-safe and lock-free.
 */
final class ProblemCount {

    /** What a report says: problems since the previous report, and since start. */
    record Tally(long sinceLastReport, long total) {
    }

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong reported = new AtomicLong();
    private final AtomicLong nextReportAt = new AtomicLong(Long.MIN_VALUE);
    private final Clock clock;
    private final long intervalMillis;

    ProblemCount(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    void add(long problems) {
        total.addAndGet(problems);
    }

    long total() {
        return total.get();
    }

    /** The tally when there is something unreported and no report was handed out this interval, else null. */
    Tally takeIfDue() {
        if (total.get() == reported.get()) {
            return null;
        }
        long now = clock.millis();
        long next = nextReportAt.get();
        if (now < next || !nextReportAt.compareAndSet(next, saturatedAdd(now, intervalMillis))) {
            return null;
        }
        return take();
    }

    /** The tally when there is something unreported, whether due or not, else null. */
    Tally takeRemaining() {
        Tally tally = take();
        return tally.sinceLastReport() == 0 ? null : tally;
    }

    private Tally take() {
        while (true) {
            long before = reported.get();
            long now = total.get();
            if (reported.compareAndSet(before, now)) {
                return new Tally(now - before, now);
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
