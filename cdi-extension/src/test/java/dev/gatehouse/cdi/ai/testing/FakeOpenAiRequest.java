package dev.gatehouse.cdi.ai.testing;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.json.Json;

/**
 * One request {@link FakeOpenAi} received, as it arrived.
 *
 * @param headers by lower-case name
 */
public record FakeOpenAiRequest(String method, String path, Map<String, List<String>> headers, String body) {

    public FakeOpenAiRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (any case), if sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as a JSON object (fails the test when it is not one). */
    public JsonObject json() {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Whether the request asked for a stream ({@code "stream": true}). */
    public boolean streaming() {
        return parses() && json().getBoolean("stream", false);
    }

    /** Whether the request asked for usage in a stream ({@code stream_options.include_usage}). */
    public boolean includeUsage() {
        return streaming() && json().get("stream_options") instanceof JsonObject options
                && options.getBoolean("include_usage", false);
    }

    boolean parses() {
        try {
            json();
            return true;
        } catch (RuntimeException notAnObject) {
            return false;
        }
    }
}
