package dev.gatehouse.filter.token;

/**
 * A token or request that must not pass. Carries a stable {@link Rejection} code; the message is that code alone,
 * so the exception can be logged without leaking token text or claims. The jose4j cause (whose message may contain
 * claims) is kept for DEBUG-level diagnosis only.
 */
public class TokenRejectedException extends Exception {

    private final Rejection rejection;

    public TokenRejectedException(Rejection rejection) {
        this(rejection, null);
    }

    public TokenRejectedException(Rejection rejection, Throwable cause) {
        super(rejection.name(), cause, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    public Reason reason() {
        return rejection.reason();
    }
}
