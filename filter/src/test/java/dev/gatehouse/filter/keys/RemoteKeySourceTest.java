package dev.gatehouse.filter.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.testing.FakeJwksServer;
import dev.gatehouse.filter.testing.MutableClock;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.token.Jose4jTokenValidator;
import dev.gatehouse.filter.token.Rejection;
import dev.gatehouse.filter.token.TokenRejectedException;
import dev.gatehouse.filter.token.TokenValidator;

class RemoteKeySourceTest {

    @TempDir
    Path dir;
    private FakeJwksServer jwks;
    private final MutableClock clock = new MutableClock();
    private final List<LogRecord> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(RemoteKeySource.class.getName());

    @BeforeEach
    void start() throws Exception {
        jwks = new FakeJwksServer();
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        jwks.close();
        logger.removeHandler(capture);
    }

    private TokenValidator validator() {
        FilterSettings settings = TestConfig.in(dir)
                .with("mp.jwt.verify.publickey.location", jwks.url())
                .with("gatehouse.jwt.keys.insecure-allow-http", "true")
                .with("gatehouse.jwt.keys.min-refresh-interval", "PT30S")
                .with("gatehouse.jwt.keys.refresh-interval", "PT10M").settings();
        return Jose4jTokenValidator.create(settings, getClass().getClassLoader(), clock);
    }

    private long severe() {
        return logs.stream().filter(r -> r.getLevel() == Level.SEVERE).count();
    }

    @Test
    void validateWhenKeysServedOverHttpThenAcceptsAfterOneFetch() throws Exception {
        jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG));
        TokenValidator validator = validator();
        for (int i = 0; i < 5; i++) {
            assertEquals("alice", validator.validate(TestTokens.valid().clock(clock).mint()).getName());
        }
        assertEquals(1, jwks.requests());
    }

    @Test
    void validateWhenKidFloodThenRefetchesAtMostOncePerMinimumInterval() throws Exception {
        jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG));
        TokenValidator validator = validator();
        for (int i = 0; i < 50; i++) {
            String token = TestTokens.valid().clock(clock).signWith(TestKeys.RSA_SIG.getPrivateKey(), "RS256",
                    UUID.randomUUID().toString()).mint();
            TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> validator.validate(token));
            assertEquals(Rejection.UNKNOWN_KEY, e.rejection());
        }
        assertEquals(1, jwks.requests(), "the deployment fetch only: the first refetch waits for the minimum interval");
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 50; i++) {
            String token = TestTokens.valid().clock(clock).signWith(TestKeys.RSA_SIG.getPrivateKey(), "RS256",
                    UUID.randomUUID().toString()).mint();
            assertThrows(TokenRejectedException.class, () -> validator.validate(token));
        }
        assertEquals(2, jwks.requests());
    }

    @Test
    void validateWhenIssuerRotatesToNewKidThenRefetchFindsIt() throws Exception {
        jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG));
        TokenValidator validator = validator();
        jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG, TestKeys.RSA_SIG_2));
        clock.advance(Duration.ofSeconds(31));
        String rotated = TestTokens.valid().clock(clock).signWith(TestKeys.RSA_SIG_2.getPrivateKey(), "RS256",
                TestKeys.RSA_SIG_2.getKeyId()).mint();
        assertEquals("alice", validator.validate(rotated).getName());
        assertEquals(2, jwks.requests());
    }

    @Test
    void validateWhenKeysNeverLoadedThenUnavailableAndLoggedOnce() {
        jwks.serve(500, "down");
        TokenValidator validator = validator();
        for (int i = 0; i < 20; i++) {
            assertThrows(KeysUnavailableException.class, () -> validator.validate(TestTokens.valid().clock(clock).mint()));
            clock.advance(Duration.ofSeconds(40));
        }
        assertEquals(1, severe());
        assertTrue(logs.get(0).getMessage().contains("HTTP status 500"));
        assertEquals(Rejection.MALFORMED, assertThrows(TokenRejectedException.class,
                () -> validator.validate("not-a-token")).rejection(), "malformed tokens are the client's fault, even now");
    }

    @Test
    void validateWhenSourceRecoversThenAcceptsAndLogsRecovery() throws Exception {
        jwks.serve(503, "");
        TokenValidator validator = validator();
        assertThrows(KeysUnavailableException.class, () -> validator.validate(TestTokens.valid().clock(clock).mint()));
        jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG));
        clock.advance(Duration.ofSeconds(31));
        assertEquals("alice", validator.validate(TestTokens.valid().clock(clock).mint()).getName());
        assertTrue(logs.stream().anyMatch(r -> r.getLevel() == Level.INFO && r.getMessage().contains("available again")));
    }

    @Test
    void validateWhenRefreshFailsThenPreviousKeysStayInUse() throws Exception {
        jwks.serve(200, TestKeys.publicJwks(TestKeys.RSA_SIG));
        TokenValidator validator = validator();
        jwks.serve(500, "");
        clock.advance(Duration.ofMinutes(11));
        assertEquals("alice", validator.validate(TestTokens.valid().clock(clock).mint()).getName());
        assertEquals(2, jwks.requests());
        assertEquals(1, severe());
    }

    @Test
    void fetchWhenJwksHoldsWeakAndWrongUseKeysThenSkipsThemWithWarnings() throws Exception {
        String weak = TestKeys.publicJwk(TestKeys.rsa("weak", 1024));
        String enc = TestKeys.publicJwk(TestKeys.rsa("enc", 2048)).replace("{", "{\"use\":\"enc\",");
        String good = TestKeys.publicJwk(TestKeys.RSA_SIG);
        jwks.serve(200, "{\"keys\":[" + weak + "," + enc + "," + good + "]}");
        assertEquals("alice", validator().validate(TestTokens.valid().clock(clock).mint()).getName());
        assertEquals(2, logs.stream().filter(r -> r.getLevel() == Level.WARNING).count());
    }
}
