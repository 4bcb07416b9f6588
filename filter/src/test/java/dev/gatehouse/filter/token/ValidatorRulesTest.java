package dev.gatehouse.filter.token;

import static dev.gatehouse.filter.token.AttackTokens.accessToken;
import static dev.gatehouse.filter.token.AttackTokens.claims;
import static dev.gatehouse.filter.token.AttackTokens.ec;
import static dev.gatehouse.filter.token.AttackTokens.nested;
import static dev.gatehouse.filter.token.AttackTokens.now;
import static dev.gatehouse.filter.token.AttackTokens.oct;
import static dev.gatehouse.filter.token.AttackTokens.valid;
import static dev.gatehouse.filter.token.Rejection.ALG_NOT_ALLOWED;
import static dev.gatehouse.filter.token.Rejection.BAD_SIGNATURE;
import static dev.gatehouse.filter.token.Rejection.DECRYPTION_FAILED;
import static dev.gatehouse.filter.token.Rejection.ENCRYPTION_REQUIRED;
import static dev.gatehouse.filter.token.Rejection.EXPIRED;
import static dev.gatehouse.filter.token.Rejection.ISSUED_IN_FUTURE;
import static dev.gatehouse.filter.token.Rejection.LIFETIME_TOO_LONG;
import static dev.gatehouse.filter.token.Rejection.MALFORMED;
import static dev.gatehouse.filter.token.Rejection.MALFORMED_CLAIM;
import static dev.gatehouse.filter.token.Rejection.MISSING_CLAIM;
import static dev.gatehouse.filter.token.Rejection.NOT_YET_VALID;
import static dev.gatehouse.filter.token.Rejection.NO_PRINCIPAL;
import static dev.gatehouse.filter.token.Rejection.TOO_OLD;
import static dev.gatehouse.filter.token.Rejection.UNKNOWN_KEY;
import static dev.gatehouse.filter.token.Rejection.UNSUPPORTED_HEADER;
import static dev.gatehouse.filter.token.Rejection.WRONG_AUDIENCE;
import static dev.gatehouse.filter.token.Rejection.WRONG_ISSUER;
import static dev.gatehouse.filter.token.Rejection.WRONG_NESTING;
import static dev.gatehouse.filter.token.Rejection.WRONG_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;

/**
 * Every configurable validation rule, each with tokens it accepts and tokens it refuses, so that dropping or
 * loosening a rule fails a row. Properties are set as a user sets them ({@link dev.gatehouse.filter.config.ConfigKeys}).
 */
class ValidatorRulesTest {

    @TempDir
    static Path dir;

    private static final PublicJsonWebKey RSA_ENC_2 = TestKeys.rsa("enc-rsa-2", 2048);
    private static final PublicJsonWebKey ED_OTHER = TestKeys.okp("sig-ed");

    static final Setup ISSUER_OTHER = Setup.of("issuer-other", "mp.jwt.verify.issuer", "https://other.test/realm");
    static final Setup AUDIENCES = Setup.of("audiences", "mp.jwt.verify.audiences", "api-a, api-b");
    static final Setup SKEW_10 = Setup.of("skew-10", "mp.jwt.verify.clock.skew", "10");
    static final Setup SKEW_0 = Setup.of("skew-0", "mp.jwt.verify.clock.skew", "0");
    static final Setup TOKEN_AGE_60 = Setup.of("token-age-60", "mp.jwt.verify.token.age", "60");
    static final Setup MAX_LIFETIME_600 = Setup.of("max-lifetime-600", "gatehouse.jwt.max-lifetime", "600");
    static final Setup MAX_LIFETIME_PT10M = Setup.of("max-lifetime-PT10M", "gatehouse.jwt.max-lifetime", "PT10M");
    static final Setup REQUIRED = Setup.of("required-claims", "gatehouse.jwt.required-claims", "tenant, email");
    static final Setup REALM_ROLES = Setup.of("realm-roles", "gatehouse.jwt.groups.path", "realm_access.roles");
    static final Setup FROM_SCOPE = Setup.of("from-scope", "gatehouse.jwt.groups.from-scope", "true");
    static final Setup ROLE_MAP = Setup.of("role-map", "gatehouse.jwt.role-map", "user=member, user=reader,ops=admin");
    static final Setup ROLE_MAP_SCOPE = new Setup("role-map-scope", c -> c.with("gatehouse.jwt.groups.from-scope", "true")
            .with("gatehouse.jwt.role-map", "write=editor"));
    static final Setup PS256 = Setup.of("ps256", "mp.jwt.verify.publickey.algorithm", "PS256");
    static final Setup RS256_PS256 = Setup.of("rs256-ps256", "mp.jwt.verify.publickey.algorithm", "RS256,PS256");
    /** RSA_SIG pinned to PS256 and RSA_SIG_2 to RS256 by their own {@code alg}, both algorithms accepted. */
    static final Setup PINNED_BY_JWK_ALG = new Setup("pinned-by-jwk-alg", c -> c
            .with("mp.jwt.verify.publickey.algorithm", "RS256,PS256")
            .with("mp.jwt.verify.publickey.location", c.file("pinned.jwks", Setup.jwks(
                    Setup.jwk(TestKeys.RSA_SIG, m -> m.put("alg", "PS256")),
                    Setup.jwk(TestKeys.RSA_SIG_2, m -> m.put("alg", "RS256"))))));
    static final Setup USE_SIG = new Setup("use-sig", c -> c.with("mp.jwt.verify.publickey.location",
            c.file("use-sig.jwk", Setup.jwk(TestKeys.RSA_SIG, m -> m.put("use", "sig")))));
    static final Setup OPS_VERIFY = new Setup("ops-verify", c -> c.with("mp.jwt.verify.publickey.location",
            c.file("ops-verify.jwk", Setup.jwk(TestKeys.RSA_SIG, m -> m.put("key_ops", List.of("verify"))))));
    /** The decryption key pinned to RSA-OAEP by its own {@code alg}, while RSA-OAEP-256 is accepted too. */
    static final Setup DECRYPT_PINNED_BY_JWK_ALG = new Setup("decrypt-pinned-by-jwk-alg", c -> c
            .with("mp.jwt.decrypt.key.algorithm", "RSA-OAEP-256,RSA-OAEP")
            .with("mp.jwt.decrypt.key.location", c.file("decrypt-oaep.jwk",
                    Setup.privateJwk(TestKeys.RSA_ENC, m -> m.put("alg", "RSA-OAEP")))));
    static final Setup TWO_DECRYPT_KEYS = new Setup("two-decrypt-keys", c -> c.with("mp.jwt.decrypt.key.location",
            c.file("two-decrypt.jwks", TestKeys.privateJwks(TestKeys.RSA_ENC, RSA_ENC_2))));
    /** PEM keys, which carry no kid. */
    static final Setup PEM_KEYS = new Setup("pem-keys", c -> c
            .with("mp.jwt.decrypt.key.location", c.file("decrypt.pem", TestKeys.privatePem(TestKeys.RSA_ENC)))
            .with("mp.jwt.verify.publickey.location", c.file("verify.pem", TestKeys.publicPem(TestKeys.RSA_SIG))));
    static final Setup INLINE_PEM = new Setup("inline-pem", c -> c.with("mp.jwt.verify.publickey.location", null)
            .with("mp.jwt.verify.publickey", TestKeys.publicPem(TestKeys.RSA_SIG)));
    static final Setup CBC = Setup.of("cbc", "gatehouse.jwt.decrypt.content-algorithm", "A256GCM,A128CBC-HS256");
    static final Setup SMALL_TOKENS = Setup.of("small-tokens", "gatehouse.jwt.max-token-size", "1024")
            .with("gatehouse.jwt.max-header-size", "1024");
    static final Setup SMALL_HEADERS = Setup.of("small-headers", "gatehouse.jwt.max-header-size", "64");

    /** One rule row: accepted rows may also check what the validated token says. */
    record Row(String rule, String name, Setup setup, Supplier<String> token, Rejection expected,
            Consumer<ValidatedToken> check) {
        @Override
        public String toString() {
            return rule + ": " + name + (expected == null ? " -> accepted" : " -> " + expected) + " [" + setup + "]";
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void validateWhenRuleAppliesThenExactOutcome(Row row) throws Exception {
        TokenValidator validator = row.setup().validator(dir);
        String token = row.token().get();
        if (row.expected() == null) {
            row.check().accept(validator.validate(token));
            return;
        }
        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> validator.validate(token));
        assertEquals(row.expected(), e.rejection());
        assertEquals(row.expected().reason(), e.reason());
    }

    static Stream<Row> rules() {
        return Stream.of(claimRules(), identityRules(), keyRules(), joseSwitches()).flatMap(s -> s);
    }

    static Stream<Row> claimRules() {
        return Stream.of(
                accept("issuer", "exact match", Setup.DEFAULT, () -> valid().mint()),
                reject("issuer", "trailing slash", Setup.DEFAULT, WRONG_ISSUER,
                        () -> valid().issuer(TestTokens.ISSUER + "/").mint()),
                reject("issuer", "token of the default issuer when another is configured", ISSUER_OTHER, WRONG_ISSUER,
                        () -> valid().mint()),
                accept("issuer", "the configured issuer", ISSUER_OTHER,
                        () -> valid().issuer("https://other.test/realm").mint()),
                accept("audiences", "aud is the second configured audience", AUDIENCES,
                        () -> valid().audience("api-b").mint()),
                accept("audiences", "aud array holds one configured audience", AUDIENCES,
                        () -> valid().audience("x", "api-a").mint()),
                reject("audiences", "aud is none of the configured audiences", AUDIENCES, WRONG_AUDIENCE,
                        () -> valid().mint()),
                reject("audiences", "aud array holds none of them", AUDIENCES, WRONG_AUDIENCE,
                        () -> valid().audience("x", "api-c").mint()),
                reject("audiences", "aud array holds null", AUDIENCES, WRONG_AUDIENCE,
                        () -> valid().claim("aud", java.util.Arrays.asList((String) null)).mint()),
                accept("clock skew", "exp 5 s ago with 10 s skew", SKEW_10, () -> expiredSecondsAgo(5).mint()),
                reject("clock skew", "exp 30 s ago with 10 s skew", SKEW_10, EXPIRED, () -> expiredSecondsAgo(30).mint()),
                accept("clock skew", "exp 30 s ago with the default 60 s skew", Setup.DEFAULT,
                        () -> expiredSecondsAgo(30).mint()),
                reject("clock skew", "exp 5 s ago with no skew", SKEW_0, EXPIRED, () -> expiredSecondsAgo(5).mint()),
                accept("clock skew", "nbf 30 s ahead with the default 60 s skew", Setup.DEFAULT,
                        () -> valid().claim("nbf", now() + 30).mint()),
                reject("clock skew", "nbf 30 s ahead with 10 s skew", SKEW_10, NOT_YET_VALID,
                        () -> valid().claim("nbf", now() + 30).mint()),
                accept("clock skew", "iat 30 s ahead with the default 60 s skew", Setup.DEFAULT,
                        () -> valid().claim("iat", now() + 30).mint()),
                reject("clock skew", "iat 30 s ahead with 10 s skew", SKEW_10, ISSUED_IN_FUTURE,
                        () -> valid().claim("iat", now() + 30).mint()),
                accept("token age", "iat 30 s ago with a 60 s limit", TOKEN_AGE_60,
                        () -> valid().issuedAgo(Duration.ofSeconds(30)).mint()),
                reject("token age", "iat 200 s ago with a 60 s limit (and 60 s skew)", TOKEN_AGE_60, TOO_OLD,
                        () -> valid().issuedAgo(Duration.ofSeconds(200)).mint()),
                accept("token age", "iat 200 s ago without a limit", Setup.DEFAULT,
                        () -> valid().issuedAgo(Duration.ofSeconds(200)).mint()),
                accept("max lifetime", "exp - iat of 590 s with a 600 s limit", MAX_LIFETIME_600,
                        () -> valid().ttl(Duration.ofSeconds(590)).mint()),
                reject("max lifetime", "exp - iat of 700 s with a 600 s limit", MAX_LIFETIME_600, LIFETIME_TOO_LONG,
                        () -> valid().ttl(Duration.ofSeconds(700)).mint()),
                reject("max lifetime", "exp - iat of 700 s with a PT10M limit", MAX_LIFETIME_PT10M, LIFETIME_TOO_LONG,
                        () -> valid().ttl(Duration.ofSeconds(700)).mint()),
                reject("max lifetime", "exp - iat of 700 s though exp is only 300 s ahead", MAX_LIFETIME_600,
                        LIFETIME_TOO_LONG, () -> valid().issuedAgo(Duration.ofSeconds(400))
                                .ttl(Duration.ofSeconds(700)).mint()),
                reject("max lifetime", "exp 700 s from now with a 600 s limit", MAX_LIFETIME_600, LIFETIME_TOO_LONG,
                        () -> valid().claim("exp", now() + 700).mint()),
                accept("max lifetime", "exp - iat 600 s, iat 50 s ahead: exp - now within limit plus skew",
                        MAX_LIFETIME_600, () -> valid().claim("iat", now() + 50).claim("exp", now() + 650).mint()),
                accept("max lifetime", "23 h under the default 24 h", Setup.DEFAULT,
                        () -> valid().ttl(Duration.ofHours(23)).mint()),
                reject("max lifetime", "25 h under the default 24 h", Setup.DEFAULT, LIFETIME_TOO_LONG,
                        () -> valid().ttl(Duration.ofHours(25)).mint()),
                reject("iat", "missing", Setup.DEFAULT, MISSING_CLAIM, () -> valid().claim("iat", null).mint()),
                reject("iat", "300 s in the future", Setup.DEFAULT, ISSUED_IN_FUTURE,
                        () -> valid().claim("iat", now() + 300).mint()),
                accept("nbf", "10 s ago", Setup.DEFAULT, () -> valid().claim("nbf", now() - 10).mint()),
                reject("nbf", "300 s ahead", Setup.DEFAULT, NOT_YET_VALID, () -> valid().claim("nbf", now() + 300).mint()),
                accept("required claims", "all present", REQUIRED, () -> withTenantAndEmail().mint()),
                reject("required claims", "email missing", REQUIRED, MISSING_CLAIM,
                        () -> withTenantAndEmail().claim("email", null).mint()),
                reject("required claims", "tenant empty", REQUIRED, MISSING_CLAIM,
                        () -> withTenantAndEmail().claim("tenant", "").mint()),
                reject("required claims", "tenant an empty array", REQUIRED, MISSING_CLAIM,
                        () -> withTenantAndEmail().claim("tenant", List.of()).mint()),
                accept("required claims", "none configured, none present", Setup.DEFAULT, () -> valid().mint()));
    }

    static Stream<Row> identityRules() {
        return Stream.of(
                accept("profile", "mp-jwt accepts typ JWT", Setup.DEFAULT, () -> valid().mint()),
                accept("profile", "mp-jwt accepts typ absent", Setup.DEFAULT, () -> nested(AttackTokens.jws(
                        TestKeys.RSA_SIG.getPrivateKey(), "RS256", claims(), jws -> jws.setKeyIdHeaderValue("sig-rsa")))),
                accept("profile", "mp-jwt accepts typ at+jwt", Setup.DEFAULT,
                        () -> valid().signatureHeader("typ", "at+jwt").mint()),
                accept("profile", "mp-jwt needs no client_id", Setup.DEFAULT, () -> valid().mint()),
                reject("profile", "mp-jwt refuses typ logout+jwt", Setup.DEFAULT, WRONG_TYPE,
                        () -> valid().signatureHeader("typ", "logout+jwt").mint()),
                accept("profile", "rfc9068 accepts typ at+jwt", Setup.RFC9068, () -> accessToken().mint()),
                accept("profile", "rfc9068 accepts typ application/at+jwt", Setup.RFC9068,
                        () -> accessToken().signatureHeader("typ", "application/at+jwt").mint()),
                accept("profile", "rfc9068 accepts typ AT+JWT", Setup.RFC9068,
                        () -> accessToken().signatureHeader("typ", "AT+JWT").mint()),
                reject("profile", "rfc9068 refuses typ JWT", Setup.RFC9068, WRONG_TYPE,
                        () -> accessToken().signatureHeader("typ", "JWT").mint()),
                reject("profile", "rfc9068 refuses typ absent", Setup.RFC9068, WRONG_TYPE, () -> nested(AttackTokens.jws(
                        TestKeys.RSA_SIG.getPrivateKey(), "RS256", accessToken().claimsJson(),
                        jws -> jws.setKeyIdHeaderValue("sig-rsa")))),
                reject("profile", "rfc9068 requires client_id", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("client_id", null).mint()),
                reject("profile", "rfc9068 requires jti", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("jti", null).mint()),
                reject("profile", "rfc9068 requires sub, even with upn", Setup.RFC9068, MISSING_CLAIM,
                        () -> accessToken().claim("upn", "alice").claim("sub", null).mint()),
                accept("principal", "upn first", Setup.DEFAULT, () -> valid().claim("upn", "u")
                        .claim("preferred_username", "p").mint(), t -> assertEquals("u", t.getName())),
                accept("principal", "preferred_username next", Setup.DEFAULT, () -> valid()
                        .claim("preferred_username", "p").mint(), t -> assertEquals("p", t.getName())),
                accept("principal", "sub last", Setup.DEFAULT, () -> valid().mint(),
                        t -> assertEquals("alice", t.getName())),
                reject("principal", "upn empty does not fall back", Setup.DEFAULT, NO_PRINCIPAL,
                        () -> valid().claim("upn", "").claim("preferred_username", "p").mint()),
                reject("principal", "preferred_username blank does not fall back", Setup.DEFAULT, NO_PRINCIPAL,
                        () -> valid().claim("preferred_username", " ").mint()),
                reject("principal", "upn a number", Setup.DEFAULT, NO_PRINCIPAL, () -> valid().claim("upn", 42).mint()),
                reject("principal", "none of upn, preferred_username, sub", Setup.DEFAULT, NO_PRINCIPAL,
                        () -> valid().claim("sub", null).mint()),
                accept("groups path", "groups claim by default", Setup.DEFAULT, () -> withRealmRoles().mint(),
                        t -> assertEquals(Set.of("user"), t.groups())),
                accept("groups path", "realm_access.roles when configured", REALM_ROLES, () -> withRealmRoles().mint(),
                        t -> assertEquals(Set.of("admin", "ops"), t.groups())),
                accept("groups path", "realm_access.roles absent: no roles", REALM_ROLES, () -> valid().mint(),
                        t -> assertEquals(Set.of(), t.groups())),
                accept("groups", "repeated groups count once", Setup.DEFAULT,
                        () -> valid().groups("user", "ops", "user", "ops").mint(),
                        t -> assertEquals(Set.of("user", "ops"), t.groups())),
                accept("groups", "many groups, repeated, count once", Setup.DEFAULT,
                        () -> valid().groups(manyGroupsTwice()).mint(),
                        t -> assertEquals(Set.copyOf(List.of(manyGroupsTwice())), t.groups())),
                accept("scope", "a scope repeating a group counts once", FROM_SCOPE,
                        () -> valid().claim("scope", "user read user").mint(),
                        t -> assertEquals(Set.of("user", "read"), t.groups())),
                reject("groups path", "realm_access.roles a string", REALM_ROLES, MALFORMED_CLAIM,
                        () -> valid().claim("realm_access", Map.of("roles", "admin")).mint()),
                accept("scope", "not roles by default", Setup.DEFAULT, () -> valid().claim("scope", "read write").mint(),
                        t -> assertEquals(Set.of("user"), t.groups())),
                accept("scope", "roles when enabled", FROM_SCOPE, () -> valid().claim("scope", "read  write").mint(),
                        t -> assertEquals(Set.of("user", "read", "write"), t.groups())),
                reject("scope", "not a string when enabled", FROM_SCOPE, MALFORMED_CLAIM,
                        () -> valid().claim("scope", List.of("read")).mint()),
                accept("role map", "maps each group to its roles", ROLE_MAP, () -> valid().mint(),
                        t -> assertEquals(Set.of("member", "reader"), t.groups())),
                accept("role map", "unmapped groups grant nothing", ROLE_MAP, () -> valid().groups("guests").mint(),
                        t -> assertEquals(Set.of(), t.groups())),
                accept("role map", "applies to scopes too", ROLE_MAP_SCOPE,
                        () -> valid().claim("scope", "read write").mint(), t -> assertEquals(Set.of("editor"), t.groups())));
    }

    static Stream<Row> keyRules() {
        return Stream.of(
                accept("algorithms", "PS256 when configured", PS256, () -> signedBy(TestKeys.RSA_SIG, "PS256").mint()),
                reject("algorithms", "RS256 when only PS256 is configured", PS256, ALG_NOT_ALLOWED, () -> valid().mint()),
                reject("algorithms", "PS256 by default", Setup.DEFAULT, ALG_NOT_ALLOWED,
                        () -> signedBy(TestKeys.RSA_SIG, "PS256").mint()),
                accept("algorithms", "RS256 and PS256 both configured: RS256", RS256_PS256, () -> valid().mint()),
                accept("algorithms", "RS256 and PS256 both configured: PS256", RS256_PS256,
                        () -> signedBy(TestKeys.RSA_SIG, "PS256").mint()),
                accept("key pinning", "key with alg PS256 verifies PS256", PINNED_BY_JWK_ALG,
                        () -> signedBy(TestKeys.RSA_SIG, "PS256").mint()),
                reject("key pinning", "key with alg PS256 refuses RS256", PINNED_BY_JWK_ALG, UNKNOWN_KEY,
                        () -> signedBy(TestKeys.RSA_SIG, "RS256").mint()),
                accept("key pinning", "key with alg RS256 verifies RS256", PINNED_BY_JWK_ALG,
                        () -> signedBy(TestKeys.RSA_SIG_2, "RS256").mint()),
                reject("key pinning", "key with alg RS256 refuses PS256", PINNED_BY_JWK_ALG, UNKNOWN_KEY,
                        () -> signedBy(TestKeys.RSA_SIG_2, "PS256").mint()),
                accept("key pinning", "key with use sig verifies", USE_SIG, () -> valid().mint()),
                reject("key pinning", "key with use enc is skipped", Setup.VERIFY_KEY_FOR_ENC, UNKNOWN_KEY,
                        () -> valid().mint()),
                accept("key pinning", "key with key_ops [verify] verifies", OPS_VERIFY, () -> valid().mint()),
                reject("key pinning", "key with key_ops [encrypt] is skipped", Setup.VERIFY_KEY_OPS_ENCRYPT, UNKNOWN_KEY,
                        () -> valid().mint()),
                accept("key pinning", "decryption key with alg RSA-OAEP decrypts RSA-OAEP", DECRYPT_PINNED_BY_JWK_ALG,
                        () -> encryptedWith("RSA-OAEP").mint()),
                reject("key pinning", "decryption key with alg RSA-OAEP refuses RSA-OAEP-256", DECRYPT_PINNED_BY_JWK_ALG,
                        UNKNOWN_KEY, () -> valid().mint()),
                accept("several keys", "first verification key by kid", Setup.TWO_VERIFY_KEYS, () -> valid().mint()),
                accept("several keys", "second verification key by kid", Setup.TWO_VERIFY_KEYS,
                        () -> signedBy(TestKeys.RSA_SIG_2, "RS256").mint()),
                reject("several keys", "signed by the second key under the first kid", Setup.TWO_VERIFY_KEYS,
                        BAD_SIGNATURE, () -> valid().signWith(TestKeys.RSA_SIG_2.getPrivateKey(), "RS256", "sig-rsa").mint()),
                reject("several keys", "no kid among two verification keys is ambiguous", Setup.TWO_VERIFY_KEYS,
                        UNKNOWN_KEY, () -> nested(AttackTokens.jws(TestKeys.RSA_SIG.getPrivateKey(), "RS256", claims(),
                                jws -> jws.setHeader("typ", "JWT")))),
                accept("several keys", "first decryption key by kid", TWO_DECRYPT_KEYS, () -> valid().mint()),
                accept("several keys", "second decryption key by kid", TWO_DECRYPT_KEYS, () -> valid()
                        .encryptFor(RSA_ENC_2.getPublicKey(), "RSA-OAEP-256", "A256GCM", RSA_ENC_2.getKeyId()).mint()),
                reject("several keys", "no kid among two decryption keys is ambiguous", TWO_DECRYPT_KEYS, UNKNOWN_KEY,
                        () -> AttackTokens.jwe(valid().signed(), jwe -> jwe.setContentTypeHeaderValue("JWT"))),
                accept("single key without kid", "token kids are ignored", PEM_KEYS, () -> valid().mint()),
                accept("single key without kid", "any token kid", PEM_KEYS, () -> valid()
                        .signatureHeader("kid", "whatever").encryptionHeader("kid", "anything").mint()),
                accept("single key without kid", "no token kid", PEM_KEYS, () -> AttackTokens.jwe(
                        AttackTokens.jws(TestKeys.RSA_SIG.getPrivateKey(), "RS256", claims(), jws -> { }),
                        jwe -> jwe.setContentTypeHeaderValue("JWT"))),
                reject("single key without kid", "still verifies the signature", PEM_KEYS, BAD_SIGNATURE, () -> valid()
                        .signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "whatever").mint()),
                accept("single key without kid", "inline PEM verification key", INLINE_PEM, () -> valid().mint()),
                accept("EC", "ECDH-ES+A256KW and ES256", Setup.EC, () -> ec().mint()),
                reject("EC", "RS256 when ES256 is configured", Setup.EC, ALG_NOT_ALLOWED,
                        () -> ec().signWith(TestKeys.RSA_SIG.getPrivateKey(), "RS256", "sig-ec").mint()),
                reject("EC", "RSA-OAEP-256 against an EC decryption key", Setup.EC, ALG_NOT_ALLOWED,
                        () -> ec().encryptFor(TestKeys.RSA_ENC.getPublicKey(), "RSA-OAEP-256", "A256GCM", "enc-ec").mint()),
                accept("EdDSA", "Ed25519 signature", Setup.EDDSA, () -> signedBy(TestKeys.ED_SIG, "EdDSA").mint()),
                reject("EdDSA", "another Ed25519 key under our kid", Setup.EDDSA, BAD_SIGNATURE,
                        () -> signedBy(ED_OTHER, "EdDSA").mint()),
                reject("EdDSA", "RS256 when EdDSA is configured", Setup.EDDSA, ALG_NOT_ALLOWED, () -> valid().mint()),
                accept("dir", "oct key, dir/A256GCM", Setup.OCT, () -> oct().mint()),
                accept("dir", "oct key, A256KW/A256GCM", Setup.OCT,
                        () -> oct().encryptFor(TestKeys.OCT_256.getKey(), "A256KW", "A256GCM", "enc-oct").mint()),
                reject("dir", "another 256-bit key under our kid", Setup.OCT, DECRYPTION_FAILED, () -> oct()
                        .encryptFor(new SecretKeySpec(AttackTokens.random(32), "AES"), "dir", "A256GCM", "enc-oct").mint()),
                reject("dir", "RSA-OAEP-256 against an oct key", Setup.OCT, ALG_NOT_ALLOWED, () -> valid().mint()),
                reject("RSA-OAEP", "refused by default", Setup.DEFAULT, ALG_NOT_ALLOWED,
                        () -> encryptedWith("RSA-OAEP").mint()),
                accept("RSA-OAEP", "accepted when configured", Setup.RSA_OAEP, () -> encryptedWith("RSA-OAEP").mint()),
                reject("RSA-OAEP", "configured alone, RSA-OAEP-256 is refused", Setup.RSA_OAEP, ALG_NOT_ALLOWED,
                        () -> valid().mint()));
    }

    static Stream<Row> joseSwitches() {
        return Stream.of(
                reject("content algorithms", "A128CBC-HS256 by default", Setup.DEFAULT, ALG_NOT_ALLOWED,
                        () -> contentAlgorithm("A128CBC-HS256").mint()),
                accept("content algorithms", "A128CBC-HS256 when configured", CBC,
                        () -> contentAlgorithm("A128CBC-HS256").mint()),
                reject("content algorithms", "CBC tag flipped when configured", CBC, DECRYPTION_FAILED,
                        () -> Compact.flipBit(contentAlgorithm("A128CBC-HS256").mint(), Compact.TAG)),
                reject("compression", "refused by default", Setup.DEFAULT, UNSUPPORTED_HEADER,
                        () -> valid().encryptionHeader("zip", "DEF").mint()),
                accept("compression", "accepted when allowed", Setup.COMPRESSION,
                        () -> valid().encryptionHeader("zip", "DEF").mint()),
                reject("signed only", "refused by default", Setup.DEFAULT, ENCRYPTION_REQUIRED, () -> valid().signed()),
                accept("signed only", "accepted when switched on", Setup.SIGNED_ONLY, () -> valid().signed()),
                accept("signed only", "nested still accepted when switched on", Setup.SIGNED_ONLY, () -> valid().mint()),
                reject("signed only", "bad signature when switched on", Setup.SIGNED_ONLY, BAD_SIGNATURE,
                        () -> valid().signWith(TestKeys.ATTACKER_SIG.getPrivateKey(), "RS256", "sig-rsa").signed()),
                reject("signed only", "encrypted-only claims still refused when switched on", Setup.SIGNED_ONLY,
                        WRONG_NESTING, () -> AttackTokens.jwe(claims(), jwe -> jwe.setKeyIdHeaderValue("enc-rsa"))),
                reject("signed only", "expired when switched on", Setup.SIGNED_ONLY, EXPIRED,
                        () -> expiredSecondsAgo(300).signed()),
                accept("max token size", "default fits a normal token", Setup.DEFAULT, () -> valid().mint()),
                reject("max token size", "1024 characters", SMALL_TOKENS, MALFORMED, () -> valid().mint()),
                reject("max header size", "64 bytes", SMALL_HEADERS, MALFORMED, () -> valid().mint()));
    }

    @Test
    void validatorWhenLoneVerificationKeyIsForEncryptionThenDeploymentFails() {
        assertConfigFails(new Setup("lone-use-enc", c -> c.with("mp.jwt.verify.publickey.location",
                c.file("lone-use-enc.jwk", Setup.jwk(TestKeys.RSA_SIG, m -> m.put("use", "enc"))))));
        assertConfigFails(new Setup("lone-ops-encrypt", c -> c.with("mp.jwt.verify.publickey.location",
                c.file("lone-ops.jwk", Setup.jwk(TestKeys.RSA_SIG, m -> m.put("key_ops", List.of("encrypt")))))));
    }

    @Test
    void validatorWhenLoneKeyAlgIsNotAcceptedThenDeploymentFails() {
        assertConfigFails(new Setup("lone-alg-ps256", c -> c.with("mp.jwt.verify.publickey.location",
                c.file("lone-ps256.jwk", Setup.jwk(TestKeys.RSA_SIG, m -> m.put("alg", "PS256"))))));
        assertConfigFails(new Setup("lone-decrypt-use-sig", c -> c.with("mp.jwt.decrypt.key.location",
                c.file("lone-sig.jwk", Setup.privateJwk(TestKeys.RSA_ENC, m -> m.put("use", "sig"))))));
    }

    @Test
    void validatorWhenRefusedAlgorithmIsConfiguredThenDeploymentFails() {
        for (String alg : List.of("RSA1_5", "PBES2-HS256+A128KW")) {
            assertConfigFails(Setup.of("decrypt-" + alg, "mp.jwt.decrypt.key.algorithm", alg));
        }
        for (String alg : List.of("none", "HS256")) {
            assertConfigFails(Setup.of("verify-" + alg, "mp.jwt.verify.publickey.algorithm", alg));
        }
    }

    @Test
    void validatorWhenVerificationKeyIsWeakThenDeploymentFails() {
        PublicJsonWebKey weak = TestKeys.rsa("weak", 1024);
        assertConfigFails(new Setup("weak-rsa", c -> c.with("mp.jwt.verify.publickey.location",
                c.file("weak.jwk", TestKeys.publicJwk(weak)))));
    }

    private static void assertConfigFails(Setup setup) {
        ConfigException e = assertThrows(ConfigException.class, () -> setup.config(dir).validator());
        assertTrue(e.getMessage().contains("mp.jwt."), e.getMessage());
    }

    private static Row accept(String rule, String name, Setup setup, Supplier<String> token) {
        return new Row(rule, name, setup, token, null, t -> { });
    }

    private static Row accept(String rule, String name, Setup setup, Supplier<String> token,
            Consumer<ValidatedToken> check) {
        return new Row(rule, name, setup, token, null, check);
    }

    private static Row reject(String rule, String name, Setup setup, Rejection expected, Supplier<String> token) {
        return new Row(rule, name, setup, token, expected, t -> { });
    }

    /** 20 distinct group names, each twice: more than the validator compares one by one. */
    private static String[] manyGroupsTwice() {
        return java.util.stream.IntStream.range(0, 40).mapToObj(i -> "group-" + (i % 20)).toArray(String[]::new);
    }

    /** A default token whose exp lies {@code seconds} in the past. */
    private static TokenMinter expiredSecondsAgo(int seconds) {
        return valid().issuedAgo(Duration.ofMinutes(5).plusSeconds(seconds));
    }

    private static TokenMinter withTenantAndEmail() {
        return valid().claim("tenant", "t1").claim("email", "alice@example.test");
    }

    private static TokenMinter withRealmRoles() {
        return valid().claim("realm_access", Map.of("roles", List.of("admin", "ops")));
    }

    private static TokenMinter signedBy(PublicJsonWebKey key, String alg) {
        return valid().signWith(key.getPrivateKey(), alg, key.getKeyId());
    }

    private static TokenMinter encryptedWith(String alg) {
        return valid().encryptFor(TestKeys.RSA_ENC.getPublicKey(), alg, "A256GCM", TestKeys.RSA_ENC.getKeyId());
    }

    private static TokenMinter contentAlgorithm(String enc) {
        return valid().encryptFor(TestKeys.RSA_ENC.getPublicKey(), "RSA-OAEP-256", enc, TestKeys.RSA_ENC.getKeyId());
    }
}
