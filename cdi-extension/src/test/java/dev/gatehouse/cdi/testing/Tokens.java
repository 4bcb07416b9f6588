package dev.gatehouse.cdi.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.filter.token.ValidatedToken;

/** Validated tokens minted directly (the filter's validation is tested in the filter module). */
public final class Tokens {

    /** {@code exp} of {@link #alice()}. */
    public static final long EXP = 1_900_000_000L;
    /** {@code iat} of {@link #alice()}. */
    public static final long IAT = EXP - 600;
    /** Stands for the bearer token; not a real one. */
    public static final String ALICE_RAW_TOKEN = "raw-token-of-alice";

    private Tokens() {
    }

    /**
     * A caller with the standard claims ({@code aud} as a single string) and custom claims of every JSON type:
     * {@code customString}, {@code customInteger}, {@code customDouble}, {@code customBoolean}, {@code customArray},
     * {@code customObject} (nested), {@code customNull}.
     */
    public static ValidatedToken alice() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://issuer.example");
        claims.put("sub", "u-123");
        claims.put("upn", "alice@example.com");
        claims.put("aud", "orders-api");
        claims.put("exp", EXP);
        claims.put("iat", IAT);
        claims.put("jti", "token-1");
        claims.put("groups", List.of("buyer", "admin"));
        claims.put("email_verified", true);
        claims.put("customString", "hello");
        claims.put("customInteger", 42L);
        claims.put("customDouble", 3.25);
        claims.put("customBoolean", true);
        claims.put("customArray", List.of("a", "b"));
        claims.put("customObject", Map.of("tenant", Map.of("id", 7L, "roles", List.of("r1", "r2"))));
        claims.put("customNull", null);
        return new ValidatedToken("alice@example.com", Set.of("buyer", "admin"), Instant.ofEpochSecond(EXP), claims,
                ALICE_RAW_TOKEN);
    }

    /** A caller named {@code name} (also its {@code sub}) with {@code extra} besides {@code sub} and {@code exp}. */
    public static ValidatedToken with(String name, Set<String> roles, Map<String, Object> extra) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", name);
        claims.put("exp", EXP);
        claims.putAll(extra);
        return new ValidatedToken(name, roles, Instant.ofEpochSecond(EXP), claims, "raw-token-of-" + name);
    }
}
