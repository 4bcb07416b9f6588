package dev.gatehouse.filter.token;

/** Turns a bearer token into a validated identity. */
@FunctionalInterface
public interface TokenValidator {

    /**
     * Decrypts, verifies and checks the claims of {@code token}. Never returns {@code null}.
     *
     * @throws TokenRejectedException when the token must not be accepted
     * @throws dev.gatehouse.filter.keys.KeysUnavailableException when keys cannot be had (not the token's fault)
     */
    ValidatedToken validate(String token) throws TokenRejectedException;
}
