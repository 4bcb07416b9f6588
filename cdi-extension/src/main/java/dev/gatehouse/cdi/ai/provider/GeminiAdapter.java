package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

import jakarta.json.JsonObject;

/**
 * The Google Gemini API ({@code gemini}): {@code POST {baseUrl}/models/{model}:generateContent}, streamed as
 * {@code :streamGenerateContent?alt=sse}, the key in the {@code x-goog-api-key} header (never in the URL).
 * <ul>
 * <li>request: {@link GeminiRequestBody}, {@link GeminiContents}; {@link #request} throws
 * {@link IllegalArgumentException}, with a message fit for the caller, for what Gemini models cannot be asked
 * through this adapter ({@code n > 1}, tools, non-text parts);</li>
 * <li>answer: {@link GeminiAnswer}, {@link GeminiCompletion}; a prompt blocked by {@code promptFeedback.blockReason}
 * is a 200 answer with empty content and {@code finish_reason: content_filter}, like an answer cut by a filter, and
 * in a stream the same (headers are sent before Gemini says it blocked);</li>
 * <li>stream: {@link GeminiStreamTranslator}; usage: {@link GeminiUsage}; errors: {@link GeminiErrors}.</li>
 * </ul>
 * Stateless and thread-safe.
 *
 * @see <a href="https://ai.google.dev/api/generate-content">Gemini API: generating content</a>
 */
public final class GeminiAdapter implements ProviderAdapter {

    public static final String KIND = "gemini";

    /** The header that carries the API key. */
    static final String API_KEY_HEADER = "x-goog-api-key";

    private final Clock clock;

    public GeminiAdapter() {
        this(Clock.systemUTC());
    }

    /** @param clock for {@code created} and {@code Retry-After} dates */
    public GeminiAdapter(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the request asks for something not supported for Gemini models (the
     *         message names it and can be shown to the caller), or the model name is not a Gemini model id
     */
    @Override
    public HttpRequest request(ProviderSettings provider, String model, JsonObject chat, boolean stream) {
        JsonObject body = GeminiRequestBody.from(chat);
        HttpRequest.Builder request = HttpRequest.newBuilder(GeminiEndpoint.of(provider.baseUrl(), model, stream))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (provider.responseTimeout() != null) {
            request.timeout(provider.responseTimeout());
        }
        provider.extraHeaders().forEach(request::setHeader);
        request.setHeader("Content-Type", "application/json");
        if (stream) {
            request.setHeader("Accept", "text/event-stream");
        }
        if (provider.apiKey() != null) {
            request.setHeader(API_KEY_HEADER, provider.apiKey());
        }
        return request.build();
    }

    @Override
    public Completion completion(String model, JsonObject body) throws ProviderException {
        return GeminiCompletion.of(model, body, clock.instant().getEpochSecond());
    }

    @Override
    public StreamTranslator stream(String model, String id, long created) {
        return new GeminiStreamTranslator(model, id, created);
    }

    @Override
    public UpstreamError error(int status, HttpHeaders headers, String body) {
        return GeminiErrors.map(status, headers, body, clock);
    }
}
