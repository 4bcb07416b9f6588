package dev.gatehouse.filter.tool;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Builds nested access tokens the way an issuer does: claims, signed (JWS), then encrypted (JWE, {@code cty: JWT}).
 * Used by the {@code mint} command, by tests and by benchmarks, so every token in the project comes from one place.
 *
 * <pre>{@code
 * String token = TokenMinter.forSubject("alice").issuer("https://idp.example").audience("api")
 *         .groups("admin").ttl(Duration.ofMinutes(5))
 *         .signWith(signingKey.getPrivateKey(), "RS256", signingKey.getKeyId())
 *         .encryptFor(encryptionKey.getPublicKey(), "RSA-OAEP-256", "A256GCM", encryptionKey.getKeyId())
 *         .mint();
 * }</pre>
 */
public final class TokenMinter {

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Map<String, Object> signatureHeaders = new LinkedHashMap<>();
    private final Map<String, Object> encryptionHeaders = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration ttl = Duration.ofMinutes(5);
    private Duration issuedAgo = Duration.ZERO;
    private Key signingKey;
    private String signatureAlgorithm;
    private Key encryptionKey;
    private String keyManagementAlgorithm;
    private String contentAlgorithm;

    private TokenMinter(String subject) {
        claims.put("sub", subject);
        claims.put("jti", UUID.randomUUID().toString());
    }

    /** A minter for a token about {@code subject}, with a fresh {@code jti} and a five-minute lifetime. */
    public static TokenMinter forSubject(String subject) {
        return new TokenMinter(subject);
    }

    public TokenMinter issuer(String issuer) {
        return claim("iss", issuer);
    }

    /** One audience is written as a string, several as an array. */
    public TokenMinter audience(String... audiences) {
        return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    public TokenMinter groups(String... groups) {
        return claim("groups", List.of(groups));
    }

    /** Lifetime from {@code iat} to {@code exp}; negative values make expired tokens. */
    public TokenMinter ttl(Duration ttl) {
        this.ttl = Objects.requireNonNull(ttl);
        return this;
    }

    /** Moves {@code iat} (and so {@code exp}) into the past by {@code ago}. */
    public TokenMinter issuedAgo(Duration ago) {
        this.issuedAgo = Objects.requireNonNull(ago);
        return this;
    }

    /** The clock that decides {@code iat}. */
    public TokenMinter clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Sets a claim; {@code null} removes it (also {@code iat}/{@code exp}, which are otherwise computed). */
    public TokenMinter claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
            claims.put(name, Removed.INSTANCE);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** Adds a header parameter to the inner JWS ({@code typ}, {@code crit}, ...); {@code null} removes it. */
    public TokenMinter signatureHeader(String name, Object value) {
        signatureHeaders.put(name, value == null ? Removed.INSTANCE : value);
        return this;
    }

    /** Adds a header parameter to the outer JWE; {@code null} removes it (e.g. {@code cty}). */
    public TokenMinter encryptionHeader(String name, Object value) {
        encryptionHeaders.put(name, value == null ? Removed.INSTANCE : value);
        return this;
    }

    /** Signs with {@code key} and {@code algorithm} (RS256, PS256, ES256, EdDSA ...); {@code kid} may be null. */
    public TokenMinter signWith(Key key, String algorithm, String kid) {
        this.signingKey = key;
        this.signatureAlgorithm = algorithm;
        if (kid != null) {
            signatureHeaders.put("kid", kid);
        }
        return this;
    }

    /** Encrypts for {@code key} (the recipient's public or shared key); {@code kid} may be null. */
    public TokenMinter encryptFor(Key key, String keyManagementAlgorithm, String contentAlgorithm, String kid) {
        this.encryptionKey = key;
        this.keyManagementAlgorithm = keyManagementAlgorithm;
        this.contentAlgorithm = contentAlgorithm;
        if (kid != null) {
            encryptionHeaders.put("kid", kid);
        }
        return this;
    }

    /** The claims JSON this minter would sign. */
    public String claimsJson() {
        Instant iat = clock.instant().minus(issuedAgo);
        JwtClaims jwt = new JwtClaims();
        jwt.setClaim("iat", iat.getEpochSecond());
        jwt.setClaim("exp", iat.plus(ttl).getEpochSecond());
        claims.forEach((name, value) -> {
            if (value == Removed.INSTANCE) {
                jwt.unsetClaim(name);
            } else {
                jwt.setClaim(name, value);
            }
        });
        return jwt.toJson();
    }

    /** The signed JWT (compact JWS) without encryption. */
    public String signed() {
        return sign(claimsJson());
    }

    /** Signs {@code payload} as given (for tests that need hand-written claims JSON). */
    public String sign(String payload) {
        Objects.requireNonNull(signingKey, "signWith(...) first");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setKey(signingKey);
        jws.setAlgorithmHeaderValue(signatureAlgorithm);
        jws.setHeader("typ", "JWT");
        apply(signatureHeaders, jws.getHeaders());
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** The nested token: signed, then encrypted with {@code cty: JWT}. */
    public String mint() {
        return encrypt(signed());
    }

    /** Encrypts {@code payload} as given, with {@code cty: JWT} unless removed (for tests of odd nestings). */
    public String encrypt(String payload) {
        Objects.requireNonNull(encryptionKey, "encryptFor(...) first");
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setPayload(payload);
        jwe.setKey(encryptionKey);
        jwe.setAlgorithmHeaderValue(keyManagementAlgorithm);
        jwe.setEncryptionMethodHeaderParameter(contentAlgorithm);
        jwe.setContentTypeHeaderValue("JWT");
        apply(encryptionHeaders, jwe.getHeaders());
        jwe.setDoKeyValidation(false);
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    private static void apply(Map<String, Object> params, org.jose4j.jwx.Headers headers) {
        try {
            Map<String, Object> merged = new LinkedHashMap<>(JsonUtil.parseJson(headers.getFullHeaderAsJsonString()));
            params.forEach((name, value) -> {
                if (value == Removed.INSTANCE) {
                    merged.remove(name);
                } else {
                    merged.put(name, value instanceof Object[] array ? Arrays.asList(array) : value);
                }
            });
            headers.setFullHeaderAsJsonString(JsonUtil.toJson(merged));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot build header: " + e.getMessage(), e);
        }
    }

    private enum Removed { INSTANCE }
}
