package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.FallbackConfigReader;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.config.SettingsLoader;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.TokenRejectedException;
import dev.gatehouse.filter.token.TokenValidator;
import dev.gatehouse.filter.token.ValidatedToken;

/**
 * Gatehouse's validator against a plain jose4j {@link JwtConsumer} doing the same cryptographic and claim work, on
 * the same pool of valid nested tokens (JWS inside JWE, from {@link TokenSuite}), for three algorithm suites. Target: Gatehouse's throughput
 * at least 0.95 of plain jose4j's. See BENCHMARKS.md for how to run it and the last results.
 *
 * <p>Gatehouse is built exactly as the filter builds it: properties and key files, read by {@link SettingsLoader},
 * keys loaded and pinned by {@link KeySources}. The plain consumer gets the same keys directly, with the checks a
 * careful jose4j user writes by hand.
 *
 * <p>Both validate every token in full: Gatehouse's cache of validated tokens is off for them
 * ({@link TokenSuite#writeConfig}). {@code gatehouseCached} measures the other case, a repeat of a token Gatehouse
 * already validated, answered from that cache.
 *
 * <p>Besides ops/s, each method reports two secondary counters from {@link CpuTime}: the benchmark thread's CPU time
 * and the number of calls over the measurement iterations. Their quotient (CPU time per validation) is far less
 * disturbed than ops/s when other processes share the cores, and serves as a cross-check of the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

    static final String ISSUER = TokenSuite.ISSUER;
    static final String AUDIENCE = TokenSuite.AUDIENCE;
    /**
     * Distinct tokens cycled through, so no per-token caching in jose4j or the JDK could help (Gatehouse's own is off
     * but for {@code gatehouseCached}). A power of two.
     */
    static final int POOL_SIZE = 64;
    /** Long enough that a run never sees expiry, short enough for Gatehouse's default 24 h lifetime cap. */
    static final Duration TTL = Duration.ofHours(12);

    /** key management / content encryption / signature. */
    @Param({"RSA-OAEP-256/A256GCM/RS256", "ECDH-ES+A256KW/A256GCM/ES256", "dir/A256GCM/RS256"})
    public String suite;

    private TokenValidator gatehouse;
    private TokenValidator gatehouseCached;
    private JwtConsumer plain;
    private String[] tokens;
    private int next;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TokenSuite keys = TokenSuite.generate(suite);
        String[] algorithms = keys.algorithms();
        dir = Files.createTempDirectory("gatehouse-bench");

        Map<String, String> properties = keys.writeConfig(dir);
        gatehouse = validator(properties);
        Map<String, String> cacheOn = new HashMap<>(properties);
        cacheOn.remove(ConfigKeys.TOKEN_CACHE_SIZE);
        gatehouseCached = validator(cacheOn);

        // What a careful jose4j user writes by hand: same keys, same claim checks, same algorithm permit lists.
        plain = new JwtConsumerBuilder()
                .setDecryptionKey(keys.decryptionKey())
                .setVerificationKey(keys.verificationKey())
                .setEnableRequireEncryption()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setJweAlgorithmConstraints(ConstraintType.PERMIT, algorithms[0])
                .setJweContentEncryptionAlgorithmConstraints(ConstraintType.PERMIT, algorithms[1])
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, algorithms[2])
                .build();

        tokens = keys.mint(POOL_SIZE, TTL);

        // Fail fast: both sides must accept every token, or the comparison means nothing.
        for (int i = 0; i < POOL_SIZE; i++) {
            String expected = "user-" + i;
            String byGatehouse = gatehouse.validate(tokens[i]).getName();
            String byPlain = plain.processToClaims(tokens[i]).getSubject();
            String byCache = gatehouseCached.validate(tokens[i]).getName();
            if (!expected.equals(byGatehouse) || !expected.equals(byPlain) || !expected.equals(byCache)) {
                throw new IllegalStateException(suite + ": token " + i + " read as " + byGatehouse + " / " + byPlain
                        + " / " + byCache);
            }
        }
    }

    /** The real path, as the filter (and TestConfig) build it. */
    private TokenValidator validator(Map<String, String> properties) {
        FilterSettings settings = new SettingsLoader(FallbackConfigReader.of(properties, Map.of())).load();
        return Jose4jTokenValidator.create(settings, getClass().getClassLoader(), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public ValidatedToken gatehouse(CpuTime cpu) throws TokenRejectedException {
        cpu.calls++;
        return gatehouse.validate(nextToken());
    }

    /**
     * A repeat of a token Gatehouse validated before (the setup validated every token once), answered from its
     * cache: digest, key-set and time-window checks, no cryptography.
     */
    @Benchmark
    public ValidatedToken gatehouseCached(CpuTime cpu) throws TokenRejectedException {
        cpu.calls++;
        return gatehouseCached.validate(nextToken());
    }

    @Benchmark
    public JwtClaims plainJose4j(CpuTime cpu) throws InvalidJwtException {
        cpu.calls++;
        return plain.processToClaims(nextToken());
    }

    /**
     * CPU time of the benchmark thread per iteration, and the calls made in it. JMH sums EVENTS counters over the
     * measurement iterations, so {@code cpuNanos / calls} is the CPU time per validation. Other processes on the
     * machine take wall-clock time from the benchmark, but (apart from cache and core sharing) not CPU time.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long calls;
        public long cpuNanos;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            calls = 0;
            cpuNanos = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    private String nextToken() {
        String token = tokens[next & (POOL_SIZE - 1)];
        next++;
        return token;
    }
}
