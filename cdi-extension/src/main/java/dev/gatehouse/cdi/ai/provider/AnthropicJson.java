package dev.gatehouse.cdi.ai.provider;

import java.io.StringReader;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * Lenient reads of JSON-P values: a member that is missing, {@code null} or of another type reads as absent, so
 * translating an unexpected shape never throws a {@link ClassCastException}.
 */
final class AnthropicJson {

    private AnthropicJson() {
    }

    /** The member as a string, or {@code null}. */
    static String string(JsonObject object, String name) {
        return object != null && object.get(name) instanceof JsonString s ? s.getString() : null;
    }

    /** The member as an object, or {@code null}. */
    static JsonObject object(JsonObject object, String name) {
        return object != null && object.get(name) instanceof JsonObject o ? o : null;
    }

    /** The member as an array, or {@code null}. */
    static JsonArray array(JsonObject object, String name) {
        return object != null && object.get(name) instanceof JsonArray a ? a : null;
    }

    /** The member as a whole number, or {@code fallback}. */
    static long number(JsonObject object, String name, long fallback) {
        return object != null && object.get(name) instanceof JsonNumber n && n.isIntegral() ? n.longValue() : fallback;
    }

    /** Whether the member is present and not JSON {@code null}. */
    static boolean present(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    /**
     * Parses JSON text.
     *
     * @return the value, or {@code null} when the text is not JSON
     */
    static JsonValue parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            return null;
        }
    }
}
