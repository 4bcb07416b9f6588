package dev.gatehouse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A cross-check of {@link TokenValidationBenchmark} for shared machines; not a JMH benchmark. JMH measures
 * {@code gatehouse} and {@code plainJose4j} in separate forks a minute apart, so when other processes come and go
 * the two see different machine load and their ratio is noise. This runs both in one JVM on the same state, in
 * alternating short blocks (A B B A per round), so both sides see the same load, and reports the median and quartiles
 * of the per-round ratio (plain time per validation / Gatehouse time per validation, i.e. Gatehouse's relative
 * throughput) for wall-clock and for thread CPU time. One JVM for both sides means JIT profiles are shared; prefer JMH
 * on a quiet machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.PairedCheck [rounds] [suite ...]</pre>
 */
public final class PairedCheck {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long WARMUP_NANOS = 10_000_000_000L;
    private static final long BLOCK_NANOS = 100_000_000L;

    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile Object sink;

    private PairedCheck() {
    }

    @FunctionalInterface
    private interface Validation {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        List<String> suites = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("RSA-OAEP-256/A256GCM/RS256", "ECDH-ES+A256KW/A256GCM/ES256", "dir/A256GCM/RS256");
        System.out.println("| suite | rounds | Gatehouse / plain, wall: median [quartiles] | "
                + "Gatehouse / plain, CPU: median [quartiles] | CPU µs/op Gatehouse | CPU µs/op plain |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String suite : suites) {
            System.out.println(check(suite, rounds));
        }
    }

    private static String check(String suite, int rounds) throws Exception {
        TokenValidationBenchmark state = new TokenValidationBenchmark();
        state.suite = suite;
        state.setUp();
        try {
            TokenValidationBenchmark.CpuTime counters = new TokenValidationBenchmark.CpuTime();
            Validation gatehouse = () -> state.gatehouse(counters);
            Validation plain = () -> state.plainJose4j(counters);
            for (long end = System.nanoTime() + WARMUP_NANOS; System.nanoTime() < end; ) {
                block(gatehouse);
                block(plain);
            }
            double[] wall = new double[rounds];
            double[] cpu = new double[rounds];
            double gatehouseCpu = 0;
            double plainCpu = 0;
            long gatehouseCalls = 0;
            long plainCalls = 0;
            for (int r = 0; r < rounds; r++) {
                long[] g1 = block(gatehouse);
                long[] p1 = block(plain);
                long[] p2 = block(plain);
                long[] g2 = block(gatehouse);
                long gCalls = g1[2] + g2[2];
                long pCalls = p1[2] + p2[2];
                wall[r] = ((double) (p1[0] + p2[0]) / pCalls) / ((double) (g1[0] + g2[0]) / gCalls);
                cpu[r] = ((double) (p1[1] + p2[1]) / pCalls) / ((double) (g1[1] + g2[1]) / gCalls);
                gatehouseCpu += g1[1] + g2[1];
                plainCpu += p1[1] + p2[1];
                gatehouseCalls += gCalls;
                plainCalls += pCalls;
            }
            return String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f |", suite, rounds, quartiles(wall),
                    quartiles(cpu), gatehouseCpu / gatehouseCalls / 1000, plainCpu / plainCalls / 1000);
        } finally {
            state.tearDown();
        }
    }

    /** Runs {@code validation} for one block: {wall nanos, thread CPU nanos, calls}. */
    private static long[] block(Validation validation) throws Exception {
        long wall0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        Object last = null;
        do {
            last = validation.run();
            calls++;
        } while (System.nanoTime() - wall0 < BLOCK_NANOS);
        sink = last;
        return new long[] {System.nanoTime() - wall0, THREADS.getCurrentThreadCpuTime() - cpu0, calls};
    }

    private static String quartiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format(Locale.ROOT, "**%.3f** [%.3f – %.3f]", sorted[n / 2], sorted[n / 4], sorted[(3 * n) / 4]);
    }
}
