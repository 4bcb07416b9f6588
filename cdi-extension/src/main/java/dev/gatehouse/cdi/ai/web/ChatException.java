package dev.gatehouse.cdi.ai.web;

import dev.gatehouse.cdi.ai.provider.UpstreamError;
import dev.gatehouse.cdi.ai.routing.RoutedStream;

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

    /**
     * How a stream that had begun, and did not complete, failed: the provider went silent
     * ({@link RoutedStream.End#UPSTREAM_STALLED}: 504, code {@code upstream_stream_timeout}), else broke off (502,
     * {@code upstream_stream_error}). The HTTP endpoint sends it as the stream's last event.
     */
    public static ChatException streamEnded(RoutedStream.End end) {
        return end == RoutedStream.End.UPSTREAM_STALLED
                ? new ChatException(new UpstreamError(504, "api_error", "The model provider's stream stalled", null),
                        "upstream_stream_timeout")
                : new ChatException(new UpstreamError(502, "api_error", "The model provider's stream broke off", null),
                        "upstream_stream_error");
    }

    public UpstreamError error() {
        return error;
    }

    /** OpenAI error {@code code}, or {@code null}. */
    public String code() {
        return code;
    }
}
