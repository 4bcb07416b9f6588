package dev.gatehouse.cdi.ai.provider;

import java.util.Optional;

/**
 * The upstream answered something that cannot be used: malformed JSON, a broken or oversized stream, an error event in
 * the middle of a stream. The message describes the problem in general terms; it never quotes the upstream body (which
 * may echo the prompt) nor any credential. An error event also carries what the provider reported, mapped as the same
 * error answered over HTTP would be ({@link #reported()}), so that a router can decide on it as on an HTTP error.
 */
public class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient UpstreamError reported;

    public ProviderException(String message) {
        super(message);
        this.reported = null;
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
        this.reported = null;
    }

    /** An error event of a stream, with the error it maps to. */
    public ProviderException(String message, UpstreamError reported) {
        super(message);
        this.reported = reported;
    }

    /** The error the provider reported in its stream, mapped; empty when the answer was unreadable instead. */
    public Optional<UpstreamError> reported() {
        return Optional.ofNullable(reported);
    }
}
