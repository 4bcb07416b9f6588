package dev.gatehouse.cdi.ai.provider;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * An OpenAI {@code messages} array as Anthropic's top-level {@code system} and {@code messages}:
 * <ul>
 * <li>{@code system} and {@code developer} messages, wherever they are, → {@code system}: their texts (a string
 * content, or each text part) joined in order with a blank line;</li>
 * <li>{@code user} → {@code user}; {@code assistant} → {@code assistant}, its {@code tool_calls} as
 * {@code tool_use} blocks after its text; {@code tool} → a {@code tool_result} block in a {@code user} turn;</li>
 * <li>consecutive messages of the same Anthropic role are merged into one turn, their blocks in order (so the
 * results of parallel tool calls land in one user turn, before any user text that follows them, as the API
 * requires). A turn made of one message with a string content keeps the string.</li>
 * </ul>
 * Anything else the API checks (first turn, empty texts, tools declared) is left to the API, whose 400 message is
 * passed on to the caller.
 */
final class AnthropicMessages {

    /** The translated conversation; {@code system} is {@code null} when there was no system message. */
    record Conversation(String system, JsonArray messages) {
    }

    private AnthropicMessages() {
    }

    /**
     * @throws IllegalArgumentException for a message the Messages API cannot express; the message is safe to show
     */
    static Conversation of(JsonArray messages) {
        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (JsonValue value : messages) {
            if (!(value instanceof JsonObject message)) {
                throw new IllegalArgumentException("Each message must be an object");
            }
            JsonValue content = message.get("content");
            switch (String.valueOf(AnthropicJson.string(message, "role"))) {
                case "system", "developer" -> system.addAll(AnthropicContentParts.texts(content, "system"));
                case "user" -> add(turns, "user", plain(content), AnthropicContentParts.userBlocks(content));
                case "assistant" -> add(turns, "assistant", AnthropicJson.present(message, "tool_calls")
                        ? null : plain(content), assistantBlocks(message));
                case "tool" -> add(turns, "user", null, List.of(toolResult(message)));
                default -> throw new IllegalArgumentException(
                        "Unsupported message role: Anthropic providers take system, developer, user, assistant, tool");
            }
        }
        JsonArrayBuilder array = Json.createArrayBuilder();
        turns.forEach(turn -> array.add(turn.toJson()));
        return new Conversation(system.isEmpty() ? null : String.join("\n\n", system), array.build());
    }

    private static String plain(JsonValue content) {
        return content instanceof JsonString s ? s.getString() : null;
    }

    private static void add(List<Turn> turns, String role, String plain, List<JsonObject> blocks) {
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last == null || !last.role.equals(role)) {
            last = new Turn(role);
            turns.add(last);
        }
        last.messages++;
        last.plain = plain;
        last.blocks.addAll(blocks);
    }

    private static List<JsonObject> assistantBlocks(JsonObject message) {
        List<JsonObject> blocks = new ArrayList<>();
        for (String text : AnthropicContentParts.texts(message.get("content"), "assistant")) {
            if (!text.isEmpty()) {
                blocks.add(AnthropicContentParts.text(text));
            }
        }
        JsonArray calls = AnthropicJson.array(message, "tool_calls");
        for (JsonValue call : calls == null ? JsonValue.EMPTY_JSON_ARRAY : calls) {
            blocks.add(toolUse(call instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT));
        }
        if (blocks.isEmpty() && plain(message.get("content")) == null) {
            throw new IllegalArgumentException("An assistant message needs content or tool_calls");
        }
        return blocks;
    }

    private static JsonObject toolUse(JsonObject call) {
        JsonObject function = AnthropicJson.object(call, "function");
        String id = AnthropicJson.string(call, "id");
        String name = AnthropicJson.string(function, "name");
        if (id == null || name == null || !"function".equals(AnthropicJson.string(call, "type"))) {
            throw new IllegalArgumentException("A tool call needs an id, type function and a function name");
        }
        String arguments = AnthropicJson.string(function, "arguments");
        JsonValue input = arguments == null || arguments.isBlank() ? JsonValue.EMPTY_JSON_OBJECT
                : AnthropicJson.parse(arguments);
        if (!(input instanceof JsonObject)) {
            throw new IllegalArgumentException("Tool call arguments must be a JSON object");
        }
        return Json.createObjectBuilder().add("type", "tool_use").add("id", id).add("name", name)
                .add("input", input).build();
    }

    private static JsonObject toolResult(JsonObject message) {
        String id = AnthropicJson.string(message, "tool_call_id");
        if (id == null) {
            throw new IllegalArgumentException("A tool message needs a tool_call_id");
        }
        return Json.createObjectBuilder().add("type", "tool_result").add("tool_use_id", id)
                .add("content", AnthropicContentParts.toolResult(message.get("content"))).build();
    }

    /** Consecutive messages of one role. */
    private static final class Turn {

        final String role;
        final List<JsonObject> blocks = new ArrayList<>();
        int messages;
        String plain;

        Turn(String role) {
            this.role = role;
        }

        JsonObject toJson() {
            var turn = Json.createObjectBuilder().add("role", role);
            if (messages == 1 && plain != null) {
                return turn.add("content", plain).build();
            }
            var content = Json.createArrayBuilder();
            blocks.forEach(content::add);
            return turn.add("content", content).build();
        }
    }
}
