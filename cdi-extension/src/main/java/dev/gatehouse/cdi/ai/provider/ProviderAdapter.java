package dev.gatehouse.cdi.ai.provider;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;

import jakarta.json.JsonObject;

/**
 * One provider API behind the gateway's OpenAI-style interface. Implementations are stateless and thread-safe; the
 * request they get has been validated (messages present, roles known) and names the provider's model.
 */
public interface ProviderAdapter {

    /** The provider kind this adapter speaks, as configured ({@code openai}, {@code anthropic}, {@code gemini}). */
    String kind();

    /**
     * The provider's HTTP request for an OpenAI Chat Completions request.
     *
     * @param model the provider's model name (the target's, not the caller's alias)
     * @param chat the caller's request body (OpenAI shape); its {@code model} and {@code stream} are ignored
     * @param stream whether to ask for a stream (and, where the API needs it, for usage in the stream)
     * @throws IllegalArgumentException when the request asks for something this provider cannot do (e.g. {@code n > 1},
     *         tools); its message is fixed text meant for the caller, who gets 400 {@code invalid_request_error}
     */
    HttpRequest request(ProviderSettings provider, String model, JsonObject chat, boolean stream);

    /**
     * Translates a 2xx non-streamed body.
     *
     * @throws ProviderException when it is not what the API documents
     */
    Completion completion(String model, JsonObject body) throws ProviderException;

    /** A translator for one streamed answer, whose chunks carry {@code id}, {@code created} and {@code model}. */
    StreamTranslator stream(String model, String id, long created);

    /** Maps a non-2xx answer ({@code body} may be empty or not JSON). */
    UpstreamError error(int status, HttpHeaders headers, String body);
}
