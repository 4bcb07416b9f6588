package dev.gatehouse.cdi.ai.provider;

import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * A Messages API {@code message} as an OpenAI {@code chat.completion}: the {@code text} blocks, concatenated, →
 * {@code choices[0].message.content} ({@code null} when there is none); {@code tool_use} blocks →
 * {@code message.tool_calls} ({@code {id, type: "function", function: {name, arguments}}}, {@code arguments} being
 * the {@code input} object as JSON text); {@code stop_reason} → {@code finish_reason}
 * ({@link AnthropicFinishReasons}); {@code usage} → {@code usage} ({@link AnthropicUsage}). Thinking, redacted
 * thinking and server-tool blocks are not part of an OpenAI answer and are left out.
 */
final class AnthropicCompletion {

    private AnthropicCompletion() {
    }

    /**
     * @param model the model named in the answer
     * @param created the answer's {@code created} (epoch seconds)
     * @throws ProviderException when {@code body} is not a {@code message} with a {@code content} array
     */
    static Completion of(String model, JsonObject body, long created) throws ProviderException {
        JsonArray content = AnthropicJson.array(body, "content");
        if (content == null || !"message".equals(AnthropicJson.string(body, "type"))) {
            throw new ProviderException("Anthropic answer is not a message with content");
        }
        StringBuilder text = new StringBuilder();
        boolean hasText = false;
        JsonArrayBuilder toolCalls = Json.createArrayBuilder();
        boolean hasToolCalls = false;
        for (JsonValue value : content) {
            JsonObject block = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            switch (String.valueOf(AnthropicJson.string(block, "type"))) {
                case "text" -> {
                    String part = AnthropicJson.string(block, "text");
                    text.append(part == null ? "" : part);
                    hasText = true;
                }
                case "tool_use" -> {
                    toolCalls.add(toolCall(block));
                    hasToolCalls = true;
                }
                default -> {
                    // thinking, redacted_thinking, server_tool_use, web_search_tool_result: not in OpenAI's shape
                }
            }
        }
        JsonObjectBuilder message = Json.createObjectBuilder().add("role", "assistant");
        if (hasText) {
            message.add("content", text.toString());
        } else {
            message.addNull("content");
        }
        message.addNull("refusal");
        if (hasToolCalls) {
            message.add("tool_calls", toolCalls);
        }
        Usage usage = AnthropicUsage.of(AnthropicJson.object(body, "usage"));
        JsonObjectBuilder response = Json.createObjectBuilder()
                .add("id", id(body))
                .add("object", "chat.completion")
                .add("created", created)
                .add("model", model)
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("index", 0)
                        .add("message", message)
                        .addNull("logprobs")
                        .add("finish_reason", AnthropicFinishReasons.of(AnthropicJson.string(body, "stop_reason")))));
        if (usage.reported()) {
            response.add("usage", usage.toJson());
        }
        return new Completion(response.build(), usage);
    }

    private static JsonObject toolCall(JsonObject block) throws ProviderException {
        String id = AnthropicJson.string(block, "id");
        String name = AnthropicJson.string(block, "name");
        JsonObject input = AnthropicJson.object(block, "input");
        if (id == null || name == null) {
            throw new ProviderException("Anthropic tool_use block without id or name");
        }
        return Json.createObjectBuilder().add("id", id).add("type", "function")
                .add("function", Json.createObjectBuilder().add("name", name)
                        .add("arguments", (input == null ? JsonValue.EMPTY_JSON_OBJECT : input).toString()))
                .build();
    }

    /** Anthropic's message id ({@code msg_...}), or a fresh one when it has none. */
    private static String id(JsonObject body) {
        String id = AnthropicJson.string(body, "id");
        return id != null ? id : "chatcmpl-" + UUID.randomUUID();
    }
}
