package dev.gatehouse.filter.token;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

import dev.gatehouse.filter.config.ClaimSettings;

/**
 * Claim rules jose4j does not have, run after it checked signature, {@code exp}, {@code nbf}, {@code iss} and
 * {@code aud}: {@code iat} not in the future, token age, maximum lifetime, required claims (present and not empty),
 * bounded nesting, principal name and roles.
 */
final class ClaimChecks {

    private static final List<String> STRING_CLAIMS = List.of("sub", "jti", "client_id");
    private static final List<String> PRINCIPAL_CLAIMS = List.of("upn", "preferred_username", "sub");

    private final ClaimSettings settings;
    private final Clock clock;
    private final Set<String> required;
    private final String[] groupsPath;

    ClaimChecks(ClaimSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Set<String> all = new LinkedHashSet<>(settings.requiredClaims());
        all.addAll(settings.profile().requiredClaims());
        this.required = Set.copyOf(all);
        this.groupsPath = settings.groupsPath().split("\\.");
    }

    /** Applies the rules and builds the caller's identity. */
    ValidatedToken identity(JwtClaims claims, String rawToken) throws TokenRejectedException {
        try {
            long now = clock.instant().getEpochSecond();
            long skew = settings.clockSkew().toSeconds();
            NumericDate exp = claims.getExpirationTime();
            NumericDate iat = claims.getIssuedAt();
            if (exp == null || iat == null) {
                throw new TokenRejectedException(Rejection.MISSING_CLAIM);
            }
            if (iat.getValue() > now + skew) {
                throw new TokenRejectedException(Rejection.ISSUED_IN_FUTURE);
            }
            if (settings.tokenAge() != null && now - skew > iat.getValue() + settings.tokenAge().toSeconds()) {
                throw new TokenRejectedException(Rejection.TOO_OLD);
            }
            long maxLifetime = settings.maxLifetime().toSeconds();
            // exp - now needs no check of its own: iat <= now + skew bounds it by maxLifetime + skew
            if (difference(exp.getValue(), iat.getValue()) > maxLifetime) {
                throw new TokenRejectedException(Rejection.LIFETIME_TOO_LONG);
            }
            for (String claim : required) {
                if (isEmpty(claims.getClaimValue(claim))) {
                    throw new TokenRejectedException(Rejection.MISSING_CLAIM);
                }
            }
            for (String claim : STRING_CLAIMS) {
                claims.getStringClaimValue(claim);
            }
            // the token's constructor refuses claims nested deeper than ValidatedToken.MAX_DEPTH
            return new ValidatedToken(principal(claims), roles(claims), Instant.ofEpochSecond(exp.getValue()),
                    ValidatedToken.adopt(claims.getClaimsMap()), rawToken);
        } catch (MalformedClaimException | ClassCastException | IllegalArgumentException e) {
            throw new TokenRejectedException(Rejection.MALFORMED_CLAIM, e);
        }
    }

    /** {@code a - b}, saturated: a far-past {@code iat} must not wrap around into a short lifetime. */
    private static long difference(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            return a > b ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /** A required claim must mean something: null, a blank string, an empty array or object does not. */
    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static String principal(JwtClaims claims) throws TokenRejectedException {
        for (String name : PRINCIPAL_CLAIMS) {
            Object value = claims.getClaimValue(name);
            if (value != null) {
                if (value instanceof String s && !s.isBlank()) {
                    return s;
                }
                throw new TokenRejectedException(Rejection.NO_PRINCIPAL);
            }
        }
        throw new TokenRejectedException(Rejection.NO_PRINCIPAL);
    }

    private Set<String> roles(JwtClaims claims) throws TokenRejectedException, MalformedClaimException {
        List<String> roles = new ArrayList<>();
        Object node = claims.getClaimValue(groupsPath[0]);
        for (int i = 1; i < groupsPath.length && node != null; i++) {
            node = node instanceof Map<?, ?> map ? map.get(groupsPath[i]) : null;
        }
        if (node != null) {
            if (!(node instanceof List<?> list)) {
                throw new TokenRejectedException(Rejection.MALFORMED_CLAIM);
            }
            for (Object role : list) {
                if (!(role instanceof String name)) {
                    throw new TokenRejectedException(Rejection.MALFORMED_CLAIM);
                }
                roles.add(name);
            }
        }
        if (settings.groupsFromScope()) {
            String scope = claims.getStringClaimValue("scope");
            if (scope != null) {
                for (String value : scope.split(" ")) {
                    if (!value.isEmpty()) {
                        roles.add(value);
                    }
                }
            }
        }
        return settings.roleMap().rolesOf(distinct(roles));
    }

    /**
     * The names without repeats, as an immutable set. A token carries a handful of groups: for those, comparing each
     * with the ones kept is cheaper than the hash set {@link Set#copyOf} builds first (and the token keeps the set
     * as it is, since it is already immutable).
     */
    static Set<String> distinct(List<String> names) {
        if (names.size() > 16) {
            return Set.copyOf(names);
        }
        String[] kept = new String[names.size()];
        int count = 0;
        next:
        for (String name : names) {
            for (int i = 0; i < count; i++) {
                if (kept[i].equals(name)) {
                    continue next;
                }
            }
            kept[count++] = name;
        }
        return Set.of(count == kept.length ? kept : java.util.Arrays.copyOf(kept, count));
    }
}
