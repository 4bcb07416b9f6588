package dev.gatehouse.cdi.ai.testing;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * One request {@link FakeGemini} received, as sent.
 *
 * @param path the raw path, e.g. {@code /v1beta/models/gemini-2.5-flash:generateContent}
 * @param query the raw query, or {@code null}
 * @param headers names in lower case
 */
public record FakeGeminiRequest(String method, String path, String query, Map<String, List<String>> headers,
        String body) {

    public FakeGeminiRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header (any case). */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The body as JSON. */
    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Whether it called {@code streamGenerateContent}. */
    public boolean streaming() {
        return path.endsWith(":streamGenerateContent");
    }
}
