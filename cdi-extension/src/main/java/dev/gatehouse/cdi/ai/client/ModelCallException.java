package dev.gatehouse.cdi.ai.client;

/**
 * A {@link ModelClient} call that was not served, with the OpenAI-style status, error type and code the HTTP endpoint
 * would have answered (404 {@code model_not_found}, 429 {@code budget_exceeded}, a provider's failure...).
 */
public final class ModelCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String code;

    public ModelCallException(int status, String type, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** OpenAI error {@code code}, or {@code null}. */
    public String code() {
        return code;
    }
}
