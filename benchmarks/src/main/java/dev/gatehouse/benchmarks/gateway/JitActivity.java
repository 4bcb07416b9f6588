package dev.gatehouse.benchmarks.gateway;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Time the JIT compilers spent over a phase (summed over the compiler threads, as {@link CompilationMXBean} counts
 * it). On 2 cores a compiler thread at work takes a core from the calls being measured, so a latency phase should
 * start once compilation has died down, and report what was left.
 */
record JitActivity(long millis) {

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    /** A running count, to {@link #stop()} at the end of the phase. */
    static JitActivity start() {
        return new JitActivity(now());
    }

    /** The compilation time since {@code this} was started. */
    JitActivity stop() {
        return new JitActivity(now() - millis);
    }

    private static long now() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
                ? COMPILER.getTotalCompilationTime() : 0;
    }

    @Override
    public String toString() {
        return millis + " ms of JIT compilation";
    }
}
