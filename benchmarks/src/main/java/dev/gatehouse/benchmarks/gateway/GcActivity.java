package dev.gatehouse.benchmarks.gateway;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** Garbage collections of this JVM (all collectors together) over a phase: their number and their total time. */
record GcActivity(long collections, long millis) {

    /** A running count, to {@link #stop()} at the end of the phase. */
    static GcActivity start() {
        return now();
    }

    /** The collections since {@code this} was started. */
    GcActivity stop() {
        GcActivity end = now();
        return new GcActivity(end.collections - collections, end.millis - millis);
    }

    private static GcActivity now() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            count += Math.max(0, collector.getCollectionCount());
            time += Math.max(0, collector.getCollectionTime());
        }
        return new GcActivity(count, time);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d GCs, %d ms", collections, millis);
    }
}
