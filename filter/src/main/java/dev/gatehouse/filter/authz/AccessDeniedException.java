package dev.gatehouse.filter.authz;

/**
 * Thrown by Gatehouse's annotation enforcement (the CDI interceptor, the JAX-RS filter) when the current caller may not
 * run the protected code. {@code BearerAuthFilter} and Gatehouse's JAX-RS exception mapper turn it into 401 (no
 * caller) or 403 {@code insufficient_scope} (a caller without the role), with the same challenge as the filter's own
 * refusals. The message names the protected element (class and method), never the caller or the token.
 */
public final class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean authenticated;
    private final String element;

    /**
     * @param authenticated whether there was a caller (403) or not (401)
     * @param element the protected element, e.g. {@code com.example.Billing#charge}
     */
    public AccessDeniedException(boolean authenticated, String element) {
        super((authenticated ? "Caller lacks the role required by " : "No authenticated caller for ") + element, null,
                false, false);
        this.authenticated = authenticated;
        this.element = element;
    }

    /** The protected element, e.g. {@code com.example.Billing#charge} (for the audit event's rule). */
    public String element() {
        return element;
    }

    /** Whether there was an authenticated caller: 403 when true, 401 when false. */
    public boolean authenticated() {
        return authenticated;
    }
}
