package dev.gatehouse.benchmarks.gateway;

import java.io.IOException;

/**
 * Sequential latency of one client against two endpoints, interleaved call by call in rounds of A B B A, so both
 * sides see the same machine load, the same JIT state and the same garbage collections (the machine has 2 cores that
 * other sessions share). The same pattern as {@code PairedCheck}, with single calls instead of blocks.
 */
final class PairedLatency {

    /**
     * Latencies of both sides; for streams also to the first {@code data:} line. {@code warmup}: unrecorded calls per
     * side before them; {@code gc} and {@code jit}: the collections and compilation while they were measured.
     */
    record Result(Latencies direct, Latencies gateway, Latencies directFirst, Latencies gatewayFirst,
            int warmup, GcActivity gc, JitActivity jit) {
    }

    /** Calls per side of one block of the extended warm-up. */
    private static final int QUIET_BLOCK = 1000;
    /** The JIT is quiet when it compiled for less than this share of each of two blocks in a row. */
    private static final double QUIET_SHARE = 0.01;

    @FunctionalInterface
    private interface Call {
        void run(Endpoint endpoint, int i, Latencies total, Latencies first) throws IOException, InterruptedException;
    }

    private final ChatClient calls;

    PairedLatency(ChatClient calls) {
        this.calls = calls;
    }

    /** {@code warmup} unrecorded calls per side, then {@code samples} recorded ones, blocking. */
    Result blocking(Endpoint direct, Endpoint gateway, int warmup, int samples) throws Exception {
        return run(direct, gateway, warmup, samples, (endpoint, i, total, first) -> total.record(
                calls.blocking(endpoint, i)));
    }

    /** The same, streamed: total time and time to the first {@code data:} line. */
    Result streaming(Endpoint direct, Endpoint gateway, int warmup, int samples) throws Exception {
        return run(direct, gateway, warmup, samples, (endpoint, i, total, first) -> {
            ChatClient.StreamTimes times = calls.stream(endpoint, i);
            total.record(times.total());
            first.record(times.firstData());
        });
    }

    /**
     * {@code warmup} calls per side, then blocks of {@link #QUIET_BLOCK} more until the JIT compilers are quiet in two
     * blocks in a row (the
     * gateway's code paths — Tomcat, the filter, jose4j, the JDK's HTTP client — are still being compiled and
     * recompiled well after 10 000 calls, and on 2 cores each compilation takes a core from the calls), at most
     * {@code 3 * warmup} more; then {@code samples} recorded calls per side.
     */
    private static Result run(Endpoint a, Endpoint b, int warmup, int samples, Call call) throws Exception {
        rounds(a, b, warmup, call, new Latencies(), new Latencies(), new Latencies(), new Latencies());
        int warmed = warmup;
        int quiet = 0;
        while (quiet < 2 && warmed < 4 * warmup) {
            JitActivity jit = JitActivity.start();
            long start = System.nanoTime();
            rounds(a, b, QUIET_BLOCK, call, new Latencies(), new Latencies(), new Latencies(), new Latencies());
            warmed += QUIET_BLOCK;
            quiet = jit.stop().millis() * 1e6 < QUIET_SHARE * (System.nanoTime() - start) ? quiet + 1 : 0;
        }
        Latencies aTotal = new Latencies();
        Latencies bTotal = new Latencies();
        Latencies aFirst = new Latencies();
        Latencies bFirst = new Latencies();
        GcActivity gc = GcActivity.start();
        JitActivity jit = JitActivity.start();
        rounds(a, b, samples, call, aTotal, bTotal, aFirst, bFirst);
        return new Result(aTotal, bTotal, aFirst, bFirst, warmed, gc.stop(), jit.stop());
    }

    /** {@code perSide} calls per side, as A B B A rounds. */
    private static void rounds(Endpoint a, Endpoint b, int perSide, Call call, Latencies aTotal, Latencies bTotal,
            Latencies aFirst, Latencies bFirst) throws Exception {
        for (int i = 0; i < perSide; i += 2) {
            call.run(a, i, aTotal, aFirst);
            call.run(b, i, bTotal, bFirst);
            call.run(b, i + 1, bTotal, bFirst);
            call.run(a, i + 1, aTotal, aFirst);
        }
    }
}
