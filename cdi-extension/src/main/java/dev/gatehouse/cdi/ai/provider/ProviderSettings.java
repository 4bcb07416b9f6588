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
 * @param responseTimeout longest wait for the response headers (a long stream is not a timeout)
 * @param extraHeaders sent with every request (e.g. {@code anthropic-version}, an organisation header)
 */
public record ProviderSettings(String name, String kind, URI baseUrl, String apiKey, Duration connectTimeout,
        Duration responseTimeout, int maxRetries, Map<String, String> extraHeaders) {

    public ProviderSettings {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(baseUrl);
        extraHeaders = Map.copyOf(extraHeaders);
    }

    @Override
    public String toString() {
        return "ProviderSettings[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + "]";
    }
}
