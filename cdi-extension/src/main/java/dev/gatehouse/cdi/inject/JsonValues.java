package dev.gatehouse.cdi.inject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import dev.gatehouse.cdi.json.Json;

/**
 * Turns a claim as {@link dev.gatehouse.filter.token.ValidatedToken} holds it (String, Boolean, Long, Double, List,
 * Map, {@code null}) into the JSON-P value it was parsed from.
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * The JSON-P form of {@code value}: JSON {@code null} becomes {@link JsonValue#NULL}, collections become arrays.
     *
     * @throws IllegalArgumentException when {@code value} is no JSON type (never for a validated token's claims); the
     *         message names the class only
     */
    static JsonValue of(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String s) {
            return json().createValue(s);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return json().createValue(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return json().createValue(big);
        }
        if (value instanceof BigDecimal big) {
            return json().createValue(big);
        }
        if (value instanceof Double || value instanceof Float) {
            return json().createValue(((Number) value).doubleValue());
        }
        if (value instanceof Collection<?> values) {
            JsonArrayBuilder array = json().createArrayBuilder();
            values.forEach(v -> array.add(of(v)));
            return array.build();
        }
        if (value instanceof Map<?, ?> members) {
            JsonObjectBuilder object = json().createObjectBuilder();
            members.forEach((k, v) -> object.add(String.valueOf(k), of(v)));
            return object.build();
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    private static JsonProvider json() {
        return Json.provider();
    }
}
