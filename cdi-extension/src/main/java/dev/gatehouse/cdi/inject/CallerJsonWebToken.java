package dev.gatehouse.cdi.inject;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.gatehouse.filter.token.ValidatedToken;

/**
 * The caller's {@link ValidatedToken} as an MP-JWT {@link JsonWebToken}: what {@code @Inject JsonWebToken} gives.
 *
 * <p>{@link #getClaim(String)} follows MP-JWT 2.1: a standard claim (one of {@link Claims}) comes as the Java type
 * {@link Claims#getType()} names ({@code String}, {@code Long}, {@code Boolean}, {@code Set<String>} for {@code aud}
 * and {@code groups}, {@code JsonObject} for {@code address}, {@code jwk}, {@code sub_jwk}); any other claim comes as
 * a {@code String} when it is a JSON string, otherwise as its JSON-P type ({@code JsonNumber}, {@code JsonArray},
 * {@code JsonObject}, {@code JsonValue.TRUE}/{@code FALSE}, {@code JsonValue.NULL}). A standard claim whose JSON type
 * does not fit its Java type (say a string {@code email_verified}) reads as absent ({@code null}); inject it as a
 * {@code JsonValue} to see it as sent. {@code raw_token} is the bearer token, {@code groups} the caller's roles.
 *
 * <p><b>No caller</b> (a public path without a token, or a thread the request did not run on): the token is empty,
 * as SmallRye's {@code NullJsonWebToken}: {@link #getName()} and every claim {@code null}, {@link #getClaimNames()},
 * {@link #getGroups()} and {@link #getAudience()} empty, times {@code 0}. No getter throws for a missing claim.
 *
 * <p>Immutable. {@link #toString()} shows neither claims nor the token.
 */
public final class CallerJsonWebToken implements JsonWebToken {

    private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
            .filter(c -> c != Claims.UNKNOWN)
            .collect(Collectors.toUnmodifiableMap(Claims::name, Function.identity()));

    private final ClaimSource claims;

    private CallerJsonWebToken(ClaimSource claims) {
        this.claims = claims;
    }

    /** The JsonWebToken of {@code token}; the empty one (see the class comment) when there is none. */
    public static JsonWebToken of(Optional<ValidatedToken> token) {
        return new CallerJsonWebToken(ClaimSource.of(token));
    }

    /** The principal name ({@code upn}, else {@code preferred_username}, else {@code sub}); null without caller. */
    @Override
    public String getName() {
        ValidatedToken token = claims.token();
        return token == null ? null : token.name();
    }

    /** Every claim in the token, plus {@code raw_token} and {@code groups}. Unmodifiable, empty without caller. */
    @Override
    public Set<String> getClaimNames() {
        return claims.names();
    }

    /** The claim's value as MP-JWT types it (see the class comment), or {@code null} when absent. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) typed(claims, claimName);
    }

    /** The caller's roles (never {@code null}). */
    @Override
    public Set<String> getGroups() {
        ValidatedToken token = claims.token();
        return token == null ? Set.of() : token.groups();
    }

    /** The {@code aud} claim as a set, also when the token carries a single string; empty when absent. */
    @Override
    public Set<String> getAudience() {
        Set<String> audience = getClaim(Claims.aud.name());
        return audience == null ? Set.of() : audience;
    }

    /** {@code exp} in seconds since the epoch; {@code 0} without caller. */
    @Override
    public long getExpirationTime() {
        Long exp = getClaim(Claims.exp.name());
        if (exp != null) {
            return exp;
        }
        ValidatedToken token = claims.token();
        return token == null || token.expiresAt() == null ? 0 : token.expiresAt().getEpochSecond();
    }

    /** {@code iat} in seconds since the epoch; {@code 0} when absent. */
    @Override
    public long getIssuedAtTime() {
        Long iat = getClaim(Claims.iat.name());
        return iat == null ? 0 : iat;
    }

    /** Whether there is a caller and how many claims it has; never a claim value or the token. */
    @Override
    public String toString() {
        ValidatedToken token = claims.token();
        if (token == null) {
            return "JsonWebToken[no caller]";
        }
        Instant exp = token.expiresAt();
        return "JsonWebToken[caller, " + token.claims().size() + " claims, exp=" + exp + "]";
    }

    /** The MP-JWT typed value of claim {@code name} (see the class comment), or {@code null}. */
    static Object typed(ClaimSource claims, String name) {
        if (name == null || !claims.has(name)) {
            return null;
        }
        Object raw = claims.raw(name);
        Claims standard = STANDARD.get(name);
        if (standard != null) {
            return raw == null ? null : ClaimType.of(standard).convert(raw);
        }
        return raw instanceof String ? raw : JsonValues.of(raw);
    }
}
