package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.json.Json;

/**
 * Token usage of one call in OpenAI's terms. For Anthropic, prompt tokens = input + cache-creation + cache-read
 * tokens, with cache-read as the cached tokens.
 *
 * @param reported whether the provider reported it ({@code false}: estimated or unknown)
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
        boolean reported) {

    /** Nothing known. */
    public static final Usage UNKNOWN = new Usage(0, 0, 0, 0, false);

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /**
     * The OpenAI {@code usage} object: {@code prompt_tokens}, {@code completion_tokens}, {@code total_tokens},
     * {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens_details.reasoning_tokens}.
     */
    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("prompt_tokens", promptTokens)
                .add("completion_tokens", completionTokens)
                .add("total_tokens", totalTokens())
                .add("prompt_tokens_details", Json.createObjectBuilder().add("cached_tokens", cachedTokens))
                .add("completion_tokens_details", Json.createObjectBuilder().add("reasoning_tokens", reasoningTokens))
                .build();
    }
}
