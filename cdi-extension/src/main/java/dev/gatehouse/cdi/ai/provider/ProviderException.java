package dev.gatehouse.cdi.ai.provider;

/**
 * The upstream answered something that cannot be used: malformed JSON, a broken or oversized stream, an error event in
 * the middle of a stream. The message describes the problem in general terms; it never quotes the upstream body (which
 * may echo the prompt) nor any credential.
 */
public class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
