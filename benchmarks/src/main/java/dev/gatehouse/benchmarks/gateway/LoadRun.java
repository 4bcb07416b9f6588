package dev.gatehouse.benchmarks.gateway;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Throughput: {@code clients} threads, each calling blocking as fast as it is answered (a closed loop), for fixed
 * blocks of time, alternating the direct side and the gateway in A B B A rounds. Besides requests per second and the
 * latencies at that load, it reports the CPU time of the whole JVM per request (client, Tomcat, gateway and fake
 * together), which other processes on the machine hardly change, and its split by groups of threads.
 */
final class LoadRun {

    /** One side's totals over its blocks. */
    static final class Side {
        final Latencies latencies = new Latencies();
        final ThreadCpu.Split threads = ThreadCpu.empty();
        long requests;
        /** Calls that ended in an I/O error (a keep-alive connection the server closed as the request went out). */
        long failed;
        long nanos;
        long cpuNanos;

        double perSecond() {
            return requests / (nanos / 1e9);
        }

        double cpuMicrosPerRequest() {
            return cpuNanos / 1000.0 / requests;
        }
    }

    /** Both sides at one number of clients. */
    record Result(int clients, Side direct, Side gateway, GcActivity gc) {
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final ChatClient calls;
    private final Function<String, String> threadGroups;

    /** @param threadGroups names the group of a thread (by its kernel name) in the CPU breakdown */
    LoadRun(ChatClient calls, Function<String, String> threadGroups) {
        this.calls = calls;
        this.threadGroups = threadGroups;
    }

    /** One unrecorded block per side, then {@code rounds} rounds of A B B A blocks of {@code block} each. */
    Result run(Endpoint direct, Endpoint gateway, int clients, Duration block, int rounds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            block(threads, clients, direct, block, new Side());
            block(threads, clients, gateway, block, new Side());
            Side a = new Side();
            Side b = new Side();
            GcActivity gc = GcActivity.start();
            for (int r = 0; r < rounds; r++) {
                block(threads, clients, direct, block, a);
                block(threads, clients, gateway, block, b);
                block(threads, clients, gateway, block, b);
                block(threads, clients, direct, block, a);
            }
            return new Result(clients, a, b, gc.stop());
        } finally {
            threads.shutdownNow();
        }
    }

    private void block(ExecutorService threads, int clients, Endpoint endpoint, Duration length, Side side)
            throws Exception {
        ThreadCpu threads0 = ThreadCpu.now(threadGroups);
        long cpu0 = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<Latencies>> done = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(threads.submit(() -> {
                Latencies latencies = new Latencies();
                for (int i = client; System.nanoTime() < end; i += clients) {
                    try {
                        latencies.record(calls.blocking(endpoint, i));
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet(); // counted and reported, as wrk counts socket errors
                    }
                }
                return latencies;
            }));
        }
        for (Future<Latencies> client : done) {
            Latencies latencies = client.get();
            side.latencies.add(latencies);
            side.requests += latencies.count();
        }
        side.failed += failed.get();
        side.nanos += System.nanoTime() - start;
        side.cpuNanos += OS.getProcessCpuTime() - cpu0;
        ThreadCpu.now(threadGroups).since(threads0).addTo(side.threads);
    }
}
