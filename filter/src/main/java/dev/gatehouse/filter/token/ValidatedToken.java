package dev.gatehouse.filter.token;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A token that passed every check: the caller's principal, with all claims. Immutable; {@link #toString()} shows
 * neither claims nor the token. Stored as request attribute {@link #REQUEST_ATTRIBUTE} for other layers.
 *
 * @param name the principal name: {@code upn}, else {@code preferred_username}, else {@code sub} (MP-JWT order)
 * @param groups the caller's roles, from the configured groups claim (and {@code scope} when enabled)
 * @param claims every claim, deeply unmodifiable (JSON numbers as Long/Double, arrays as List, objects as Map);
 *        nesting deeper than {@link #MAX_DEPTH} is refused with {@link IllegalArgumentException}
 * @param rawToken the bearer token as received (for MP-JWT {@code raw_token}); never logged
 */
public record ValidatedToken(String name, Set<String> groups, Instant expiresAt, Map<String, Object> claims,
        String rawToken) implements Principal {

    /** Deepest nesting of JSON arrays and objects accepted in claims (top-level values are at depth 1). */
    public static final int MAX_DEPTH = 32;

    /** Request attribute under which the filter stores the validated token. */
    public static final String REQUEST_ATTRIBUTE = ValidatedToken.class.getName();

    public ValidatedToken {
        Objects.requireNonNull(name);
        groups = Set.copyOf(groups);
        claims = claims instanceof FrozenClaims ? claims : frozenMap(claims, 1);
    }

    /**
     * Claims for a token built by {@link ClaimChecks}: {@code owned} is a fresh map nobody else holds (jose4j's
     * {@code getClaimsMap()} copy, whose nested values belong to a {@code JwtClaims} about to be dropped), so its
     * nested values are wrapped where they are instead of being copied.
     */
    static Map<String, Object> adopt(Map<String, Object> owned) {
        owned.replaceAll((name, value) -> wrapped(value, 1));
        return new FrozenClaims(owned);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The {@code sub} claim, or {@code null}. */
    public String subject() {
        return claim("sub") instanceof String s ? s : null;
    }

    /** The {@code iss} claim. */
    public String issuer() {
        return claim("iss") instanceof String s ? s : null;
    }

    /** A claim's value, or {@code null} when absent. */
    public Object claim(String claimName) {
        return claims.get(claimName);
    }

    @Override
    public String toString() {
        return "ValidatedToken[name=" + name + ", exp=" + expiresAt + "]";
    }

    private static Map<String, Object> frozenMap(Map<String, ?> map, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, frozen(v, depth)));
        return new FrozenClaims(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object wrapped(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("claims nest deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).replaceAll((k, v) -> wrapped(v, depth + 1));
            return Collections.unmodifiableMap(m);
        }
        if (value instanceof List<?> l) {
            ((List<Object>) l).replaceAll(v -> wrapped(v, depth + 1));
            return Collections.unmodifiableList(l);
        }
        return value;
    }

    /**
     * The deeply unmodifiable claims of a token. Only this class makes them, so a token built from another token's
     * claims shares them instead of copying them again.
     */
    private static final class FrozenClaims extends java.util.AbstractMap<String, Object> {

        private final Map<String, Object> claims;

        FrozenClaims(Map<String, Object> claims) {
            this.claims = Collections.unmodifiableMap(claims);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return claims.entrySet();
        }

        @Override
        public Object get(Object key) {
            return claims.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return claims.containsKey(key);
        }

        @Override
        public int size() {
            return claims.size();
        }
    }

    @SuppressWarnings("unchecked")
    private static Object frozen(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("claims nest deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof Map<?, ?> m) {
            return frozenMap((Map<String, ?>) m, depth + 1);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(frozen(v, depth + 1)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
