package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.tool.TokenMinter;

/**
 * One token algorithm suite, <em>key management / content encryption / signature</em> (e.g.
 * {@code dir/A256GCM/RS256}), with fresh keys: the filter configuration that accepts its tokens (key files written to a
 * folder, as a user configures them) and a minter of valid nested tokens. Nothing is committed or printed.
 */
public final class TokenSuite {

    public static final String ISSUER = "https://idp.bench/realms/gatehouse";
    public static final String AUDIENCE = "gatehouse-api";

    private final String name;
    private final String keyManagement;
    private final String content;
    private final String signature;
    private final JsonWebKey decryptionJwk;
    private final PublicJsonWebKey signingJwk;

    private TokenSuite(String name) throws JoseException {
        String[] parts = name.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("suite is keyManagement/content/signature, not " + name);
        }
        this.name = name;
        this.keyManagement = parts[0];
        this.content = parts[1];
        this.signature = parts[2];
        this.decryptionJwk = decryptionKey(keyManagement);
        this.signingJwk = signingKey(signature);
    }

    /** Generates keys for {@code suite}, e.g. {@code RSA-OAEP-256/A256GCM/RS256}. */
    public static TokenSuite generate(String suite) {
        try {
            return new TokenSuite(suite);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate keys for " + suite, e);
        }
    }

    public String name() {
        return name;
    }

    /** The key a plain jose4j consumer decrypts with. */
    public Key decryptionKey() {
        return decryptionJwk instanceof PublicJsonWebKey pair ? pair.getPrivateKey() : decryptionJwk.getKey();
    }

    /** The key a plain jose4j consumer verifies with. */
    public Key verificationKey() {
        return signingJwk.getPublicKey();
    }

    /**
     * Writes the private decryption JWK and the public verification JWK to {@code dir} and returns the filter
     * properties ({@code mp.jwt.*}, {@code gatehouse.jwt.*}) that accept exactly this suite's tokens.
     */
    public Map<String, String> writeConfig(Path dir) {
        Map<String, String> properties = new HashMap<>();
        properties.put("mp.jwt.verify.issuer", ISSUER);
        properties.put("mp.jwt.verify.audiences", AUDIENCE);
        try {
            properties.put("mp.jwt.decrypt.key.location", Files.writeString(dir.resolve("decrypt.jwk"),
                    decryptionJwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)).toAbsolutePath().toString());
            properties.put("mp.jwt.verify.publickey.location", Files.writeString(dir.resolve("verify.jwk"),
                    signingJwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("mp.jwt.decrypt.key.algorithm", keyManagement);
        properties.put("mp.jwt.verify.publickey.algorithm", signature);
        properties.put("gatehouse.jwt.decrypt.content-algorithm", content);
        // Off: every benchmark here compares full validations (Gatehouse against plain jose4j, the gateway against
        // a direct call) over a pool of tokens sent in turn; with the cache on, every round after the first would
        // be a cache hit and the comparison would mean nothing. TokenValidationBenchmark.gatehouseCached turns it on.
        properties.put(ConfigKeys.TOKEN_CACHE_SIZE, "0");
        return properties;
    }

    /** {@code count} distinct valid tokens, subjects {@code user-0} ..., group {@code user}, lifetime {@code ttl}. */
    public String[] mint(int count, Duration ttl) {
        Key encryptionKey = decryptionJwk instanceof PublicJsonWebKey pair ? pair.getPublicKey()
                : decryptionJwk.getKey();
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = TokenMinter.forSubject("user-" + i).issuer(ISSUER).audience(AUDIENCE).groups("user")
                    .ttl(ttl)
                    .signWith(signingJwk.getPrivateKey(), signature, signingJwk.getKeyId())
                    .encryptFor(encryptionKey, keyManagement, content, decryptionJwk.getKeyId())
                    .mint();
        }
        return tokens;
    }

    /** The key-management, content-encryption and signature algorithm names, for a plain consumer's permit lists. */
    public String[] algorithms() {
        return new String[] {keyManagement, content, signature};
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
}
