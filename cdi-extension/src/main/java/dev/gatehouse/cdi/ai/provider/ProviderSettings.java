package dev.gatehouse.cdi.ai.provider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One configured provider ({@code gatehouse.ai.provider.<name>.*}). {@link #toString()} never shows the API key.
 *
 * @param kind {@code openai} (any OpenAI-compatible server), {@code anthropic} or {@code gemini}
 * @param baseUrl e.g. {@code https://api.openai.com/v1}, {@code https://api.anthropic.com/v1},
 *        {@code https://generativelanguage.googleapis.com/v1beta}
 * @param apiKey the provider's key, or {@code null} (a local server); sent only to {@code baseUrl}
 * @param responseTimeout longest wait for the response: to a stream's headers (a long stream is not a timeout), to the
 *        whole answer of a non-streamed call
 * @param streamFirstChunkTimeout longest silence of a stream (no byte at all) before its first chunk: the model's
 *        thinking time when the provider sends no keep-alives
 * @param streamIdleTimeout longest silence of a stream after its first chunk
 * @param extraHeaders sent with every request (e.g. {@code anthropic-version}, an organisation header)
 */
public record ProviderSettings(String name, String kind, URI baseUrl, String apiKey, Duration connectTimeout,
        Duration responseTimeout, Duration streamFirstChunkTimeout, Duration streamIdleTimeout, int maxRetries,
        Map<String, String> extraHeaders) {

    /** Default of {@link #streamFirstChunkTimeout()}: reasoning models may think silently for minutes. */
    public static final Duration DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT = Duration.ofMinutes(5);
    /** Default of {@link #streamIdleTimeout()}: far beyond the gaps of a model that is writing. */
    public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ProviderSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(baseUrl);
        Objects.requireNonNull(streamFirstChunkTimeout);
        Objects.requireNonNull(streamIdleTimeout);
        extraHeaders = Map.copyOf(extraHeaders);
    }

    /** With the default stream timeouts. */
    public ProviderSettings(String name, String kind, URI baseUrl, String apiKey, Duration connectTimeout,
            Duration responseTimeout, int maxRetries, Map<String, String> extraHeaders) {
        this(name, kind, baseUrl, apiKey, connectTimeout, responseTimeout, DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT,
                DEFAULT_STREAM_IDLE_TIMEOUT, maxRetries, extraHeaders);
    }

    @Override
    public String toString() {
        return "ProviderSettings[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + "]";
    }
}
