package dev.gatehouse.filter.token;

/**
 * Where the bearer token travels (MP-JWT 2.1 {@code mp.jwt.token.header} / {@code mp.jwt.token.cookie}).
 *
 * @param cookieName the cookie holding the token, or {@code null} for the {@code Authorization} header
 */
public record TokenTransport(String cookieName) {

    /** The RFC 6750 §2.1 default: {@code Authorization: Bearer}. */
    public static final TokenTransport AUTHORIZATION_HEADER = new TokenTransport(null);

    /** Whether the token is read from a cookie instead of the {@code Authorization} header. */
    public boolean usesCookie() {
        return cookieName != null;
    }
}
