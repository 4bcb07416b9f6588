package dev.gatehouse.filter.token;

import static dev.gatehouse.filter.token.AttackTokens.claims;
import static dev.gatehouse.filter.token.AttackTokens.nested;
import static dev.gatehouse.filter.token.AttackTokens.random;
import static dev.gatehouse.filter.token.AttackTokens.valid;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;







import java.nio.file.Path;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;



import dev.gatehouse.filter.testing.FakeJwksServer;
import dev.gatehouse.filter.testing.SelfSignedCertificate;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;

/**
 * Catalog attacks whose outcome needs more than a rejection code: no outbound request (S11), no key lookup before
 * the structure is sound (S12, E5, E7), bounded time (J5), and no token text in what a rejection exposes.
 */
class AttackObservationTest {

    @TempDir
    Path dir;

    @Test
    void validateWhenJkuOrX5uPointsAtAttackerServerThenBadSignatureAndNoRequestIsMade() throws Exception {
        try (FakeJwksServer attacker = new FakeJwksServer()) {
            attacker.serve(200, TestKeys.publicJwks(TestKeys.ATTACKER_SIG));
            TokenValidator validator = Setup.DEFAULT.validator(dir);
            for (String header : List.of("jku", "x5u")) {
                String url = attacker.url("/" + header);
                assertRejected(validator, Rejection.BAD_SIGNATURE, attackerSigned()
                        .signatureHeader(header, url).mint());
                assertRejected(validator, Rejection.BAD_SIGNATURE, nested(AttackTokens.jws(
                        TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", claims(), jws -> jws.setHeader(header, url))));
                assertRejected(validator, Rejection.BAD_SIGNATURE, attackerSigned()
                        .signatureHeader(header, url).encryptionHeader(header, url).mint());
            }
            assertEquals(0, attacker.requests(), "requests the validator made to the jku/x5u server");
        }
    }

    @Test
    void validateWhenSelfSignedX5cThenBadSignature() throws Exception {
        SelfSignedCertificate attacker = SelfSignedCertificate.create(dir, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=idp.test");
        X509Certificate certificate = attacker.certificate();
        PrivateKey key = attacker.key();
        TokenValidator validator = Setup.DEFAULT.validator(dir);

        assertRejected(validator, Rejection.BAD_SIGNATURE, valid().signWith(key, "RS256", "sig-rsa")
                .signatureHeader("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded()))).mint());
        assertRejected(validator, Rejection.BAD_SIGNATURE, nested(AttackTokens.jws(key, "RS256", claims(),
                jws -> jws.setCertificateChainHeaderValue(certificate))));
    }

    @Test
    void validateWhenRandomKidFloodThenEveryTokenIsUnknownKeyAndNothingElseHappens() {
        Setup.CountingValidator counting = Setup.DEFAULT.countingValidator(dir);
        List<Rejection> outcomes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String kid = UUID.randomUUID().toString();
            for (String token : List.of(valid().signatureHeader("kid", kid).mint(),
                    valid().encryptionHeader("kid", kid).mint())) {
                outcomes.add(assertThrows(TokenRejectedException.class, () -> counting.validator().validate(token))
                        .rejection());
            }
        }
        assertEquals(List.of(Rejection.UNKNOWN_KEY), outcomes.stream().distinct().toList());
        // each unknown kid asks the source once for fresh keys; a remote source rate-limits that (RemoteKeySource)
        assertEquals(100, counting.decryption().unknownKidLookups());
        assertEquals(100, counting.verification().unknownKidLookups());
    }

    @Test
    void validateWhenNestedJwsHeaderIsRefusedThenNoVerificationKeyIsLookedUp() {
        Setup.CountingValidator counting = Setup.DEFAULT.countingValidator(dir);
        Map<String, String> tokens = Map.of(
                "kid of 300 characters", valid().signatureHeader("kid", "k".repeat(300)).mint(),
                "alg none", nested(AttackTokens.unsecured("none", random(32))),
                "alg HS256", nested(AttackTokens.unsecured("HS256", random(32))),
                "crit", valid().signatureHeader("crit", List.of("exp")).mint());
        tokens.forEach((name, token) -> assertThrows(TokenRejectedException.class,
                () -> counting.validator().validate(token), name));
        assertEquals(0, counting.verification().lookups(), "verification key lookups");
        assertEquals(tokens.size(), counting.decryption().lookups(), "decryption key lookups (one per token)");
    }

    @Test
    void validateWhenRsa15OrPbes2ThenRefusedBeforeAnyKeyLookup() {
        Setup.CountingValidator counting = Setup.DEFAULT.countingValidator(dir);
        for (String token : List.of(AttackTokens.rsa15(valid().signed()),
                AttackTokens.pbes2(2_000_000_000L), AttackTokens.pbes2(999))) {
            TokenRejectedException e = assertThrows(TokenRejectedException.class,
                    () -> counting.validator().validate(token));
            assertEquals(Rejection.ALG_NOT_ALLOWED, e.rejection());
        }
        assertEquals(0, counting.lookups(), "key lookups");
    }

    @Test
    void validateWhenOuterKidTooLongThenNoDecryptionKeyIsLookedUp() {
        Setup.CountingValidator counting = Setup.DEFAULT.countingValidator(dir);
        assertRejected(counting.validator(), Rejection.MALFORMED, valid().encryptionHeader("kid", "k".repeat(300)).mint());
        assertEquals(0, counting.lookups(), "key lookups");
    }

    @Test
    void validateWhenHundredThousandNestedBracketsThenRejectedQuickly() {
        String token = valid().mint();
        String header = Compact.headerJson(token);
        String deep = Compact.withHeader(token, header.substring(0, header.length() - 1) + ",\"x\":"
                + "[".repeat(100_000) + "}");
        TokenValidator defaults = Setup.DEFAULT.validator(dir);
        TokenValidator raised = Setup.BIG_LIMITS.validator(dir);
        assertTimeout(Duration.ofSeconds(5), () -> {
            assertRejected(defaults, Rejection.MALFORMED, deep);
            assertRejected(raised, Rejection.MALFORMED, deep);
        });
    }

    @Test
    void validateWhenRejectedThenExceptionAndLogsAboveDebugHoldNoTokenTextOrClaimValue() {
        String subject = "leak-subject-" + UUID.randomUUID();
        String secret = "leak-secret-" + UUID.randomUUID();
        List<String> tokens = List.of(
                leakProbe(subject, secret).issuedAgo(Duration.ofHours(1)).mint(),
                leakProbe(subject, secret).audience("other").mint(),
                leakProbe(subject, secret).issuer("https://idp.evil").mint(),
                leakProbe(subject, secret).signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").mint(),
                leakProbe(subject, secret).signatureHeader("kid", "unknown-" + secret).mint(),
                Compact.flipBit(leakProbe(subject, secret).mint(), Compact.TAG),
                leakProbe(subject, secret).signed(),
                leakProbe(subject, secret).claim("exp", "soon-" + secret).mint(),
                leakProbe(subject, secret).signatureHeader("typ", "secevent+jwt").mint(),
                leakProbe(subject, secret).mint() + ".");
        TokenValidator validator = Setup.DEFAULT.validator(dir);
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Jose4jTokenValidator.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            for (String token : tokens) {
                TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> validator.validate(token));
                List<String> secrets = new ArrayList<>(List.of(subject, secret));
                for (String segment : Compact.segments(token)) {
                    if (segment.length() >= 8) {
                        secrets.add(segment);
                        secrets.add(segment.substring(0, 8));
                    }
                }
                assertAll(token.length() + "-character token rejected as " + e.rejection(), secrets.stream().map(
                        s -> (Executable) () -> {
                            assertFalse(String.valueOf(e.getMessage()).contains(s), "getMessage() leaks " + s);
                            assertFalse(e.toString().contains(s), "toString() leaks " + s);
                            assertFalse(String.valueOf(e.getLocalizedMessage()).contains(s), "getLocalizedMessage()");
                        }));
                for (LogRecord record : records) {
                    if (record.getLevel().intValue() > Level.FINE.intValue()) {
                        String text = record.getMessage() + record.getThrown();
                        secrets.forEach(s -> assertFalse(text.contains(s), "log above DEBUG leaks " + s));
                    }
                }
            }
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        assertTrue(records.stream().allMatch(r -> r.getLevel().intValue() <= Level.FINE.intValue()),
                "the validator logs rejections at DEBUG level only");
    }

    private static TokenMinter leakProbe(String subject, String secret) {
        return TokenMinter.forSubject(subject).issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE).claim("email", secret + "@example.test").claim("secret", secret)
                .signWith(TestKeys.RSA_SIG.getPrivateKey(), "RS256", TestKeys.RSA_SIG.getKeyId())
                .encryptFor(TestKeys.RSA_ENC.getPublicKey(), "RSA-OAEP-256", "A256GCM", TestKeys.RSA_ENC.getKeyId());
    }

    private static TokenMinter attackerSigned() {
        return valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa");
    }

    private static void assertRejected(TokenValidator validator, Rejection expected, String token) {
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> validator.validate(token));
        assertEquals(expected, e.rejection());
    }
}
