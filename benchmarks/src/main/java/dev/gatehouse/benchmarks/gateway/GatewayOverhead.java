package dev.gatehouse.benchmarks.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.filter.config.FallbackConfigReader;
import dev.gatehouse.filter.config.SettingsLoader;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.TokenValidator;

/**
 * The latency the AI gateway adds over calling the provider directly, and its throughput, on this machine (issue #6;
 * see BENCHMARKS.md, "AI gateway overhead"). Not a JMH benchmark: one JVM holds the client, a {@code FakeOpenAi}
 * provider and two Gatehouse gateways (embedded Tomcat) in front of it — one accepting the cheapest token suite
 * ({@code dir/A256GCM/RS256}: AES-GCM decryption and an RS256 verification), one the default
 * ({@code RSA-OAEP-256/A256GCM/RS256}: an RSA-2048 decryption besides) — and interleaves direct and gateway calls
 * (see {@link PairedLatency}, {@link LoadRun}). Prints Markdown tables.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.gateway.GatewayOverhead [name=value ...]</pre>
 *
 * Options (defaults in brackets): {@code samples} recorded calls per side and kind with the cheap suite [30000],
 * {@code default-samples} the same with the default suite [5000], {@code warmup} unrecorded calls per side and kind
 * first [10000; a fifth of it for the default suite], {@code clients} concurrent clients of the throughput runs
 * [1,4,16], {@code block-seconds} length of one throughput block [2], {@code rounds} A B B A rounds of blocks [3].
 */
public final class GatewayOverhead {

    static final String CHEAP = "dir/A256GCM/RS256";
    static final String DEFAULT = "RSA-OAEP-256/A256GCM/RS256";
    private static final Pattern HTTP_CLIENT_THREAD = Pattern.compile("HttpClient-(\\d+)-");

    private GatewayOverhead() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server (the fake) leaves Nagle's algorithm on unless told; with it, its separate writes of
        // headers and body wait for the client's delayed ACK: 44 ms per call here. Real providers' servers set
        // TCP_NODELAY, as Tomcat and the JDK's client do. Must be set before the server class is loaded.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> options = options(args);
        int samples = Integer.parseInt(options.getOrDefault("samples", "30000"));
        int defaultSamples = Integer.parseInt(options.getOrDefault("default-samples", "5000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10000"));
        int[] clients = Arrays.stream(options.getOrDefault("clients", "1,4,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration block = Duration.ofSeconds(Long.parseLong(options.getOrDefault("block-seconds", "2")));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        Report report = new Report(System.out);
        report.machine("before");
        Instant started = Instant.now();
        try (GatewayRig rig = GatewayRig.start(List.of(CHEAP, DEFAULT))) {
            Set<String> gatewayClients = httpClientIds(); // each gateway's, created when it deployed
            ChatCalls calls = new ChatCalls();
            for (Endpoint endpoint : List.of(rig.direct(), rig.gateway(CHEAP), rig.gateway(DEFAULT))) {
                report.checked(endpoint, calls.check(endpoint));
            }
            PairedLatency paired = new PairedLatency(calls);
            Endpoint direct = rig.direct();
            Endpoint cheap = rig.gateway(CHEAP);
            Endpoint standard = rig.gateway(DEFAULT);
            report.latency(CHEAP, paired.blocking(direct, cheap, warmup, samples),
                    paired.streaming(direct, cheap, warmup, samples));
            report.latency(DEFAULT, paired.blocking(direct, standard, warmup / 5, defaultSamples),
                    paired.streaming(direct, standard, warmup / 5, defaultSamples));
            report.tokens(Map.of(CHEAP, validation(rig, CHEAP, samples), DEFAULT,
                    validation(rig, DEFAULT, defaultSamples)), List.of(CHEAP, DEFAULT));
            LoadRun load = new LoadRun(calls, name -> threadGroup(name, gatewayClients));
            List<LoadRun.Result> loads = new ArrayList<>();
            for (int c : clients) {
                loads.add(load.run(direct, cheap, c, block, rounds));
            }
            loads.forEach(result -> report.throughput(CHEAP, result));
            loads.forEach(report::cpuSplit);
            report.threads();
        }
        report.machine("after (" + Duration.between(started, Instant.now()).toSeconds() + " s)");
    }

    /**
     * The filter's token validation alone, as the gateway for {@code suite} runs it on every request (the same
     * properties, key files and tokens), timed call by call.
     */
    private static Latencies validation(GatewayRig rig, String suite, int samples) throws Exception {
        TokenValidator validator = Jose4jTokenValidator.create(
                new SettingsLoader(FallbackConfigReader.of(rig.filterProperties(suite), Map.of())).load(),
                GatewayOverhead.class.getClassLoader(), Clock.systemUTC());
        String[] tokens = rig.tokens(suite);
        Latencies latencies = new Latencies();
        for (int i = -samples / 5; i < samples; i++) {
            long start = System.nanoTime();
            validator.validate(tokens[Math.floorMod(i, tokens.length)]);
            if (i >= 0) {
                latencies.record(System.nanoTime() - start);
            }
        }
        return latencies;
    }

    /** The ids {@code N} of the JDK HTTP clients alive now (their selector threads are named HttpClient-N-...). */
    private static Set<String> httpClientIds() {
        Set<String> ids = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            Matcher client = HTTP_CLIENT_THREAD.matcher(thread.getName());
            if (client.lookingAt()) {
                ids.add(client.group(1));
            }
        }
        return ids;
    }

    /** The group of a thread in the CPU breakdown, from its kernel name (the first 15 characters of its name). */
    static String threadGroup(String name, Set<String> gatewayClients) {
        Matcher client = HTTP_CLIENT_THREAD.matcher(name);
        if (client.lookingAt()) {
            return gatewayClients.contains(client.group(1)) ? "gateway: its HTTP client to the provider"
                    : "client: JDK HTTP client";
        }
        if (name.startsWith("bench-client") || name.equals("main")) {
            return "client: calling threads";
        }
        if (name.startsWith("http-nio-")) {
            return "gateway: Tomcat (filter, servlet)";
        }
        if (name.startsWith("gatehouse-audit")) {
            return "gateway: audit writer";
        }
        if (name.startsWith("fake-openai") || name.startsWith("HTTP-Dispatcher")) {
            return "fake provider";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "JVM: garbage collector";
        }
        if (name.contains("CompilerThre")) {
            return "JVM: JIT compilers";
        }
        return "other";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("options are name=value, not " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    /** The first line of {@code file}, or "?" (e.g. {@code /proc/loadavg} off Linux). */
    static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException | IndexOutOfBoundsException e) {
            return "?";
        }
    }
}
