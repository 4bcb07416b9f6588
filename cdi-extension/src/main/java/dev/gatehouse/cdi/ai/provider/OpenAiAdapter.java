package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Objects;

import jakarta.json.JsonObject;

/**
 * OpenAI Chat Completions ({@code POST {baseUrl}/chat/completions}), spoken by OpenAI itself and by the servers that
 * copy its API: Mistral, Ollama's {@code /v1}, vLLM, LM Studio. The caller's body passes through with the target's
 * {@code model}; the answer is already in OpenAI's shape and only normalised (see {@link OpenAiRequest},
 * {@link OpenAiCompletion}, {@link OpenAiStreamTranslator}, {@link OpenAiErrors}). Stateless and thread-safe.
 */
public final class OpenAiAdapter implements ProviderAdapter {

    /** The configured {@code kind} of an OpenAI-compatible provider. */
    public static final String KIND = "openai";

    private final OpenAiErrors errors;
    private final Endpoints endpoints = new Endpoints(OpenAiRequest::endpoint);

    public OpenAiAdapter() {
        this(Clock.systemUTC());
    }

    /** With the clock that turns a {@code Retry-After} date into a wait. */
    public OpenAiAdapter(Clock clock) {
        this.errors = new OpenAiErrors(Objects.requireNonNull(clock));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public HttpRequest request(ProviderSettings provider, String model, JsonObject chat, boolean stream) {
        return OpenAiRequest.of(endpoints.of(provider.baseUrl()), provider, model, chat, stream);
    }

    @Override
    public Completion completion(String model, JsonObject body) throws ProviderException {
        return OpenAiCompletion.of(model, body);
    }

    @Override
    public StreamTranslator stream(String model, String id, long created) {
        return new OpenAiStreamTranslator(model, id, created, errors);
    }

    @Override
    public UpstreamError error(int status, HttpHeaders headers, String body) {
        return errors.map(status, headers, body);
    }
}
