package dev.gatehouse.filter.token;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;

import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.keys.KeySet;
import dev.gatehouse.filter.keys.KeySource;
import dev.gatehouse.filter.keys.KeySources;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestKeys;

/**
 * A named validator configuration, written as a user would write properties (see {@link TestConfig}). Validators are
 * built once per test class folder and setup, exactly as the filter builds them.
 */
record Setup(String name, UnaryOperator<TestConfig> configure) {

    static final Setup DEFAULT = new Setup("default", c -> c);
    static final Setup SIGNED_ONLY = of("signed-only", "gatehouse.jwt.insecure-accept-signed-only", "true");
    static final Setup COMPRESSION = of("compression", "gatehouse.jwt.allow-compression", "true");
    static final Setup BIG_LIMITS = new Setup("big-limits", c -> c
            .with("gatehouse.jwt.max-token-size", "1000000").with("gatehouse.jwt.max-header-size", "600000"));
    static final Setup RFC9068 = of("rfc9068", "gatehouse.jwt.profile", "rfc9068");
    static final Setup SCOPE_ROLES = of("scope-roles", "gatehouse.jwt.groups.from-scope", "true");
    /** ECDH-ES+A256KW with {@link TestKeys#EC_ENC}, ES256 with {@link TestKeys#EC_SIG}. */
    static final Setup EC = new Setup("ec", c -> c
            .with("mp.jwt.decrypt.key.location", c.file("ec-decrypt.jwk", TestKeys.privateJwk(TestKeys.EC_ENC)))
            .with("mp.jwt.verify.publickey.location", c.file("ec-verify.jwk", TestKeys.publicJwk(TestKeys.EC_SIG)))
            .with("mp.jwt.verify.publickey.algorithm", "ES256"));
    /** ECDH-ES (direct key agreement, empty encrypted key) with {@link TestKeys#EC_ENC}. */
    static final Setup EC_DIRECT = new Setup("ec-direct", c -> c
            .with("mp.jwt.decrypt.key.location", c.file("ec-decrypt.jwk", TestKeys.privateJwk(TestKeys.EC_ENC)))
            .with("mp.jwt.decrypt.key.algorithm", "ECDH-ES"));
    static final Setup EDDSA = new Setup("eddsa", c -> c
            .with("mp.jwt.verify.publickey.location", c.file("ed-verify.jwk", TestKeys.publicJwk(TestKeys.ED_SIG)))
            .with("mp.jwt.verify.publickey.algorithm", "EdDSA"));
    /** {@link TestKeys#OCT_256}: {@code dir} and {@code A256KW} by default, A256GCM only. */
    static final Setup OCT = new Setup("oct", c -> c
            .with("mp.jwt.decrypt.key.location", c.file("oct.jwk", TestKeys.privateJwk(TestKeys.OCT_256))));
    static final Setup OCT_TWO_CONTENT_ALGS = new Setup("oct-a128gcm-a256gcm", c -> OCT.configure().apply(c)
            .with("gatehouse.jwt.decrypt.content-algorithm", "A128GCM,A256GCM"));
    static final Setup RSA_OAEP = of("rsa-oaep", "mp.jwt.decrypt.key.algorithm", "RSA-OAEP");
    static final Setup TWO_VERIFY_KEYS = new Setup("two-verify-keys", c -> c.with("mp.jwt.verify.publickey.location",
            c.file("two-verify.jwks", TestKeys.publicJwks(TestKeys.RSA_SIG, TestKeys.RSA_SIG_2))));
    /** RSA_SIG marked {@code use: enc}, next to a normal RSA_SIG_2. */
    static final Setup VERIFY_KEY_FOR_ENC = new Setup("verify-key-use-enc", c -> c.with(
            "mp.jwt.verify.publickey.location", c.file("use-enc.jwks",
                    jwks(jwk(TestKeys.RSA_SIG, m -> m.put("use", "enc")), jwk(TestKeys.RSA_SIG_2, m -> { })))));
    /** RSA_SIG marked {@code key_ops: [encrypt]}, next to a normal RSA_SIG_2. */
    static final Setup VERIFY_KEY_OPS_ENCRYPT = new Setup("verify-key-ops-encrypt", c -> c.with(
            "mp.jwt.verify.publickey.location", c.file("ops-encrypt.jwks",
                    jwks(jwk(TestKeys.RSA_SIG, m -> m.put("key_ops", List.of("encrypt"))),
                            jwk(TestKeys.RSA_SIG_2, m -> { })))));

    private static final Map<String, TokenValidator> BUILT = new ConcurrentHashMap<>();

    static Setup of(String name, String property, String value) {
        return new Setup(name, c -> c.with(property, value));
    }

    /** This setup plus one more property. */
    Setup with(String property, String value) {
        return new Setup(name + "+" + property + "=" + value, c -> configure.apply(c).with(property, value));
    }

    TestConfig config(Path dir) {
        return configure.apply(TestConfig.in(dir));
    }

    /** The validator for this setup, built on first use. */
    TokenValidator validator(Path dir) {
        return BUILT.computeIfAbsent(dir + "|" + name, k -> config(dir).validator());
    }

    /** A fresh validator whose key sources count every lookup. */
    CountingValidator countingValidator(Path dir) {
        FilterSettings settings = config(dir).settings();
        KeySources keys = KeySources.create(settings.keys(), settings.jose().contentAlgorithms(),
                getClass().getClassLoader(), Clock.systemUTC());
        CountingKeySource decryption = new CountingKeySource(keys.decryption());
        CountingKeySource verification = new CountingKeySource(keys.verification());
        return new CountingValidator(validator(settings, keys.keyManagementAlgorithms(), decryption, verification,
                Clock.systemUTC()), decryption, verification);
    }

    /** A fresh validator (never cached) that reads the time from {@code clock}. */
    Jose4jTokenValidator validator(Path dir, Clock clock) {
        FilterSettings settings = config(dir).settings();
        KeySources keys = KeySources.create(settings.keys(), settings.jose().contentAlgorithms(),
                getClass().getClassLoader(), clock);
        return validator(settings, keys.keyManagementAlgorithms(), keys.decryption(), keys.verification(), clock);
    }

    static Jose4jTokenValidator validator(FilterSettings settings, java.util.Set<String> keyManagementAlgorithms,
            KeySource decryption, KeySource verification, Clock clock) {
        return new Jose4jTokenValidator(settings.claims(), settings.jose(), keyManagementAlgorithms,
                settings.keys().signatureAlgorithms(), decryption, verification, clock);
    }

    @Override
    public String toString() {
        return name;
    }

    /** A public JWK as JSON, with extra members. */
    static String jwk(JsonWebKey key, Consumer<Map<String, Object>> edit) {
        Map<String, Object> members = Compact.json(TestKeys.publicJwk(key));
        edit.accept(members);
        return JsonUtil.toJson(members);
    }

    /** A private JWK as JSON, with extra members. */
    static String privateJwk(JsonWebKey key, Consumer<Map<String, Object>> edit) {
        Map<String, Object> members = Compact.json(TestKeys.privateJwk(key));
        edit.accept(members);
        return JsonUtil.toJson(members);
    }

    static String jwks(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    record CountingValidator(Jose4jTokenValidator validator, CountingKeySource decryption,
            CountingKeySource verification) {
        int lookups() {
            return decryption.lookups() + verification.lookups();
        }
    }

    /** Delegates and counts {@link #keys()} and {@link #keysAfterUnknownKid()} calls. */
    static final class CountingKeySource implements KeySource {
        private final KeySource delegate;
        private final AtomicInteger keys = new AtomicInteger();
        private final AtomicInteger unknownKid = new AtomicInteger();

        CountingKeySource(KeySource delegate) {
            this.delegate = delegate;
        }

        @Override
        public KeySet keys() {
            keys.incrementAndGet();
            return delegate.keys();
        }

        @Override
        public KeySet keysAfterUnknownKid() {
            unknownKid.incrementAndGet();
            return delegate.keysAfterUnknownKid();
        }

        int lookups() {
            return keys.get() + unknownKid.get();
        }

        int unknownKidLookups() {
            return unknownKid.get();
        }
    }
}
