package dev.gatehouse.filter.token;

/**
 * Stable codes for why a token or request was rejected, for logs and audit events; each maps to one RFC 6750
 * {@link Reason}. Clients only ever see the reason's generic description.
 */
public enum Rejection {
    MISSING(Reason.MISSING),
    MULTIPLE_TOKENS(Reason.MALFORMED_REQUEST),
    MALFORMED_HEADER(Reason.MALFORMED_REQUEST),
    /** Compact serialization, base64url, JSON or size is wrong. */
    MALFORMED(Reason.INVALID),
    /** A bare JWS where an encrypted token is required. */
    ENCRYPTION_REQUIRED(Reason.INVALID),
    /** Not exactly one JWE around exactly one signed JWS (signature stripped, cty missing, extra layers). */
    WRONG_NESTING(Reason.INVALID),
    ALG_NOT_ALLOWED(Reason.INVALID),
    /** {@code crit}, {@code zip} or another header Gatehouse refuses. */
    UNSUPPORTED_HEADER(Reason.INVALID),
    UNKNOWN_KEY(Reason.INVALID),
    DECRYPTION_FAILED(Reason.INVALID),
    BAD_SIGNATURE(Reason.INVALID),
    EXPIRED(Reason.EXPIRED),
    /** Older than {@code mp.jwt.verify.token.age}. */
    TOO_OLD(Reason.EXPIRED),
    NOT_YET_VALID(Reason.INVALID),
    ISSUED_IN_FUTURE(Reason.INVALID),
    LIFETIME_TOO_LONG(Reason.INVALID),
    WRONG_ISSUER(Reason.INVALID),
    WRONG_AUDIENCE(Reason.INVALID),
    WRONG_TYPE(Reason.INVALID),
    MISSING_CLAIM(Reason.INVALID),
    MALFORMED_CLAIM(Reason.INVALID),
    /** None of upn, preferred_username, sub is a non-empty string. */
    NO_PRINCIPAL(Reason.INVALID),
    /** A valid token whose roles a path rule does not accept. */
    FORBIDDEN_BY_RULE(Reason.FORBIDDEN);

    private final Reason reason;

    Rejection(Reason reason) {
        this.reason = reason;
    }

    /** The RFC 6750 outcome. */
    public Reason reason() {
        return reason;
    }
}
