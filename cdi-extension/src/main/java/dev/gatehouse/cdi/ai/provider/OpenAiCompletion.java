package dev.gatehouse.cdi.ai.provider;

import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * A non-streamed {@code chat.completion} of an OpenAI-compatible server, kept as it is except for {@code model} (the
 * target's model, as a stream reports it) and the {@code finish_reason}s (OpenAI's set; a missing one is
 * {@code stop}). The {@code usage} object stays as the provider sent it.
 */
final class OpenAiCompletion {

    private OpenAiCompletion() {
    }

    /**
     * @throws ProviderException when the body carries an error or has no array of choices, or its usage is malformed
     */
    static Completion of(String model, JsonObject body) throws ProviderException {
        if (OpenAiStreamTranslator.isError(body)) {
            throw new ProviderException("the provider reported an error in a successful response");
        }
        JsonObjectBuilder response = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : body.entrySet()) {
            response.add(field.getKey(), field.getValue());
        }
        response.add("model", model).add("choices", OpenAiChoices.ofResponse(body.get("choices")));
        return new Completion(response.build(), OpenAiUsage.of(body));
    }
}
