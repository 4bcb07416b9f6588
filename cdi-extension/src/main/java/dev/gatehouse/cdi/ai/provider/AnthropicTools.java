package dev.gatehouse.cdi.ai.provider;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * OpenAI function tools as Anthropic client tools:
 * <ul>
 * <li>{@code tools[].function} {@code {name, description, parameters}} → {@code {name, description, input_schema}}
 * ({@code input_schema} defaults to an empty object schema; {@code strict} is dropped);</li>
 * <li>{@code tool_choice} {@code "auto"} → {@code {"type":"auto"}}, {@code "required"} → {@code {"type":"any"}},
 * {@code "none"} → {@code {"type":"none"}}, {@code {"type":"function","function":{"name":N}}} →
 * {@code {"type":"tool","name":N}};</li>
 * <li>{@code parallel_tool_calls: false} → {@code disable_parallel_tool_use: true} on the (possibly implied
 * {@code auto}) choice.</li>
 * </ul>
 * Without {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} are not sent.
 */
final class AnthropicTools {

    private AnthropicTools() {
    }

    /** Adds {@code tools} and {@code tool_choice} to {@code body} when the chat request declares tools. */
    static void addTo(JsonObject chat, JsonObjectBuilder body) {
        JsonArray tools = AnthropicJson.array(chat, "tools");
        if (tools == null || tools.isEmpty()) {
            return;
        }
        var translated = Json.createArrayBuilder();
        for (JsonValue tool : tools) {
            translated.add(tool(tool instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT));
        }
        body.add("tools", translated);
        JsonObject choice = choice(chat.get("tool_choice"), isFalse(chat.get("parallel_tool_calls")));
        if (choice != null) {
            body.add("tool_choice", choice);
        }
    }

    private static boolean isFalse(JsonValue value) {
        return value != null && value.getValueType() == JsonValue.ValueType.FALSE;
    }

    private static JsonObject tool(JsonObject tool) {
        JsonObject function = AnthropicJson.object(tool, "function");
        String name = AnthropicJson.string(function, "name");
        if (!"function".equals(AnthropicJson.string(tool, "type")) || name == null) {
            throw new IllegalArgumentException("Anthropic providers take only function tools with a name");
        }
        JsonObjectBuilder translated = Json.createObjectBuilder().add("name", name);
        String description = AnthropicJson.string(function, "description");
        if (description != null) {
            translated.add("description", description);
        }
        JsonObject schema = AnthropicJson.object(function, "parameters");
        return translated.add("input_schema", schema != null ? schema
                : Json.createObjectBuilder().add("type", "object").add("properties", JsonValue.EMPTY_JSON_OBJECT)
                        .build()).build();
    }

    private static JsonObject choice(JsonValue toolChoice, boolean sequential) {
        JsonObjectBuilder choice = Json.createObjectBuilder();
        if (toolChoice == null || toolChoice.getValueType() == JsonValue.ValueType.NULL) {
            if (!sequential) {
                return null;
            }
            choice.add("type", "auto");
        } else if (toolChoice instanceof JsonString s) {
            switch (s.getString()) {
                case "auto" -> choice.add("type", "auto");
                case "required" -> choice.add("type", "any");
                case "none" -> {
                    return choice.add("type", "none").build();
                }
                default -> throw new IllegalArgumentException("tool_choice must be none, auto, required or a function");
            }
        } else {
            JsonObject function = toolChoice instanceof JsonObject o ? AnthropicJson.object(o, "function") : null;
            String name = AnthropicJson.string(function, "name");
            if (name == null) {
                throw new IllegalArgumentException("tool_choice must be none, auto, required or a function");
            }
            choice.add("type", "tool").add("name", name);
        }
        if (sequential) {
            choice.add("disable_parallel_tool_use", true);
        }
        return choice.build();
    }
}
