package dev.gatehouse.filter.token;

import static dev.gatehouse.filter.token.CacheFixture.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.keys.KeySet;
import dev.gatehouse.filter.keys.KeySources;
import dev.gatehouse.filter.keys.KeysUnavailableException;
import dev.gatehouse.filter.testing.FakeJwksServer;
import dev.gatehouse.filter.testing.MutableClock;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;

/** The cache of validated tokens answers a repeat without cryptography, and exactly as a full validation would. */
class CachingTokenValidatorTest {

    @TempDir
    static Path dir;

    private final MutableClock clock = new MutableClock();

    private TokenMinter token() {
        return TestTokens.valid().clock(clock);
    }

    @Test
    void answersRepeatedTokenWithoutDecryptingAgain() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().mint();

        ValidatedToken first = cache.cached.validate(token);
        ValidatedToken again = cache.cached.validate(token);

        assertSame(first, again);
        assertEquals(1, cache.fullValidations());
    }

    @Test
    void neverCachesRejectedToken() {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().audience("another-api").mint();

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertEquals("WRONG_AUDIENCE", outcome(cache.cached, token));
            assertEquals(attempt, cache.fullValidations());
        }
        assertEquals(0, cache.cached.size());
    }

    @Test
    void rejectsCachedTokenOnceExpired() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().ttl(Duration.ofMinutes(5)).mint();
        cache.cached.validate(token);

        clock.advance(Duration.ofMinutes(6));

        assertEquals("EXPIRED", outcome(cache.cached, token));
        assertEquals(2, cache.fullValidations());
        assertEquals(0, cache.cached.size());
    }

    @Test
    void tamperedTokenIsNotAHit() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().mint();
        cache.cached.validate(token);

        assertEquals("DECRYPTION_FAILED", outcome(cache.cached, Compact.flipBit(token, Compact.CIPHERTEXT)));
        assertEquals("DECRYPTION_FAILED", outcome(cache.cached, Compact.flipBit(token, Compact.TAG)));
        assertEquals(3, cache.fullValidations());
        cache.cached.validate(token);
        assertEquals(3, cache.fullValidations(), "the genuine token is still remembered");
    }

    @Test
    void revalidatesCachedTokensWhenKeySetChanges() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().mint();
        cache.cached.validate(token);

        cache.verification.refresh();
        cache.cached.validate(token);
        cache.cached.validate(token);
        assertEquals(2, cache.fullValidations(), "a new verification set: validated once more, then remembered");

        cache.decryption.refresh();
        cache.cached.validate(token);
        assertEquals(3, cache.fullValidations(), "a new decryption set: validated once more");

        cache.verification.replace(verificationKeysOf(TestKeys.RSA_SIG_2));
        assertEquals("UNKNOWN_KEY", outcome(cache.cached, token));
        assertEquals("UNKNOWN_KEY", outcome(cache.full, token));
        assertEquals(0, cache.cached.size());
    }

    @Test
    void revalidatesAfterKeyRefreshThatRacedWithValidation() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().mint();
        cache.duringFullValidation(cache.verification::refresh);
        cache.cached.validate(token);
        cache.duringFullValidation(() -> { });

        cache.cached.validate(token);
        cache.cached.validate(token);

        assertEquals(2, cache.fullValidations(), "remembered with the keys read before the refresh: validated again");
    }

    @Test
    void rejectsCachedTokenWhenRemoteKeySetNoLongerHoldsItsKey() throws Exception {
        try (FakeJwksServer jwks = new FakeJwksServer()) {
            jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG));
            TokenValidator validator = Jose4jTokenValidator.create(TestConfig.in(dir)
                    .with("mp.jwt.verify.publickey.location", jwks.url())
                    .with("gatehouse.jwt.keys.insecure-allow-http", "true")
                    .with("gatehouse.jwt.keys.refresh-interval", "PT10M").settings(), getClass().getClassLoader(), clock);
            String token = token().ttl(Duration.ofHours(1)).mint();
            validator.validate(token);
            validator.validate(token);

            jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG_2));
            clock.advance(Duration.ofMinutes(11));

            assertEquals("UNKNOWN_KEY", outcome(validator, token));
            assertEquals(2, jwks.requests(), "the deployment's fetch and the scheduled refresh");
        }
    }

    @Test
    void keysUnavailableIsReportedAsWithoutCache() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 10, dir, clock);
        String token = token().mint();
        cache.verification.unavailable(true);

        assertThrows(KeysUnavailableException.class, () -> cache.cached.validate(token));
        assertEquals("MALFORMED", outcome(cache.cached, "not-a-token"));
        assertEquals(0, cache.cached.size());

        assertEquals(2, cache.fullValidations(), "both answered by the full validation");

        cache.verification.unavailable(false);
        cache.cached.validate(token);
        cache.cached.validate(token);
        assertEquals(3, cache.fullValidations(), "back to normal: validated once, then remembered");
    }

    @Test
    void signedOnlyTokenIsRememberedWithoutReadingDecryptionKeys() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.SIGNED_ONLY, 10, dir, clock);
        cache.decryption.unavailable(true);
        String signed = TestTokens.signedOnly().clock(clock).signed();

        cache.cached.validate(signed);
        cache.cached.validate(signed);

        assertEquals(1, cache.fullValidations());
        assertEquals(0, cache.decryption.reads());
        assertThrows(KeysUnavailableException.class, () -> cache.cached.validate(token().mint()));
    }

    @Test
    void cacheOffWhenSizeZero() {
        assertInstanceOf(Jose4jTokenValidator.class,
                TestConfig.in(dir).with("gatehouse.jwt.cache.size", "0").validator());
        assertInstanceOf(CachingTokenValidator.class, TestConfig.in(dir).validator());
    }

    @Test
    void evictsWhenFull() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 4, dir, clock);
        List<String> tokens = IntStream.range(0, 5).mapToObj(i -> token().mint()).toList();
        for (String token : tokens) {
            cache.cached.validate(token);
            assertTrue(cache.cached.size() <= 4, "entries: " + cache.cached.size());
        }

        cache.cached.validate(tokens.get(4));

        assertEquals(5, cache.fullValidations(), "the newest token stays in");
    }

    @Test
    void evictsEntriesWhoseWindowEndedFirst() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 4, dir, clock);
        String lasting = token().ttl(Duration.ofHours(1)).mint();
        cache.cached.validate(lasting);
        for (int i = 0; i < 3; i++) {
            cache.cached.validate(token().ttl(Duration.ofMinutes(1)).mint());
        }
        clock.advance(Duration.ofMinutes(3));

        cache.cached.validate(token().mint());
        cache.cached.validate(lasting);

        assertEquals(2, cache.cached.size());
        assertEquals(5, cache.fullValidations(), "the lasting token was kept");
    }

    @Test
    void neverHoldsMoreThanSizeEntriesUnderConcurrentMisses() throws Exception {
        CacheFixture cache = new CacheFixture(Setup.DEFAULT, 8, dir, clock);
        List<String> tokens = IntStream.range(0, 40).mapToObj(i -> token().mint()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread * 10;
                results.add(pool.submit(() -> {
                    for (String token : tokens.subList(offset, offset + 10)) {
                        cache.cached.validate(token);
                        cache.cached.validate(token);
                    }
                    return "done";
                }));
            }
            for (Future<String> result : results) {
                assertEquals("done", result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cache.cached.size() <= 8, "entries: " + cache.cached.size());
        assertTrue(cache.fullValidations() < 80, "repeats were answered from the cache");
    }

    /** The verification keys configured from {@code key} alone. */
    private static KeySet verificationKeysOf(org.jose4j.jwk.PublicJsonWebKey key) {
        FilterSettings settings = TestConfig.in(dir).with("mp.jwt.verify.publickey.location",
                TestConfig.in(dir).file("other-verify.jwk", TestKeys.publicJwk(key))).settings();
        return KeySources.create(settings.keys(), settings.jose().contentAlgorithms(),
                CachingTokenValidatorTest.class.getClassLoader(), java.time.Clock.systemUTC()).verification().keys();
    }
}
