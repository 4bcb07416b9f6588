package dev.gatehouse.cdi.ai.client;

import java.util.function.Consumer;

import jakarta.json.JsonObject;

/**
 * A model alias for application code, in the gateway's one OpenAI-style shape: the same routing, fallbacks, caching,
 * budgets and usage records as {@code /v1/chat/completions}, in process, as the current caller (the token Gatehouse
 * accepted for this request; the alias's roles apply). Inject with {@code @Inject @Model("alias") ModelClient}.
 * Failures are {@link ModelCallException}s.
 */
public interface ModelClient {

    /** The alias this client calls. */
    String alias();

    /**
     * A non-streamed call.
     *
     * @param chat an OpenAI Chat Completions request; its {@code model} is set to {@link #alias()}
     * @return the OpenAI {@code chat.completion} object
     */
    JsonObject complete(JsonObject chat);

    /** One user message, answered with the text of the first choice ({@code ""} when it has none). */
    String complete(String userMessage);

    /**
     * A streamed call: {@code chunks} receives each OpenAI {@code chat.completion.chunk} as it arrives.
     *
     * @throws ModelCallException when no provider could serve it, or the stream broke off or stalled (after the chunks
     *         that did arrive; code {@code upstream_stream_error} or {@code upstream_stream_timeout})
     */
    void stream(JsonObject chat, Consumer<JsonObject> chunks);
}
