package dev.gatehouse.cdi.ai.provider;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * Relays the {@code chat.completion.chunk}s of an OpenAI-compatible stream: each {@code data:} chunk goes on with the
 * {@code id}, {@code created} and {@code model} this translator was made with (one consistent stream whatever target
 * served it), its {@code finish_reason}s in OpenAI's set and everything else kept. A chunk's non-null {@code usage}
 * (OpenAI's last chunk with {@code choices: []}; Mistral's last choice chunk) is kept as the call's usage and relayed;
 * a {@code usage: null} is dropped. {@code data: [DONE]} completes the stream and yields nothing, as does an event
 * with blank data (a keep-alive) or anything after {@code [DONE]}. An error object (or an {@code event: error}) is a
 * {@link ProviderException} reporting what it maps to ({@link OpenAiErrors#inStream}).
 */
final class OpenAiStreamTranslator implements StreamTranslator {

    static final String DONE = "[DONE]";

    private final String model;
    private final String id;
    private final long created;
    private final OpenAiErrors errors;
    private boolean complete;
    private Usage usage = Usage.UNKNOWN;

    OpenAiStreamTranslator(String model, String id, long created, OpenAiErrors errors) {
        this.model = model;
        this.id = id;
        this.created = created;
        this.errors = errors;
    }

    @Override
    public List<JsonObject> onEvent(SseEvent event) throws ProviderException {
        if (complete) {
            return List.of();
        }
        String data = event.data().strip();
        if (DONE.equals(data)) {
            complete = true;
            return List.of();
        }
        if (data.isEmpty()) {
            return List.of();
        }
        JsonObject chunk = parse(data);
        if ("error".equals(event.event()) || isError(chunk)) {
            throw new ProviderException("the provider reported an error in the stream", errors.inStream(chunk, data));
        }
        Usage reported = OpenAiUsage.of(chunk);
        if (reported.reported()) {
            usage = reported;
        }
        return List.of(normalise(chunk));
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    private JsonObject normalise(JsonObject chunk) throws ProviderException {
        JsonObjectBuilder normalised = Json.createObjectBuilder()
                .add("id", id)
                .add("object", "chat.completion.chunk")
                .add("created", created)
                .add("model", model);
        for (Map.Entry<String, JsonValue> field : chunk.entrySet()) {
            switch (field.getKey()) {
                case "id", "object", "created", "model", "choices", "usage" -> {
                    // set here
                }
                default -> normalised.add(field.getKey(), field.getValue());
            }
        }
        normalised.add("choices", OpenAiChoices.ofChunk(chunk.get("choices")));
        JsonValue chunkUsage = chunk.get("usage");
        if (chunkUsage != null && chunkUsage.getValueType() != JsonValue.ValueType.NULL) {
            normalised.add("usage", chunkUsage);
        }
        return normalised.build();
    }

    /** OpenAI's and Ollama's {@code {"error":{...}}}, vLLM's older flat {@code {"object":"error",...}}. */
    static boolean isError(JsonObject object) {
        JsonValue error = object.get("error");
        return error != null && error.getValueType() != JsonValue.ValueType.NULL
                || object.get("object") instanceof JsonString type && "error".equals(type.getString());
    }

    private static JsonObject parse(String data) throws ProviderException {
        try (var reader = Json.createReader(new StringReader(data))) {
            if (reader.readValue() instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException malformed) {
            throw new ProviderException("a stream chunk is not valid JSON");
        }
        throw new ProviderException("a stream chunk is not a JSON object");
    }
}
