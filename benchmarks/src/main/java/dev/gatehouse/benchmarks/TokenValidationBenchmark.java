package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
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

import dev.gatehouse.filter.config.FallbackConfigReader;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.config.SettingsLoader;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.TokenRejectedException;
import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.tool.TokenMinter;

/**
 * Gatehouse's validator against a plain jose4j {@link JwtConsumer} doing the same cryptographic and claim work, on
 * the same pool of valid nested tokens (JWS inside JWE), for three algorithm suites. Target: Gatehouse's throughput
 * at least 0.95 of plain jose4j's. See BENCHMARKS.md for how to run it and the last results.
 *
 * <p>Gatehouse is built exactly as the filter builds it: properties and key files, read by {@link SettingsLoader},
 * keys loaded and pinned by {@link KeySources}. The plain consumer gets the same keys directly, with the checks a
 * careful jose4j user writes by hand.
 *
 * <p>Besides ops/s, each method reports two secondary counters from {@link CpuTime}: the benchmark thread's CPU time
 * and the number of calls over the measurement iterations. Their quotient (CPU time per validation) is far less
 * disturbed than ops/s when other processes share the cores, and serves as a cross-check of the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

    static final String ISSUER = "https://idp.bench/realms/gatehouse";
    static final String AUDIENCE = "gatehouse-api";
    /** Distinct tokens cycled through, so no per-token caching anywhere could help. A power of two. */
    static final int POOL_SIZE = 64;
    /** Long enough that a run never sees expiry, short enough for Gatehouse's default 24 h lifetime cap. */
    static final Duration TTL = Duration.ofHours(12);

    /** key management / content encryption / signature. */
    @Param({"RSA-OAEP-256/A256GCM/RS256", "ECDH-ES+A256KW/A256GCM/ES256", "dir/A256GCM/RS256"})
    public String suite;

    private Jose4jTokenValidator gatehouse;
    private JwtConsumer plain;
    private String[] tokens;
    private int next;
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] parts = suite.split("/");
        String keyManagement = parts[0];
        String content = parts[1];
        String signature = parts[2];

        JsonWebKey decryptionJwk = decryptionKey(keyManagement);
        PublicJsonWebKey signingJwk = signingKey(signature);
        Key encryptionKey = decryptionJwk instanceof PublicJsonWebKey pair ? pair.getPublicKey() : decryptionJwk.getKey();
        Key decryptionKey = decryptionJwk instanceof PublicJsonWebKey pair ? pair.getPrivateKey() : decryptionJwk.getKey();

        dir = Files.createTempDirectory("gatehouse-bench");
        Map<String, String> properties = new HashMap<>();
        properties.put("mp.jwt.verify.issuer", ISSUER);
        properties.put("mp.jwt.verify.audiences", AUDIENCE);
        properties.put("mp.jwt.decrypt.key.location",
                write("decrypt.jwk", decryptionJwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)));
        properties.put("mp.jwt.decrypt.key.algorithm", keyManagement);
        properties.put("mp.jwt.verify.publickey.location",
                write("verify.jwk", signingJwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        properties.put("mp.jwt.verify.publickey.algorithm", signature);
        properties.put("gatehouse.jwt.decrypt.content-algorithm", content);

        // The real path, as the filter (and TestConfig) build it.
        FilterSettings settings = new SettingsLoader(FallbackConfigReader.of(properties, Map.of())).load();
        gatehouse = Jose4jTokenValidator.create(settings, getClass().getClassLoader(), Clock.systemUTC());

        // What a careful jose4j user writes by hand: same keys, same claim checks, same algorithm permit lists.
        plain = new JwtConsumerBuilder()
                .setDecryptionKey(decryptionKey)
                .setVerificationKey(signingJwk.getPublicKey())
                .setEnableRequireEncryption()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(60)
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setJweAlgorithmConstraints(ConstraintType.PERMIT, keyManagement)
                .setJweContentEncryptionAlgorithmConstraints(ConstraintType.PERMIT, content)
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, signature)
                .build();

        tokens = new String[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            tokens[i] = TokenMinter.forSubject("user-" + i).issuer(ISSUER).audience(AUDIENCE).groups("user")
                    .ttl(TTL)
                    .signWith(signingJwk.getPrivateKey(), signature, signingJwk.getKeyId())
                    .encryptFor(encryptionKey, keyManagement, content, decryptionJwk.getKeyId())
                    .mint();
        }

        // Fail fast: both sides must accept every token, or the comparison means nothing.
        for (int i = 0; i < POOL_SIZE; i++) {
            String expected = "user-" + i;
            String byGatehouse = gatehouse.validate(tokens[i]).getName();
            String byPlain = plain.processToClaims(tokens[i]).getSubject();
            if (!expected.equals(byGatehouse) || !expected.equals(byPlain)) {
                throw new IllegalStateException(suite + ": token " + i + " read as " + byGatehouse + " / " + byPlain);
            }
        }
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

    private static JsonWebKey decryptionKey(String keyManagement) throws JoseException {
        JsonWebKey key;
        if (keyManagement.startsWith("RSA-OAEP")) {
            key = RsaJwkGenerator.generateJwk(2048);
        } else if (keyManagement.startsWith("ECDH-ES")) {
            key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } else if (keyManagement.equals("dir")) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            key = new OctetSequenceJsonWebKey(new SecretKeySpec(secret, "AES"));
        } else {
            throw new IllegalArgumentException("no key generator for " + keyManagement);
        }
        key.setKeyId("bench-enc");
        return key;
    }

    private static PublicJsonWebKey signingKey(String signature) throws JoseException {
        PublicJsonWebKey key;
        if (signature.startsWith("RS") || signature.startsWith("PS")) {
            key = RsaJwkGenerator.generateJwk(2048);
        } else if (signature.equals("ES256")) {
            key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        } else {
            throw new IllegalArgumentException("no key generator for " + signature);
        }
        key.setKeyId("bench-sig");
        return key;
    }

    private String write(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, content);
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
