package dev.gatehouse.cdi.ai.routing;

import java.time.Duration;
import java.util.List;

import dev.gatehouse.cdi.ai.provider.UpstreamError;

/**
 * A call that could not be served: the caller's own mistake passed on (a provider's 4xx), or every target failed or
 * was unavailable. Carries what the OpenAI-style error answer needs and the attempts made.
 */
public final class GatewayException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient UpstreamError error;
    private final transient List<Attempt> attempts;

    public GatewayException(UpstreamError error, List<Attempt> attempts) {
        super(error.type() + ": " + error.message(), null, false, false);
        this.error = error;
        this.attempts = List.copyOf(attempts);
    }

    public UpstreamError error() {
        return error;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The {@code Retry-After} to answer with, or {@code null}. */
    public Duration retryAfter() {
        return error.retryAfter();
    }
}
