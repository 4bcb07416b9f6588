package dev.gatehouse.cdi.ai.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * Reads and checks a {@code POST /chat/completions} body before any provider sees it: size-bounded, a JSON object,
 * {@code model} a string, {@code messages} a non-empty array of objects with a known role, {@code stream} a boolean.
 */
final class ChatRequests {

    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** Why a body was refused: 400 {@code invalid_request_error} (or 413). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Invalid(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private ChatRequests() {
    }

    static JsonObject read(InputStream in) throws IOException, Invalid {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Invalid(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonObject chat;
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            chat = reader.readObject();
        } catch (RuntimeException e) {
            // JsonException, IllegalStateException, and Parsson's plain RuntimeException for over-deep nesting
            throw new Invalid(400, "The request body is not a JSON object");
        }
        if (!(chat.get("model") instanceof jakarta.json.JsonString)) {
            throw new Invalid(400, "'model' is required and must be a string");
        }
        JsonValue messages = chat.get("messages");
        if (messages == null || messages.getValueType() != JsonValue.ValueType.ARRAY
                || messages.asJsonArray().isEmpty()) {
            throw new Invalid(400, "'messages' is required and must be a non-empty array");
        }
        for (JsonValue message : messages.asJsonArray()) {
            if (message.getValueType() != JsonValue.ValueType.OBJECT
                    || !(message.asJsonObject().get("role") instanceof jakarta.json.JsonString role)
                    || !ROLES.contains(role.getString())) {
                throw new Invalid(400, "every message needs a role: system, developer, user, assistant or tool");
            }
        }
        JsonValue stream = chat.get("stream");
        if (stream != null && stream != JsonValue.TRUE && stream != JsonValue.FALSE && stream != JsonValue.NULL) {
            throw new Invalid(400, "'stream' must be a boolean");
        }
        return chat;
    }

    static boolean streamed(JsonObject chat) {
        return chat.get("stream") == JsonValue.TRUE;
    }
}
