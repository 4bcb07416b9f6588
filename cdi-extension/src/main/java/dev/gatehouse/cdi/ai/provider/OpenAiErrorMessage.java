package dev.gatehouse.cdi.ai.provider;

import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * The {@code message} of an OpenAI-style error body, made fit to show the caller: control characters become spaces,
 * it is cut to {@value #MAX_CHARS} characters, and a message that looks as if it carried a credential is dropped.
 * Understands OpenAI's {@code {"error":{"message",...}}}, vLLM's older flat {@code {"object":"error","message"}} and
 * the {@code {"error":"text"}} of some local servers.
 */
final class OpenAiErrorMessage {

    static final int MAX_CHARS = ProviderText.MAX_CHARS;

    /** Key-like material: OpenAI/Mistral-style secret prefixes, bearer values, words that announce a key. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)\\b(sk|rk|pk)-[A-Za-z0-9_*.-]{3,}|bearer\\s+\\S|api[ _-]?key|authorization|x-api-key|token\\s*[:=]");

    private OpenAiErrorMessage() {
    }

    /** The safe message, or empty when the body has none, is not JSON, or its message cannot be shown. */
    static Optional<String> of(String body) {
        return message(body).filter(m -> !CREDENTIAL.matcher(m).find()).map(m -> ProviderText.safe(m, ""))
                .filter(m -> !m.isEmpty());
    }

    private static Optional<String> message(String body) {
        JsonObject object = parse(body);
        if (object == null) {
            return Optional.empty();
        }
        JsonValue error = object.get("error");
        if (error instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        JsonObject holder = error instanceof JsonObject nested ? nested : object;
        return holder.get("message") instanceof JsonString text ? Optional.of(text.getString()) : Optional.empty();
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }
}
