package dev.gatehouse.filter.token;

import static dev.gatehouse.filter.token.Compact.b64;
import static dev.gatehouse.filter.token.Compact.join;

import java.security.Key;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.function.Consumer;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import dev.gatehouse.filter.testing.TestKeys;
import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.filter.tool.TokenMinter;

/** Minters and hand-built tokens for the attack tests, matching the {@link Setup}s. */
final class AttackTokens {

    /** The nested JWS header TokenMinter writes by default. */
    static final String JWS_HEADER = "{\"alg\":\"RS256\",\"kid\":\"sig-rsa\",\"typ\":\"JWT\"}";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AttackTokens() {
    }

    /** RS256 inside RSA-OAEP-256/A256GCM: valid for {@link Setup#DEFAULT}. */
    static TokenMinter valid() {
        return TestTokens.valid();
    }

    /** ES256 inside ECDH-ES+A256KW/A256GCM: valid for {@link Setup#EC}. */
    static TokenMinter ec() {
        return TestTokens.signedOnly()
                .signWith(TestKeys.EC_SIG.getPrivateKey(), "ES256", TestKeys.EC_SIG.getKeyId())
                .encryptFor(TestKeys.EC_ENC.getPublicKey(), "ECDH-ES+A256KW", "A256GCM", TestKeys.EC_ENC.getKeyId());
    }

    /** RS256 inside dir/A256GCM: valid for {@link Setup#OCT}. */
    static TokenMinter oct() {
        return TestTokens.valid().encryptFor(TestKeys.OCT_256.getKey(), "dir", "A256GCM", TestKeys.OCT_256.getKeyId());
    }

    /** An RFC 9068 access token: valid for {@link Setup#RFC9068}. */
    static TokenMinter accessToken() {
        return TestTokens.valid().signatureHeader("typ", "at+jwt").claim("client_id", "client-1");
    }

    /** {@code jws} (any text) encrypted as the default setup expects, with {@code cty: JWT}. */
    static String nested(String jws) {
        return valid().encrypt(jws);
    }

    static String claims() {
        return valid().claimsJson();
    }

    /**
     * A JWS over {@code payload} whose header holds {@code alg} and only what {@code headers} sets (TokenMinter
     * always writes {@code typ}, and writes JSON nulls where it is asked to remove a parameter).
     */
    static String jws(Key key, String alg, String payload, Consumer<JsonWebSignature> headers) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(alg);
        jws.setKey(key);
        jws.setPayload(payload);
        headers.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWE around {@code payload} for our RSA key whose header holds alg, enc and only what {@code headers} sets. */
    static String jwe(String payload, Consumer<JsonWebEncryption> headers) {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue("RSA-OAEP-256");
        jwe.setEncryptionMethodHeaderParameter("A256GCM");
        jwe.setKey(TestKeys.RSA_ENC.getPublicKey());
        jwe.setPayload(payload);
        headers.accept(jwe);
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWS signed by our RS256 key over exactly {@code header}. */
    static String rawJws(String header) {
        return Compact.signRaw(header, claims(), TestKeys.RSA_SIG.getPrivateKey(), "SHA256withRSA");
    }

    /** An "unsecured" JWS with the given alg and signature bytes (empty array: empty signature). */
    static String unsecured(String alg, byte[] signature) {
        return b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(claims()) + "." + b64(signature);
    }

    /** The JWE a correct RSA1_5 sender would produce for our key. */
    static String rsa15(String payload) {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jwe.setAlgorithmHeaderValue("RSA1_5");
        jwe.setEncryptionMethodHeaderParameter("A256GCM");
        jwe.setContentTypeHeaderValue("JWT");
        jwe.setKeyIdHeaderValue(TestKeys.RSA_ENC.getKeyId());
        jwe.setKey(TestKeys.RSA_ENC.getPublicKey());
        jwe.setPayload(payload);
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PBES2 JWE with the given iteration count: parts random, since no sane consumer gets to use them. */
    static String pbes2(long p2c) {
        String header = "{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"p2s\":\""
                + b64(random(16)) + "\",\"p2c\":" + p2c + "}";
        return join(b64(header), b64(random(40)), b64(random(12)), b64(random(200)), b64(random(16)));
    }

    /** A {@code zip: DEF} JWE for our key whose plaintext inflates to {@code bytes} bytes. */
    static String zipBomb(int bytes) {
        return valid().encryptionHeader("zip", "DEF").encrypt("0".repeat(bytes));
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
