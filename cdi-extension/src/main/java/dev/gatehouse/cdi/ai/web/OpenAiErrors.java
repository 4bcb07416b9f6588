package dev.gatehouse.cdi.ai.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;

import dev.gatehouse.cdi.ai.provider.UpstreamError;
import dev.gatehouse.cdi.json.Json;

/** OpenAI-style error answers: {@code {"error":{"message","type","param","code"}}} with the right status. */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    public static JsonObject body(String type, String message, String code) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("message", message).add("type", type).addNull("param")
                .add("code", code == null ? Json.createValue("") : Json.createValue(code))).build();
    }

    public static void write(HttpServletResponse response, int status, String type, String message, String code,
            Duration retryAfter) throws IOException {
        response.setStatus(status);
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body(type, message, code).toString());
    }

    public static void write(HttpServletResponse response, UpstreamError error) throws IOException {
        write(response, error.status(), error.type(), error.message(), null, error.retryAfter());
    }
}
