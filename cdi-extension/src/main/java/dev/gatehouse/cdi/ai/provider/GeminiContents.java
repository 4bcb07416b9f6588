package dev.gatehouse.cdi.ai.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * OpenAI {@code messages} as Gemini {@code contents} and {@code systemInstruction}.
 * <ul>
 * <li>{@code system} and {@code developer} messages, wherever they are, become {@code systemInstruction.parts},
 * in order (Gemini has one system instruction);</li>
 * <li>{@code user} stays {@code user}, {@code assistant} becomes {@code model}; messages of one role that follow each
 * other once system and empty messages are set aside are merged into one content, so that turns alternate;</li>
 * <li>a content string, or an array of {@code {"type":"text"}} parts, becomes {@code parts[{text}]}; empty texts are
 * dropped (Gemini rejects them).</li>
 * </ul>
 * Refused with an {@link IllegalArgumentException} whose message can be shown to the caller: other part types
 * (images, audio, files), tool calls and tool results, unknown roles, and a conversation with no user or assistant
 * text.
 *
 * @see <a href="https://ai.google.dev/api/caching#Content">Content</a>
 */
final class GeminiContents {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_]{1,32}");

    private final List<Turn> turns = new ArrayList<>();
    private final List<String> system = new ArrayList<>();

    private GeminiContents() {
    }

    /** Adds {@code contents} and, when there are system messages, {@code systemInstruction} to {@code body}. */
    static void translate(JsonArray messages, JsonObjectBuilder body) {
        GeminiContents translated = new GeminiContents();
        for (JsonValue message : messages) {
            if (message.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("Each message must be an object.");
            }
            translated.add(message.asJsonObject());
        }
        if (translated.turns.isEmpty()) {
            throw new IllegalArgumentException("Gemini needs at least one non-empty user or assistant message.");
        }
        if (!translated.system.isEmpty()) {
            body.add("systemInstruction", Json.createObjectBuilder().add("parts", parts(translated.system)));
        }
        JsonArrayBuilder contents = Json.createArrayBuilder();
        for (Turn turn : translated.turns) {
            contents.add(Json.createObjectBuilder().add("role", turn.role()).add("parts", parts(turn.texts())));
        }
        body.add("contents", contents);
    }

    private void add(JsonObject message) {
        String role = message.get("role") instanceof JsonString s ? s.getString() : "";
        switch (role) {
            case "system", "developer" -> system.addAll(texts(message));
            case "user" -> turn("user", texts(message));
            case "assistant" -> {
                if (present(message, "tool_calls") || present(message, "function_call")) {
                    throw new IllegalArgumentException("Tool calls are not supported for Gemini models.");
                }
                turn("model", texts(message));
            }
            case "tool", "function" -> throw new IllegalArgumentException(
                    "Tool messages are not supported for Gemini models.");
            default -> throw new IllegalArgumentException("Unknown message role.");
        }
    }

    /** Appends to the last turn when it has the same role, so that turns alternate. */
    private void turn(String role, List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role)) {
            last.texts().addAll(texts);
        } else {
            turns.add(new Turn(role, new ArrayList<>(texts)));
        }
    }

    /** The non-empty texts of a message's content. */
    private static List<String> texts(JsonObject message) {
        JsonValue content = message.get("content");
        if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (content instanceof JsonString text) {
            return text.getString().isEmpty() ? List.of() : List.of(text.getString());
        }
        if (content.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("Message content must be a string or an array of content parts.");
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue part : content.asJsonArray()) {
            if (part.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("Each content part must be an object.");
            }
            JsonObject p = part.asJsonObject();
            String type = p.get("type") instanceof JsonString s ? s.getString() : "";
            if (!"text".equals(type)) {
                throw new IllegalArgumentException("Content parts of type "
                        + (PLAIN_NAME.matcher(type).matches() ? "'" + type + "'" : "other than text")
                        + " are not supported for Gemini models; only text parts are.");
            }
            if (!(p.get("text") instanceof JsonString text)) {
                throw new IllegalArgumentException("A text content part must have a string 'text'.");
            }
            if (!text.getString().isEmpty()) {
                texts.add(text.getString());
            }
        }
        return texts;
    }

    private static JsonArrayBuilder parts(List<String> texts) {
        JsonArrayBuilder parts = Json.createArrayBuilder();
        texts.forEach(text -> parts.add(Json.createObjectBuilder().add("text", text)));
        return parts;
    }

    private static boolean present(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL
                && !(value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().isEmpty());
    }

    private record Turn(String role, List<String> texts) {
    }
}
