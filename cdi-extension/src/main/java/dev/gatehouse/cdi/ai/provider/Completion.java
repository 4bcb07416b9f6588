package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonObject;

/**
 * A non-streamed answer translated to OpenAI's {@code chat.completion} object.
 *
 * @param response the OpenAI-shaped response (id, object, created, model, choices[message, finish_reason], usage)
 * @param usage the usage it reports
 */
public record Completion(JsonObject response, Usage usage) {
}
