package dev.gatehouse.cdi.ai.web;

import dev.gatehouse.cdi.ai.provider.UpstreamError;

/**
 * A call the gateway did not serve, as the OpenAI-style error to answer: unknown or forbidden alias (404
 * {@code model_not_found}), budget exceeded (429 {@code budget_exceeded}), the providers' refusal or failure.
 */
public final class ChatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient UpstreamError error;
    private final String code;

    ChatException(UpstreamError error, String code) {
        super(error.type() + ": " + error.message(), null, false, false);
        this.error = error;
        this.code = code;
    }

    public UpstreamError error() {
        return error;
    }

    /** OpenAI error {@code code}, or {@code null}. */
    public String code() {
        return code;
    }
}
