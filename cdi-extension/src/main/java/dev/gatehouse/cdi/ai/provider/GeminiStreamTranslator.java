package dev.gatehouse.cdi.ai.provider;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * A Gemini {@code streamGenerateContent?alt=sse} answer as OpenAI {@code chat.completion.chunk}s. Each event's data
 * is a whole {@code GenerateContentResponse} holding a text delta; Gemini sends no end marker (the connection just
 * ends), so the chunk that carries a {@code finishReason} (or a {@code promptFeedback.blockReason}) completes the
 * stream. Out: a first chunk with {@code delta.role=assistant}, one {@code delta.content} chunk per non-empty text
 * delta, a chunk with {@code finish_reason}, then, when Gemini reported usage, a usage chunk ({@code choices: []}) as
 * OpenAI sends with {@code stream_options.include_usage}. The usage of the last chunk that has one wins (Gemini's
 * counts are cumulative). An error object in place of a chunk ({@code {"error":{"code":503,"status":"UNAVAILABLE",..}}})
 * is a {@link ProviderException} reporting what the same error answered over HTTP maps to. Events after completion are
 * ignored.
 */
final class GeminiStreamTranslator implements StreamTranslator {

    private final String model;
    private final String id;
    private final long created;
    private boolean started;
    private boolean complete;
    private Usage usage = Usage.UNKNOWN;

    GeminiStreamTranslator(String model, String id, long created) {
        this.model = model;
        this.id = id;
        this.created = created;
    }

    @Override
    public List<JsonObject> onEvent(SseEvent event) throws ProviderException {
        if (complete) {
            return List.of();
        }
        JsonObject response = GeminiJson.parseObject(event.data());
        GeminiErrorBody error = GeminiErrorBody.of(response);
        if (error != GeminiErrorBody.NONE) {
            throw new ProviderException("Gemini reported an error instead of an answer (" + error.describe() + ")",
                    GeminiErrors.inStream(error));
        }
        GeminiAnswer answer = GeminiAnswer.parse(response);
        if (answer.usage() != null) {
            usage = answer.usage();
        }
        List<JsonObject> chunks = new ArrayList<>(4);
        if (answer.answered() && !started) {
            started = true;
            chunks.add(choiceChunk(Json.createObjectBuilder().add("role", "assistant").add("content", ""), null));
        }
        if (!answer.text().isEmpty()) {
            chunks.add(choiceChunk(Json.createObjectBuilder().add("content", answer.text()), null));
        }
        if (answer.finishReason() != null) {
            complete = true;
            chunks.add(choiceChunk(Json.createObjectBuilder(), answer.finishReason()));
            if (usage.reported()) {
                chunks.add(chunk(Json.createArrayBuilder()).add("usage", usage.toJson()).build());
            }
        }
        return chunks;
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    private JsonObject choiceChunk(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = Json.createObjectBuilder()
                .add("index", 0)
                .add("delta", delta)
                .add("logprobs", JsonValue.NULL);
        choice.add("finish_reason", finishReason == null ? JsonValue.NULL : Json.createValue(finishReason));
        return chunk(Json.createArrayBuilder().add(choice)).build();
    }

    private JsonObjectBuilder chunk(JsonArrayBuilder choices) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("object", "chat.completion.chunk")
                .add("created", created)
                .add("model", model)
                .add("choices", choices);
    }
}
