package dev.gatehouse.cdi.ai.provider;

import java.util.List;

import jakarta.json.JsonObject;

/**
 * Turns one provider's stream into OpenAI {@code chat.completion.chunk} objects, event by event, keeping the usage.
 * One instance per call; not thread-safe.
 */
public interface StreamTranslator {

    /**
     * Translates one event.
     *
     * @return the chunks to relay now (often one, possibly none, e.g. for a ping)
     * @throws ProviderException for an error event or a malformed one: the relay ends in an error event, never in
     *         {@code [DONE]}
     */
    List<JsonObject> onEvent(SseEvent event) throws ProviderException;

    /** Whether the provider's own end of stream was seen ({@code [DONE]}, {@code message_stop}, the last chunk). */
    boolean complete();

    /** The usage seen so far (final once {@link #complete()}). */
    Usage usage();
}
