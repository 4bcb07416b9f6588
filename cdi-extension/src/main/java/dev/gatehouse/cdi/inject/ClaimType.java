package dev.gatehouse.cdi.inject;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.Claims;

/**
 * The value types MP-JWT 2.1 lets {@code @Claim} inject (section "Injection of JsonWebToken claims via Raw Type,
 * ClaimValue, Instance and JSON-P Types"), and how a claim's JSON value becomes one of them. A value that does not
 * fit the type converts to {@code null}: the claim reads as absent, it never fails the request.
 */
enum ClaimType {

    /** A JSON string. */
    STRING(String.class),
    /** A JSON number without a fractional part that fits a {@code long}; also injects into {@code long}. */
    LONG(Long.class),
    /** JSON {@code true} or {@code false}; also injects into {@code boolean}. */
    BOOLEAN(Boolean.class),
    /** An array of strings, or one string as a one-element set (RFC 7519 allows either for {@code aud}). */
    STRING_SET(new TypeLiteral<Set<String>>() { }.getType()),
    /** Any claim, JSON {@code null} included ({@link JsonValue#NULL}). */
    JSON_VALUE(JsonValue.class),
    /** A JSON string. */
    JSON_STRING(JsonString.class),
    /** A JSON number. */
    JSON_NUMBER(JsonNumber.class),
    /** An array, or one string as a one-element array (as for {@link #STRING_SET}). */
    JSON_ARRAY(JsonArray.class),
    /** A JSON object. */
    JSON_OBJECT(JsonObject.class);

    private final Type javaType;

    ClaimType(Type javaType) {
        this.javaType = javaType;
    }

    /** The type a bean offers for this value: {@code String}, {@code Set<String>}, {@code JsonObject} and so on. */
    Type javaType() {
        return javaType;
    }

    /** The value type injected as {@code type}; primitives {@code long} and {@code boolean} count as their boxes. */
    static Optional<ClaimType> of(Type type) {
        if (type == long.class) {
            return Optional.of(LONG);
        }
        if (type == boolean.class) {
            return Optional.of(BOOLEAN);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Set.class
                && p.getActualTypeArguments()[0] == String.class) {
            return Optional.of(STRING_SET);
        }
        for (ClaimType claimType : values()) {
            if (claimType.javaType == type) {
                return Optional.of(claimType);
            }
        }
        return Optional.empty();
    }

    /** The type {@link Claims#getType()} asks {@code JsonWebToken.getClaim} to return for a standard claim. */
    static ClaimType of(Claims standard) {
        Class<?> type = standard.getType();
        if (type == Long.class) {
            return LONG;
        }
        if (type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == Set.class) {
            return STRING_SET;
        }
        if (type == JsonObject.class) {
            return JSON_OBJECT;
        }
        return STRING;
    }

    /**
     * Converts a claim present in the token. {@code raw} is the claim as the token holds it, {@code null} for JSON
     * {@code null}.
     *
     * @return the value, or {@code null} when the claim's JSON type does not fit (JSON {@code null} fits only
     *         {@link #JSON_VALUE})
     */
    Object convert(Object raw) {
        return switch (this) {
            case STRING -> raw instanceof String ? raw : null;
            case LONG -> wholeNumber(raw);
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case STRING_SET -> stringSet(raw);
            case JSON_VALUE -> JsonValues.of(raw);
            case JSON_STRING -> raw instanceof String ? JsonValues.of(raw) : null;
            case JSON_NUMBER -> raw instanceof Number ? JsonValues.of(raw) : null;
            case JSON_ARRAY -> raw instanceof String s ? JsonValues.of(List.of(s))
                    : raw instanceof Collection<?> ? JsonValues.of(raw) : null;
            case JSON_OBJECT -> raw instanceof Map<?, ?> ? JsonValues.of(raw) : null;
        };
    }

    private static Long wholeNumber(Object raw) {
        if (raw instanceof Long l) {
            return l;
        }
        if (!(raw instanceof Number n)) {
            return null;
        }
        try {
            return new BigDecimal(n.toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Set<String> stringSet(Object raw) {
        if (raw instanceof String s) {
            return Set.of(s);
        }
        if (!(raw instanceof Collection<?> values)) {
            return null;
        }
        Set<String> strings = new LinkedHashSet<>();
        for (Object value : values) {
            if (!(value instanceof String s)) {
                return null;
            }
            strings.add(s);
        }
        return Collections.unmodifiableSet(strings);
    }
}
