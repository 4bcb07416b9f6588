package dev.gatehouse.benchmarks.gateway;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind of call on one side, in nanoseconds, in an HdrHistogram (3 significant digits, up to a
 * minute). Not thread-safe: one per thread, {@link #add added} together afterwards.
 */
final class Latencies {

    /** The percentiles every table reports. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);

    void record(long nanos) {
        histogram.recordValue(Math.min(nanos, histogram.getHighestTrackableValue()));
    }

    void add(Latencies other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percentile}, in microseconds. */
    double micros(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double meanMicros() {
        return histogram.getMean() / 1000.0;
    }

    double maxMicros() {
        return histogram.getMaxValue() / 1000.0;
    }

    /** {@code | p50 | p90 | p99 | p99.9 |} cells in µs. */
    String cells() {
        StringBuilder cells = new StringBuilder();
        for (double p : PERCENTILES) {
            cells.append(String.format(Locale.ROOT, " %.0f |", micros(p)));
        }
        return cells.toString();
    }

    /** The difference of the percentiles ({@code this} minus {@code base}), not the percentiles of differences. */
    String differenceCells(Latencies base) {
        StringBuilder cells = new StringBuilder();
        for (double p : PERCENTILES) {
            cells.append(String.format(Locale.ROOT, " **%+.0f** |", micros(p) - base.micros(p)));
        }
        return cells.toString();
    }
}
