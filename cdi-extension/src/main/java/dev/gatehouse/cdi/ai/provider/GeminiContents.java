package dev.gatehouse.cdi.ai.provider;

import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * OpenAI {@code messages} as Gemini {@code contents} and {@code systemInstruction}.
 * <ul>
 * <li>{@code system} and {@code developer} messages, wherever they are, become {@code systemInstruction.parts},
 * in order (Gemini has one system instruction);</li>
 * <li>{@code user} stays {@code user}, {@code assistant} becomes {@code model}; consecutive messages of one role are
 * merged into one content (which is also what removing the system messages can leave);</li>
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

    private final JsonArrayBuilder contents = Json.createArrayBuilder();
    private final JsonArrayBuilder system = Json.createArrayBuilder();
    private JsonArrayBuilder parts;
    private String role;
    private boolean hasContents;
    private boolean hasSystem;

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
        translated.flush();
        if (!translated.hasContents) {
            throw new IllegalArgumentException("Gemini needs at least one non-empty user or assistant message.");
        }
        if (translated.hasSystem) {
            body.add("systemInstruction", Json.createObjectBuilder().add("parts", translated.system));
        }
        body.add("contents", translated.contents);
    }

    private void add(JsonObject message) {
        String messageRole = message.get("role") instanceof JsonString s ? s.getString() : "";
        switch (messageRole) {
            case "system", "developer" -> texts(message, system);
            case "user" -> turn("user", message);
            case "assistant" -> {
                if (present(message, "tool_calls") || present(message, "function_call")) {
                    throw new IllegalArgumentException("Tool calls are not supported for Gemini models.");
                }
                turn("model", message);
            }
            case "tool", "function" -> throw new IllegalArgumentException(
                    "Tool messages are not supported for Gemini models.");
            default -> throw new IllegalArgumentException("Unknown message role.");
        }
    }

    private void turn(String turnRole, JsonObject message) {
        if (!turnRole.equals(role)) {
            flush();
            role = turnRole;
            parts = Json.createArrayBuilder();
        }
        texts(message, parts);
    }

    private void flush() {
        if (role == null) {
            return;
        }
        JsonArray built = parts.build();
        if (!built.isEmpty()) {
            contents.add(Json.createObjectBuilder().add("role", role).add("parts", built));
            hasContents = true;
        }
        role = null;
        parts = null;
    }

    private void texts(JsonObject message, JsonArrayBuilder target) {
        JsonValue content = message.get("content");
        if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        if (content instanceof JsonString text) {
            text(text.getString(), target);
            return;
        }
        if (content.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("Message content must be a string or an array of content parts.");
        }
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
            text(text.getString(), target);
        }
    }

    private void text(String text, JsonArrayBuilder target) {
        if (text.isEmpty()) {
            return;
        }
        target.add(Json.createObjectBuilder().add("text", text));
        if (target == system) {
            hasSystem = true;
        }
    }

    private static boolean present(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL
                && !(value.getValueType() == JsonValue.ValueType.ARRAY && value.asJsonArray().isEmpty());
    }
}
