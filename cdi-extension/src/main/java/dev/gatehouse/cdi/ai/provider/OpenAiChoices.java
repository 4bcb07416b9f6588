package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * The {@code choices} of a response or chunk with every {@code finish_reason} in OpenAI's set, everything else kept.
 */
final class OpenAiChoices {

    private OpenAiChoices() {
    }

    /**
     * Choices of a complete response: a missing or {@code null} {@code finish_reason} becomes {@code stop}.
     *
     * @throws ProviderException when {@code choices} is not an array of objects
     */
    static JsonArray ofResponse(JsonValue choices) throws ProviderException {
        if (!(choices instanceof JsonArray array)) {
            throw new ProviderException("the response has no choices array");
        }
        return normalise(array, true);
    }

    /**
     * Choices of a chunk: {@code null} or absent is an empty array (vLLM's usage chunk), a {@code null}
     * {@code finish_reason} stays {@code null} (the choice goes on).
     *
     * @throws ProviderException when {@code choices} is neither absent, {@code null} nor an array of objects
     */
    static JsonArray ofChunk(JsonValue choices) throws ProviderException {
        if (choices == null || choices.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (!(choices instanceof JsonArray array)) {
            throw new ProviderException("a stream chunk's choices is not an array");
        }
        return normalise(array, false);
    }

    private static JsonArray normalise(JsonArray choices, boolean finished) throws ProviderException {
        JsonArrayBuilder normalised = Json.createArrayBuilder();
        for (JsonValue choice : choices) {
            if (!(choice instanceof JsonObject object)) {
                throw new ProviderException("a choice is not an object");
            }
            normalised.add(withFinishReason(object, finished));
        }
        return normalised.build();
    }

    private static JsonObject withFinishReason(JsonObject choice, boolean finished) {
        JsonValue reason = choice.get("finish_reason");
        boolean absent = reason == null || reason.getValueType() == JsonValue.ValueType.NULL;
        if (absent && !finished) {
            return choice;
        }
        String given = reason instanceof JsonString text ? text.getString() : null;
        return Json.createObjectBuilder(choice).add("finish_reason", OpenAiFinishReason.normalise(given)).build();
    }
}
