package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.gatehouse.filter.logging.AsyncAuditLog;
import dev.gatehouse.filter.logging.AuditEvent;
import dev.gatehouse.filter.logging.AuditFileSettings;
import dev.gatehouse.filter.logging.AuditJson;
import dev.gatehouse.filter.logging.AuditSettings;
import dev.gatehouse.filter.logging.FullQueuePolicy;
import dev.gatehouse.filter.logging.RotatingFileAuditSink;

/**
 * What one audit event costs: {@code format} times {@link AuditJson#format} on gateway-like events (the AI gateway's
 * extra fields included); {@code writer} records events at a steady pace from one thread, as sequential requests do,
 * into an {@link AsyncAuditLog} over the {@code file} sink, and prints the writer thread's CPU time per event, how
 * often it blocked (its voluntary context switches, Linux only: each is a wake-up someone paid for) and how long
 * {@code record()} took on the recording thread. Uses only API that predates batching, so the same class measures
 * the code before and after. Run (the class path of the benchmarks jar or of {@code filter/target/classes}):
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.AuditWriterBenchmark format 5
 * java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.AuditWriterBenchmark writer 100000 50
 * </pre>
 * ({@code format ROUNDS} of one million events; {@code writer EVENTS PACE_MICROS}, pace 0 records back to back.)
 */
public final class AuditWriterBenchmark {

    private static final String WRITER_THREAD = "gatehouse-audit";

    private AuditWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "writer";
        if (mode.equals("format")) {
            format(args.length > 1 ? Integer.parseInt(args[1]) : 5);
        } else {
            writer(args.length > 1 ? Integer.parseInt(args[1]) : 100_000,
                    args.length > 2 ? Long.parseLong(args[2]) : 50);
        }
    }

    /** A gateway call's event at {@code at}: every core field and the AI gateway's extras. */
    static AuditEvent gatewayEvent(Instant at, int n) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ai_alias", "chat");
        extra.put("ai_stream", false);
        extra.put("ai_provider", "openai");
        extra.put("ai_model", "gpt-4o-mini");
        extra.put("ai_tokens_in", 1000L + n % 100);
        extra.put("ai_tokens_out", 500L);
        extra.put("ai_tokens_cached", 0L);
        extra.put("ai_usage_reported", true);
        extra.put("ai_cost", new BigDecimal("0.000450"));
        extra.put("ai_end", "complete");
        extra.put("ai_attempts", List.of("openai/gpt-4o-mini ok"));
        return new AuditEvent(at, "4bf92f3577b34da6a3ce929d0e0e" + (1000 + n % 9000), "POST", "/v1/chat/completions",
                200, Duration.ofNanos(1_274_000 + n % 1000), AuditEvent.Outcome.AUTHN_OK, null, "authenticated",
                "alice", "https://idp.example.com/realms/main", "mobile-app", "t-" + n, "198.51.100.7", extra);
    }

    private static void format(int rounds) {
        int ring = 4096;
        AuditEvent[] events = new AuditEvent[ring];
        Instant start = Instant.parse("2026-11-30T10:15:30.123456789Z");
        for (int i = 0; i < ring; i++) {
            events[i] = gatewayEvent(start.plusNanos(37_123L * i), i); // about 27 events per millisecond
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long began = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 1_000_000; i++) {
                sink += AuditJson.format(events[i & (ring - 1)]).length();
            }
            long took = System.nanoTime() - began;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf("format round %d: %.1f ns/event CPU (%.1f wall)%n", round, cpu / 1e6, took / 1e6);
        }
        System.out.println("(chars written: " + sink + ")");
    }

    private static void writer(int events, long paceMicros) throws Exception {
        Path dir = Files.createTempDirectory("audit-bench");
        Path file = dir.resolve("audit.log");
        AuditSettings settings = new AuditSettings(true, "file", 8192, FullQueuePolicy.BLOCK, Duration.ofMillis(50),
                new AuditFileSettings(file, 1L << 40, 2));
        AsyncAuditLog log = new AsyncAuditLog(new RotatingFileAuditSink(settings.file()), settings);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long writerId = writerThreadId();
        String writerTask = writerTask();
        long[] recordNanos = new long[events];
        long paceNanos = paceMicros * 1000;
        for (int warm = 0; warm < Math.min(events, 20_000); warm++) {
            log.record(gatewayEvent(Instant.now(), warm));
            pause(paceNanos);
        }
        Thread.sleep(200);
        long cpuBefore = threads.getThreadCpuTime(writerId);
        long switchesBefore = voluntarySwitches(writerTask);
        long producerCpuBefore = threads.getCurrentThreadCpuTime();
        long began = System.nanoTime();
        for (int n = 0; n < events; n++) {
            AuditEvent event = gatewayEvent(Instant.now(), n);
            long t0 = System.nanoTime();
            log.record(event);
            recordNanos[n] = System.nanoTime() - t0;
            pause(paceNanos);
        }
        long recordingNanos = System.nanoTime() - began;
        long producerCpu = threads.getCurrentThreadCpuTime() - producerCpuBefore;
        Thread.sleep(200); // the writer catches up (at most a linger) before its CPU is read
        long writerCpu = threads.getThreadCpuTime(writerId) - cpuBefore;
        long switches = voluntarySwitches(writerTask) - switchesBefore;
        log.close();
        Arrays.sort(recordNanos);
        long sum = Arrays.stream(recordNanos).sum();
        System.out.printf("events %d at one per %d us over %.2f s; dropped %d, failed %d%n", events, paceMicros,
                recordingNanos / 1e9, log.dropped(), log.failedWrites());
        System.out.printf("writer thread: %.2f us CPU per event, %d voluntary context switches (%.3f per event)%n",
                writerCpu / 1e3 / events, switches, (double) switches / events);
        System.out.printf("record(): mean %.2f us, p50 %.2f us, p99 %.2f us, p99.9 %.2f us (wall, recording thread)%n",
                sum / 1e3 / events, recordNanos[events / 2] / 1e3, recordNanos[(int) (events * 0.99)] / 1e3,
                recordNanos[(int) (events * 0.999)] / 1e3);
        System.out.printf("recording thread: %.2f us CPU per event (event creation, record, pacing)%n",
                producerCpu / 1e3 / events);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path each : files) {
                Files.delete(each);
            }
        }
        Files.delete(dir);
    }

    private static void pause(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }

    private static long writerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(WRITER_THREAD))
                .findFirst().orElseThrow().getId();
    }

    /** The writer's {@code /proc/self/task} entry (the kernel name is the thread name cut to 15 chars), or null. */
    private static String writerTask() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(tasks)) {
            for (Path id : ids) {
                if (Files.readString(id.resolve("comm")).strip().equals(WRITER_THREAD)) {
                    return id.toString();
                }
            }
        }
        return null;
    }

    private static long voluntarySwitches(String task) throws IOException {
        if (task == null) {
            return -1;
        }
        for (String line : Files.readAllLines(Path.of(task, "status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return -1;
    }
}
