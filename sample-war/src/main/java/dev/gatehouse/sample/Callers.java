package dev.gatehouse.sample;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

import dev.gatehouse.filter.token.ValidatedToken;

/** The caller of a protected JAX-RS request, as Gatehouse validated it. */
final class Callers {

    private Callers() {
    }

    /**
     * The {@link ValidatedToken} that is the request's principal.
     *
     * @throws IllegalStateException (a 500) when the principal is not Gatehouse's: the server replaced the request
     *         Gatehouse wrapped, which is a deployment problem, not the caller's
     */
    static ValidatedToken token(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal instanceof ValidatedToken token) {
            return token;
        }
        throw new IllegalStateException("The principal is not a Gatehouse token but "
                + (principal == null ? "null" : principal.getClass().getName()));
    }
}
