package dev.gatehouse.cdi.inject;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;

import dev.gatehouse.filter.token.ValidatedToken;
import dev.gatehouse.filter.web.CurrentCaller;

/**
 * A caller's claims by name, as injection sees them: the token's claims, plus {@code raw_token} (the bearer token)
 * and {@code groups} (the caller's roles as the filter resolved them, so {@code getGroups()}, {@code @Claim("groups")}
 * and role checks agree even when the roles come from another claim or from {@code scope}). Empty when there is no
 * caller.
 */
final class ClaimSource {

    private static final String RAW_TOKEN = Claims.raw_token.name();
    private static final String GROUPS = Claims.groups.name();

    private final ValidatedToken token;

    private ClaimSource(ValidatedToken token) {
        this.token = token;
    }

    static ClaimSource of(Optional<ValidatedToken> token) {
        return new ClaimSource(token.orElse(null));
    }

    /** The claims of the caller of the request on this thread ({@link CurrentCaller}). */
    static ClaimSource current() {
        return of(CurrentCaller.token());
    }

    /** The caller's token, or {@code null}. */
    ValidatedToken token() {
        return token;
    }

    /** Whether the caller's token has claim {@code name} (with any value, JSON {@code null} included). */
    boolean has(String name) {
        if (token == null) {
            return false;
        }
        if (RAW_TOKEN.equals(name)) {
            return token.rawToken() != null;
        }
        if (GROUPS.equals(name)) {
            return !token.groups().isEmpty() || token.claims().containsKey(GROUPS);
        }
        return token.claims().containsKey(name);
    }

    /** Claim {@code name} as the token holds it; {@code null} when absent or JSON {@code null} (see {@link #has}). */
    Object raw(String name) {
        if (token == null) {
            return null;
        }
        if (RAW_TOKEN.equals(name)) {
            return token.rawToken();
        }
        if (GROUPS.equals(name)) {
            return token.groups();
        }
        return token.claims().get(name);
    }

    /** Every claim name {@link #has} answers {@code true} for. Unmodifiable. */
    Set<String> names() {
        if (token == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>(token.claims().keySet());
        if (has(RAW_TOKEN)) {
            names.add(RAW_TOKEN);
        }
        if (has(GROUPS)) {
            names.add(GROUPS);
        }
        return Collections.unmodifiableSet(names);
    }
}
