package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A request {@link FakeAnthropic} received, as it arrived.
 *
 * @param headers by name, case-insensitive
 */
public record FakeAnthropicRequest(String method, String path, Map<String, List<String>> headers, String body) {

    static FakeAnthropicRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new FakeAnthropicRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                Collections.unmodifiableMap(headers), body);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as a JSON object. */
    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Whether the body asks for a stream. */
    public boolean wantsStream() {
        try {
            return json().getBoolean("stream", false);
        } catch (RuntimeException notJson) {
            return false;
        }
    }
}
