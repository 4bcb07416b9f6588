package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * A whole {@code GenerateContentResponse} as an OpenAI {@code chat.completion}. The {@code usage} member is left out
 * when Gemini reported none (rather than claiming zero tokens).
 */
final class GeminiCompletion {

    private GeminiCompletion() {
    }

    static Completion of(String model, JsonObject body, long created) throws ProviderException {
        GeminiAnswer answer = GeminiAnswer.parse(body);
        if (!answer.answered()) {
            throw new ProviderException("Gemini answer has no candidate");
        }
        Usage usage = answer.usage() == null ? Usage.UNKNOWN : answer.usage();
        JsonObjectBuilder message = Json.createObjectBuilder()
                .add("role", "assistant")
                .add("content", answer.text());
        JsonObjectBuilder choice = Json.createObjectBuilder()
                .add("index", 0)
                .add("message", message)
                .add("logprobs", JsonValue.NULL)
                .add("finish_reason", answer.finishReason() == null ? "stop" : answer.finishReason());
        JsonObjectBuilder response = Json.createObjectBuilder()
                .add("id", GeminiIds.chatCompletionId(answer.responseId()))
                .add("object", "chat.completion")
                .add("created", created)
                .add("model", model)
                .add("choices", Json.createArrayBuilder().add(choice));
        if (usage.reported()) {
            response.add("usage", usage.toJson());
        }
        return new Completion(response.build(), usage);
    }
}
