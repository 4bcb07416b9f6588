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
import java.util.LinkedHashMap;
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
 * provider and four Gatehouse gateways (embedded Tomcat) in front of it — accepting the cheapest token suite
 * ({@code dir/A256GCM/RS256}: AES-GCM decryption and an RS256 verification) or the default
 * ({@code RSA-OAEP-256/A256GCM/RS256}: an RSA-2048 decryption besides), each with its validated-token cache (the
 * default) and without — and interleaves direct and gateway calls (see {@link PairedLatency}, {@link LoadRun}).
 * Prints Markdown tables.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.gateway.GatewayOverhead [name=value ...]</pre>
 *
 * Options (defaults in brackets): {@code samples} recorded calls per side and kind with the cheap suite and the token
 * cache [30000], {@code other-samples} the same with the cheap suite without the cache and with the default suite
 * with it [10000], {@code default-samples} the default suite without the cache [5000], {@code warmup} unrecorded
 * calls per side and kind first, then more until the JIT is quiet [10000; a fifth of it for the default suite without
 * the cache], {@code clients} concurrent clients of the throughput runs [1,4,16], {@code block-seconds} length of one
 * throughput block [2], {@code rounds} A B B A rounds of blocks [3], {@code client} the load generator: {@code socket}
 * ({@link SocketCalls}, a blocking socket per thread, as {@code wrk}) or {@code jdk} (the JDK's {@code HttpClient},
 * the load generator until the fifth session) [socket].
 */
public final class GatewayOverhead {

    static final String CHEAP = "dir/A256GCM/RS256";
    static final String DEFAULT = "RSA-OAEP-256/A256GCM/RS256";
    private static final GatewayRig.Setup CHEAP_CACHED = new GatewayRig.Setup(CHEAP, true);
    private static final GatewayRig.Setup CHEAP_UNCACHED = new GatewayRig.Setup(CHEAP, false);
    private static final GatewayRig.Setup DEFAULT_CACHED = new GatewayRig.Setup(DEFAULT, true);
    private static final GatewayRig.Setup DEFAULT_UNCACHED = new GatewayRig.Setup(DEFAULT, false);
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
        int otherSamples = Integer.parseInt(options.getOrDefault("other-samples", "10000"));
        int defaultSamples = Integer.parseInt(options.getOrDefault("default-samples", "5000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10000"));
        int[] clients = Arrays.stream(options.getOrDefault("clients", "1,4,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration block = Duration.ofSeconds(Long.parseLong(options.getOrDefault("block-seconds", "2")));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        String client = options.getOrDefault("client", "socket");
        if (!client.equals("socket") && !client.equals("jdk")) {
            throw new IllegalArgumentException("client is socket or jdk, not " + client);
        }

        Report report = new Report(System.out);
        report.machine("before");
        report.client(client);
        Instant started = Instant.now();
        try (GatewayRig rig = GatewayRig.start(List.of(CHEAP_CACHED, CHEAP_UNCACHED, DEFAULT_CACHED,
                DEFAULT_UNCACHED)); SocketCalls socketCalls = new SocketCalls()) {
            Set<String> gatewayClients = httpClientIds(); // each gateway's, created when it deployed
            ChatCalls jdkCalls = new ChatCalls();
            ChatClient calls = client.equals("jdk") ? jdkCalls : socketCalls;
            Endpoint direct = rig.direct();
            report.checked(direct, jdkCalls.check(direct));
            for (GatewayRig.Setup setup : List.of(CHEAP_CACHED, CHEAP_UNCACHED, DEFAULT_CACHED, DEFAULT_UNCACHED)) {
                report.checked(rig.gateway(setup), jdkCalls.check(rig.gateway(setup)));
            }
            PairedLatency paired = new PairedLatency(calls);
            Map<GatewayRig.Setup, int[]> plan = new LinkedHashMap<>();
            // The headline gateway (cheap suite, token cache, the default) is measured last: the phases before it
            // run the same code (every gateway loads Gatehouse from one class path), and the first phase of a run saw
            // seconds of JIT compilation while measuring, however long its own warm-up.
            plan.put(CHEAP_UNCACHED, new int[] {warmup, otherSamples});
            plan.put(DEFAULT_UNCACHED, new int[] {warmup / 5, defaultSamples});
            plan.put(DEFAULT_CACHED, new int[] {warmup, otherSamples});
            plan.put(CHEAP_CACHED, new int[] {warmup, samples});
            Map<String, Latencies> tokens = new LinkedHashMap<>();
            for (Map.Entry<GatewayRig.Setup, int[]> phase : plan.entrySet()) {
                GatewayRig.Setup setup = phase.getKey();
                Endpoint gateway = rig.gateway(setup);
                int[] counts = phase.getValue();
                report.latency(setup.label(), paired.blocking(direct, gateway, counts[0], counts[1]),
                        paired.streaming(direct, gateway, counts[0], counts[1]));
            }
            for (GatewayRig.Setup setup : plan.keySet()) {
                tokens.put(setup.label(), validation(rig, setup, Math.min(samples, plan.get(setup)[1])));
            }
            report.tokens(tokens);
            LoadRun load = new LoadRun(calls, name -> threadGroup(name, gatewayClients));
            List<LoadRun.Result> loads = new ArrayList<>();
            for (int c : clients) {
                loads.add(load.run(direct, rig.gateway(CHEAP_CACHED), c, block, rounds));
            }
            loads.forEach(result -> report.throughput(CHEAP_CACHED.label(), result));
            loads.forEach(report::cpuSplit);
            report.threads();
        }
        report.machine("after (" + Duration.between(started, Instant.now()).toSeconds() + " s)");
    }

    /**
     * The filter's token validation alone, as the gateway for {@code setup} runs it on every request (the same
     * properties, key files, token cache setting and tokens), timed call by call.
     */
    private static Latencies validation(GatewayRig rig, GatewayRig.Setup setup, int samples) throws Exception {
        TokenValidator validator = Jose4jTokenValidator.create(
                new SettingsLoader(FallbackConfigReader.of(rig.filterProperties(setup), Map.of())).load(),
                GatewayOverhead.class.getClassLoader(), Clock.systemUTC());
        String[] tokens = rig.tokens(setup.suite());
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

    /**
     * The gateway's JDK client threads (https providers). Plain-http providers, like the fake, are called on the
     * request thread (Tomcat's group) since the seventh session, so this stays at 0 here.
     */
    static final String PROVIDER_CLIENT = "gateway: its JDK HTTP client threads (https providers only)";

    /** The group of a thread in the CPU breakdown, from its kernel name (the first 15 characters of its name). */
    static String threadGroup(String name, Set<String> gatewayClients) {
        Matcher client = HTTP_CLIENT_THREAD.matcher(name);
        if (client.lookingAt()) {
            return gatewayClients.contains(client.group(1)) ? PROVIDER_CLIENT : "client: JDK HTTP client";
        }
        if (name.startsWith("gatehouse-provi")) { // gatehouse-provider-*: https calls (none here: the fake is http)
            return PROVIDER_CLIENT;
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
