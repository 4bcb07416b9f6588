package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Reads OpenAI's {@code usage} object: {@code prompt_tokens}, {@code completion_tokens},
 * {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens_details.reasoning_tokens}. Missing counts
 * and details are zero (local servers send no details); {@code total_tokens} is not read, {@link Usage} derives it. A
 * usage object with neither {@code prompt_tokens} nor {@code completion_tokens} reports nothing.
 */
final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /**
     * The usage a response or chunk reports.
     *
     * @return {@link Usage#UNKNOWN} when {@code usage} is absent, {@code null} or without token counts
     * @throws ProviderException when a count is not a non-negative integer
     */
    static Usage of(JsonObject container) throws ProviderException {
        JsonValue usage = container.get("usage");
        if (usage == null || usage.getValueType() == JsonValue.ValueType.NULL) {
            return Usage.UNKNOWN;
        }
        if (usage.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProviderException("usage is not an object");
        }
        JsonObject counts = usage.asJsonObject();
        if (!counts.containsKey("prompt_tokens") && !counts.containsKey("completion_tokens")) {
            return Usage.UNKNOWN;
        }
        return new Usage(count(counts, "prompt_tokens"), count(counts, "completion_tokens"),
                count(details(counts, "prompt_tokens_details"), "cached_tokens"),
                count(details(counts, "completion_tokens_details"), "reasoning_tokens"), true);
    }

    private static JsonObject details(JsonObject usage, String name) throws ProviderException {
        JsonValue details = usage.get(name);
        if (details == null || details.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (details.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProviderException("usage " + name + " is not an object");
        }
        return details.asJsonObject();
    }

    private static long count(JsonObject counts, String name) throws ProviderException {
        JsonValue value = counts.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            JsonNumber number = (JsonNumber) value;
            try {
                long tokens = number.longValueExact();
                if (tokens >= 0) {
                    return tokens;
                }
            } catch (ArithmeticException notALong) {
                // falls through to the refusal below
            }
        }
        throw new ProviderException("usage " + name + " is not a non-negative integer");
    }
}
