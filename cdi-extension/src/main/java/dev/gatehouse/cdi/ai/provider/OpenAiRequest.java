package dev.gatehouse.cdi.ai.provider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.json.Json;

/**
 * Builds {@code POST {baseUrl}/chat/completions} for an OpenAI-compatible server. The body is the caller's, field for
 * field, with {@code model} replaced; a stream asks for usage ({@code stream_options.include_usage}). The headers are
 * built here from nothing, so nothing of the caller's request (its {@code Authorization}, cookies) goes upstream: only
 * the provider's key, as {@code Authorization: Bearer}, and only when one is configured.
 */
final class OpenAiRequest {

    static final String PATH = "/chat/completions";

    private OpenAiRequest() {
    }

    /**
     * The HTTP request to {@code endpoint} (the provider's {@link #endpoint}). {@code provider.extraHeaders()} come
     * last and replace a header of the same name (an organisation header, or another auth scheme in place of the
     * bearer key).
     */
    static HttpRequest of(URI endpoint, ProviderSettings provider, String model, JsonObject chat, boolean stream) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofString(body(model, chat, stream).toString(),
                        StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json");
        if (provider.responseTimeout() != null) {
            request.timeout(provider.responseTimeout());
        }
        String apiKey = provider.apiKey();
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        for (Map.Entry<String, String> header : provider.extraHeaders().entrySet()) {
            request.setHeader(header.getKey(), header.getValue());
        }
        return request.build();
    }

    /**
     * The caller's body with the target's {@code model}. For a stream: {@code stream: true} and the caller's
     * {@code stream_options} with {@code include_usage: true}; otherwise neither field (OpenAI refuses
     * {@code stream_options} without {@code stream}).
     */
    static JsonObject body(String model, JsonObject chat, boolean stream) {
        JsonObjectBuilder body = Json.createObjectBuilder(chat).add("model", model);
        if (!stream) {
            return body.remove("stream").remove("stream_options").build();
        }
        JsonValue callerOptions = chat.get("stream_options");
        JsonObjectBuilder options = callerOptions instanceof JsonObject object
                ? Json.createObjectBuilder(object)
                : Json.createObjectBuilder();
        return body.add("stream", true).add("stream_options", options.add("include_usage", true)).build();
    }

    /** {@code baseUrl} + {@code /chat/completions}, keeping a query (some deployments carry a version there). */
    static URI endpoint(URI baseUrl) {
        String base = baseUrl.toString();
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        String rest = query < 0 ? "" : base.substring(query);
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return URI.create(path.substring(0, end) + PATH + rest);
    }
}
