package dev.gatehouse.cdi.ai.provider;

import java.io.StringReader;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * Typed reads of Gemini's JSON answers. A field that is absent or {@code null} reads as {@code null}; a field of the
 * wrong type is a {@link ProviderException} whose message names the field, never its value.
 */
final class GeminiJson {

    private GeminiJson() {
    }

    /** Parses one stream event's data. */
    static JsonObject parseObject(String text) throws ProviderException {
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (RuntimeException e) {
            // JsonException, and whatever else the JSON-P implementation throws (Parsson: a bare RuntimeException
            // for nesting deeper than its limit)
            throw new ProviderException("Gemini stream event is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProviderException("Gemini stream event is not a JSON object");
        }
        return value.asJsonObject();
    }

    static String string(JsonObject object, String name) throws ProviderException {
        JsonValue value = present(object, name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw malformed(name);
    }

    static JsonObject object(JsonObject object, String name) throws ProviderException {
        JsonValue value = present(object, name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        throw malformed(name);
    }

    static JsonArray array(JsonObject object, String name) throws ProviderException {
        JsonValue value = present(object, name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray();
        }
        throw malformed(name);
    }

    /** A token count: absent is 0; anything but a non-negative integer is malformed. */
    static long count(JsonObject object, String name) throws ProviderException {
        JsonValue value = present(object, name);
        if (value == null) {
            return 0;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                long count = number.longValueExact();
                if (count >= 0) {
                    return count;
                }
            } catch (ArithmeticException e) {
                // falls through: out of range
            }
        }
        throw malformed(name);
    }

    static JsonObject element(JsonArray array, int index, String name) throws ProviderException {
        JsonValue value = array.get(index);
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return value.asJsonObject();
        }
        throw malformed(name);
    }

    static ProviderException malformed(String name) {
        return new ProviderException("Gemini answer has a malformed '" + name + "' field");
    }

    private static JsonValue present(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}
