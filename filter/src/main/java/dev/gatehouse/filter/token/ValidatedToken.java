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
 * @param claims every claim, deeply unmodifiable (JSON numbers as Long/Double, arrays as List, objects as Map)
 * @param rawToken the bearer token as received (for MP-JWT {@code raw_token}); never logged
 */
public record ValidatedToken(String name, Set<String> groups, Instant expiresAt, Map<String, Object> claims,
        String rawToken) implements Principal {

    /** Request attribute under which the filter stores the validated token. */
    public static final String REQUEST_ATTRIBUTE = ValidatedToken.class.getName();

    public ValidatedToken {
        Objects.requireNonNull(name);
        groups = Set.copyOf(groups);
        claims = frozenMap(claims);
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

    private static Map<String, Object> frozenMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, frozen(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> m) {
            return frozenMap((Map<String, ?>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
