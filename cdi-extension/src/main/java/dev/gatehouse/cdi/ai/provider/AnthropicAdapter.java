package dev.gatehouse.cdi.ai.provider;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

import jakarta.json.JsonObject;

/**
 * The Anthropic Messages API ({@code POST {baseUrl}/messages}) behind the gateway's OpenAI Chat Completions interface.
 * Requests carry {@code x-api-key} (when the provider has a key) and {@code anthropic-version: }{@value #API_VERSION}
 * unless the provider's {@code extraHeaders} name another version (or beta headers). What is translated, and how, is
 * documented on {@link AnthropicRequestBody}, {@link AnthropicCompletion}, {@link AnthropicStreamTranslator} and
 * {@link AnthropicErrors}. Stateless and thread-safe.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    /** The provider kind this adapter speaks. */
    public static final String KIND = "anthropic";

    /** The {@code anthropic-version} sent unless the provider's extra headers give one. */
    public static final String API_VERSION = "2023-06-01";

    /**
     * The {@code max_tokens} sent when the caller gives neither {@code max_completion_tokens} nor {@code max_tokens}:
     * Anthropic requires a limit, OpenAI does not. An answer cut by it ends with {@code finish_reason: length}.
     */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private final int defaultMaxTokens;
    private final Clock clock;
    private final Endpoints endpoints = new Endpoints(AnthropicAdapter::endpoint);

    /** An adapter with {@link #DEFAULT_MAX_TOKENS} and the system clock. */
    public AnthropicAdapter() {
        this(DEFAULT_MAX_TOKENS);
    }

    /**
     * @param defaultMaxTokens the {@code max_tokens} for requests that set no limit (a cost and latency bound: the
     *        model may write up to that many tokens); must be positive
     */
    public AnthropicAdapter(int defaultMaxTokens) {
        this(defaultMaxTokens, Clock.systemUTC());
    }

    /** @param clock gives {@code created} of non-streamed answers and reads HTTP-date {@code retry-after} values */
    public AnthropicAdapter(int defaultMaxTokens, Clock clock) {
        if (defaultMaxTokens <= 0) {
            throw new IllegalArgumentException("defaultMaxTokens must be positive");
        }
        this.defaultMaxTokens = defaultMaxTokens;
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the request asks for something the Messages API cannot give (see
     *         {@link AnthropicRequestBody}); the message names the problem, is safe to show the caller and means a
     *         400 {@code invalid_request_error}
     */
    @Override
    public HttpRequest request(ProviderSettings provider, String model, JsonObject chat, boolean stream) {
        String body = AnthropicRequestBody.of(model, chat, stream, defaultMaxTokens).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoints.of(provider.baseUrl()))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json");
        if (provider.responseTimeout() != null) {
            request.timeout(provider.responseTimeout());
        }
        if (provider.apiKey() != null) {
            request.header("x-api-key", provider.apiKey());
        }
        provider.extraHeaders().forEach(request::setHeader);
        if (provider.extraHeaders().keySet().stream().noneMatch("anthropic-version"::equalsIgnoreCase)) {
            request.header("anthropic-version", API_VERSION);
        }
        return request.build();
    }

    @Override
    public Completion completion(String model, JsonObject body) throws ProviderException {
        return AnthropicCompletion.of(model, body, clock.instant().getEpochSecond());
    }

    @Override
    public StreamTranslator stream(String model, String id, long created) {
        return new AnthropicStreamTranslator(model, id, created);
    }

    @Override
    public UpstreamError error(int status, HttpHeaders headers, String body) {
        return AnthropicErrors.of(status, headers, body, clock);
    }

    private static URI endpoint(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/messages");
    }
}
