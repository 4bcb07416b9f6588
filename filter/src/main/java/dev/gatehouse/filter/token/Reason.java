package dev.gatehouse.filter.token;

/**
 * Why a request was not let through, as RFC 6750 §3.1 sees it: the status and the {@code error} attribute of the
 * challenge. The description shown to clients comes from this fixed table, never from an exception or the token.
 */
public enum Reason {
    /** No credentials: challenge without an error code (RFC 6750 §3.1). */
    MISSING(401, null, null),
    /** More than one token, a token in the query, a malformed {@code Authorization} header. */
    MALFORMED_REQUEST(400, "invalid_request", "The request does not carry the access token in an accepted way"),
    /** Decryption, signature, algorithm, issuer, audience or a required claim failed. */
    INVALID(401, "invalid_token", "The access token is invalid"),
    /** The token's lifetime is over. */
    EXPIRED(401, "invalid_token", "The access token expired"),
    /** Valid token, but its roles do not grant this request. */
    FORBIDDEN(403, "insufficient_scope", "The access token does not grant access to this resource");

    private final int status;
    private final String error;
    private final String description;

    Reason(int status, String error, String description) {
        this.status = status;
        this.error = error;
        this.description = description;
    }

    /** HTTP status of the response. */
    public int status() {
        return status;
    }

    /** RFC 6750 {@code error} attribute, or {@code null} when the challenge carries none. */
    public String error() {
        return error;
    }

    /** Fixed human-readable description, or {@code null} with {@link #MISSING}. */
    public String description() {
        return description;
    }
}
