package dev.gatehouse.benchmarks.gateway;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prints {@link GatewayOverhead}'s results as Markdown, in µs: percentiles of each side, the difference of the
 * percentiles (gateway minus direct, percentile by percentile — not a percentile of per-call differences), and the
 * machine's state around the run (load average; CPU used by other processes, from {@code /proc/stat}).
 */
final class Report {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String PERCENTILE_HEADER = "| p50 | p90 | p99 | p99.9 |";
    private static final String PERCENTILE_RULE = "---:|---:|---:|---:|";

    private final PrintStream out;
    private final Map<String, PairedLatency.Result> blocking = new HashMap<>();
    private long[] cpuAtStart;
    private long processCpuAtStart;
    private boolean throughputHeader;

    Report(PrintStream out) {
        this.out = out;
    }

    /**
     * Load average, cores, JVM, a {@link HandoffProbe thread handoff}'s round trip; after the first call also how busy
     * the cores were since then, and with what: this JVM, other processes, interrupts, the hypervisor.
     */
    void machine(String when) throws InterruptedException {
        out.printf(Locale.ROOT, "%nMachine %s: load average %s; %d cores; %s %s%n", when,
                GatewayOverhead.firstLine(Path.of("/proc/loadavg")), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        Latencies handoff = HandoffProbe.measure(20_000);
        out.printf(Locale.ROOT, "Thread handoff round trip (µs): p50 %.0f, p90 %.0f, p99 %.0f, p99.9 %.0f%n",
                handoff.micros(50), handoff.micros(90), handoff.micros(99), handoff.micros(99.9));
        long[] cpu = cpuJiffies();
        long process = OS.getProcessCpuTime();
        if (cpuAtStart == null) {
            cpuAtStart = cpu;
            processCpuAtStart = process;
        } else if (cpu != null && cpuAtStart != null) {
            // /proc/stat counts in 1/100 s (USER_HZ), summed over all cores
            double total = cpu[TOTAL] - cpuAtStart[TOTAL];
            double tasks = (cpu[TASKS] - cpuAtStart[TASKS]) / total;
            double ours = (process - processCpuAtStart) / 1e7 / total;
            out.printf(Locale.ROOT, "CPU busy during the run: %.0f%% of all cores: this JVM %.0f%%, other processes "
                    + "%.0f%%, interrupts (loopback network included) %.0f%%, stolen by the hypervisor %.1f%%%n",
                    100 * (tasks + share(cpu, IRQ, total) + share(cpu, STEAL, total)), 100 * ours,
                    100 * Math.max(0, tasks - ours), 100 * share(cpu, IRQ, total), 100 * share(cpu, STEAL, total));
        }
    }

    private double share(long[] cpu, int field, double total) {
        return (cpu[field] - cpuAtStart[field]) / total;
    }

    void client(String client) {
        out.printf(Locale.ROOT, "Load generator: %s%n", client.equals("jdk")
                ? "the JDK's HttpClient (HTTP/1.1, keep-alive; its selector thread reads the answers)"
                : "a blocking socket per thread and endpoint (HTTP/1.1, keep-alive, TCP_NODELAY; read on the calling "
                        + "thread)");
    }

    void checked(Endpoint endpoint, int events) {
        out.printf(Locale.ROOT, "checked %s: the fake's answer, blocking and as %d data: events%n", endpoint, events);
    }

    /** The sequential single-client tables of one gateway, named by {@code label}. */
    void latency(String label, PairedLatency.Result blockingCalls, PairedLatency.Result streamedCalls) {
        blocking.put(label, blockingCalls);
        out.printf(Locale.ROOT, "%n### One client, sequential, gateway accepting %s (µs)%n%n", label);
        out.println("| call | side | samples " + PERCENTILE_HEADER + " mean | max |");
        out.println("|---|---|---:|" + PERCENTILE_RULE + "---:|---:|");
        rows("blocking", blockingCalls.direct(), blockingCalls.gateway());
        rows("stream, first data: line", streamedCalls.directFirst(), streamedCalls.gatewayFirst());
        rows("stream, to [DONE]", streamedCalls.direct(), streamedCalls.gateway());
        out.printf(Locale.ROOT, "%nWarm-up (calls per side, until the JIT was quiet): blocking %d, streamed %d%n",
                blockingCalls.warmup(), streamedCalls.warmup());
        out.printf(Locale.ROOT, "While measuring: blocking %s and %s, streamed %s and %s%n", blockingCalls.gc(),
                blockingCalls.jit(), streamedCalls.gc(), streamedCalls.jit());
    }

    private void rows(String call, Latencies direct, Latencies gateway) {
        out.printf(Locale.ROOT, "| %s | direct | %d |%s %.0f | %.0f |%n", call, direct.count(), direct.cells(),
                direct.meanMicros(), direct.maxMicros());
        out.printf(Locale.ROOT, "| %s | gateway | %d |%s %.0f | %.0f |%n", call, gateway.count(), gateway.cells(),
                gateway.meanMicros(), gateway.maxMicros());
        out.printf(Locale.ROOT, "| %s | **added** (difference of percentiles) | |%s %+.0f | |%n", call,
                gateway.differenceCells(direct), gateway.meanMicros() - direct.meanMicros());
    }

    /**
     * Token validation alone, by gateway label (in the map's order), and its share of the p50 that gateway adds to a
     * blocking call.
     */
    void tokens(Map<String, Latencies> byGateway) {
        out.printf(Locale.ROOT, "%n### Token validation alone, one thread (µs)%n%n");
        out.println("| gateway | samples " + PERCENTILE_HEADER + " share of the added blocking p50 |");
        out.println("|---|---:|" + PERCENTILE_RULE + "---:|");
        byGateway.forEach((label, tokens) -> {
            PairedLatency.Result calls = blocking.get(label);
            double added = calls.gateway().micros(50) - calls.direct().micros(50);
            out.printf(Locale.ROOT, "| %s | %d |%s %.0f%% |%n", label, tokens.count(), tokens.cells(),
                    100 * tokens.micros(50) / added);
        });
    }

    /** One row pair of the throughput table (header before the first). */
    void throughput(String label, LoadRun.Result result) {
        if (!throughputHeader) {
            throughputHeader = true;
            out.printf(Locale.ROOT, "%n### Throughput, closed loop, gateway accepting %s%n%n", label);
            out.println("| clients | side | requests | failed | req/s | p50 µs | p99 µs | JVM CPU µs/request | GC |");
            out.println("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        }
        for (String side : List.of("direct", "gateway")) {
            LoadRun.Side s = side.equals("direct") ? result.direct() : result.gateway();
            out.printf(Locale.ROOT, "| %d | %s | %d | %d | %.0f | %.0f | %.0f | %.0f | %s |%n", result.clients(), side,
                    s.requests, s.failed, s.perSecond(), s.latencies.micros(50), s.latencies.micros(99),
                    s.cpuMicrosPerRequest(), side.equals("direct") ? "" : result.gc().toString());
        }
    }

    /**
     * Where the CPU time per request goes, by groups of threads, user + system time, gateway blocks against direct
     * blocks of the throughput run at {@code clients}.
     */
    void cpuSplit(LoadRun.Result result) {
        out.printf(Locale.ROOT, "%nCPU per request by thread group, %d client(s), µs (user + system):%n%n",
                result.clients());
        out.println("| thread group | direct | gateway | gateway − direct |");
        out.println("|---|---:|---:|---:|");
        ThreadCpu.Split direct = result.direct().threads;
        ThreadCpu.Split gateway = result.gateway().threads;
        Set<String> groups = new TreeSet<>(gateway.user().keySet());
        groups.addAll(direct.user().keySet());
        double directTotal = 0;
        double gatewayTotal = 0;
        for (String group : groups) {
            double[] d = perRequest(direct, group, result.direct().requests);
            double[] g = perRequest(gateway, group, result.gateway().requests);
            directTotal += d[0] + d[1];
            gatewayTotal += g[0] + g[1];
            out.printf(Locale.ROOT, "| %s | %.0f + %.0f | %.0f + %.0f | %+.0f |%n", group, d[0], d[1], g[0], g[1],
                    g[0] + g[1] - d[0] - d[1]);
        }
        out.printf(Locale.ROOT, "| all | %.0f | %.0f | **%+.0f** |%n", directTotal, gatewayTotal,
                gatewayTotal - directTotal);
    }

    private static double[] perRequest(ThreadCpu.Split split, String group, long requests) {
        return new double[] {split.user().getOrDefault(group, 0L) / (double) requests,
                split.system().getOrDefault(group, 0L) / (double) requests};
    }

    /** Live threads by name (without trailing numbers): the fake's pool, Tomcat's workers, the HTTP clients'. */
    void threads() {
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            byName.merge(thread.getName().replaceAll("[-\\d]+$", ""), 1, Integer::sum);
        }
        out.printf(Locale.ROOT, "%nLive threads at the end: %s%n", byName);
    }

    private static final int TOTAL = 0;
    private static final int TASKS = 1;
    private static final int IRQ = 2;
    private static final int STEAL = 3;

    /**
     * From the first line of {@code /proc/stat} (user nice system idle iowait irq softirq steal ...): all time, time
     * running tasks (user, nice, system), in interrupts (irq, softirq), stolen; {@code null} off Linux.
     */
    private static long[] cpuJiffies() {
        String line = GatewayOverhead.firstLine(Path.of("/proc/stat"));
        if (!line.startsWith("cpu ")) {
            return null;
        }
        String[] text = line.trim().split("\\s+");
        long[] fields = new long[11];
        for (int i = 1; i < Math.min(text.length, fields.length); i++) {
            fields[i] = Long.parseLong(text[i]);
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) { // guest time is counted in user time already
            total += fields[i];
        }
        return new long[] {total, fields[1] + fields[2] + fields[3], fields[6] + fields[7], fields[8]};
    }
}
