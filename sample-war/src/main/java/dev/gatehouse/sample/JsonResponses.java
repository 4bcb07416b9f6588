package dev.gatehouse.sample;

import java.io.IOException;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;

/** JSON-P output for the servlets (the JAX-RS resources return the same text as {@code application/json}). */
final class JsonResponses {

    static final String APPLICATION_JSON = "application/json";

    private JsonResponses() {
    }

    static void write(HttpServletResponse response, JsonObject body) throws IOException {
        response.setContentType(APPLICATION_JSON);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }

    /** Adds {@code value}, or JSON {@code null} when it is {@code null}. */
    static JsonObjectBuilder addNullable(JsonObjectBuilder json, String name, String value) {
        return value == null ? json.addNull(name) : json.add(name, value);
    }
}
