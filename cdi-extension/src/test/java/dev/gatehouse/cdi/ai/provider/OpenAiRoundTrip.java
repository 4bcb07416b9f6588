package dev.gatehouse.cdi.ai.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Drives {@link OpenAiAdapter} as the gateway will: the adapter builds the request, a JDK {@link HttpClient} sends it
 * over loopback, and the answer goes back through the adapter ({@code completion}, {@code error}, or line by line
 * through {@link SseParser} into the {@link StreamTranslator}).
 */
final class OpenAiRoundTrip {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int MAX_EVENT_CHARS = 64 * 1024;
    static final String STREAM_ID = "chatcmpl-gateway-1";
    static final long STREAM_CREATED = 1_760_000_000L;

    final OpenAiAdapter adapter;
    final ProviderSettings provider;

    OpenAiRoundTrip(OpenAiAdapter adapter, ProviderSettings provider) {
        this.adapter = adapter;
        this.provider = provider;
    }

    static ProviderSettings provider(URI baseUrl, String apiKey) {
        return provider(baseUrl, apiKey, Map.of());
    }

    static ProviderSettings provider(URI baseUrl, String apiKey, Map<String, String> extraHeaders) {
        return new ProviderSettings("test-openai", "openai", baseUrl, apiKey, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 2, extraHeaders);
    }

    /** {@code {"model":"fast","messages":[{"role":"user","content":"Hi"}]}} */
    static JsonObject hello() {
        return json("{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    HttpResponse<String> send(String model, JsonObject chat, boolean stream) throws IOException, InterruptedException {
        return CLIENT.send(adapter.request(provider, model, chat, stream), HttpResponse.BodyHandlers.ofString());
    }

    /** A non-streamed call that must succeed. */
    Completion complete(String model, JsonObject chat) throws Exception {
        HttpResponse<String> response = send(model, chat, false);
        assertEquals(200, response.statusCode(), response::body);
        return adapter.completion(model, json(response.body()));
    }

    /** A call that must fail upstream, mapped by the adapter. */
    UpstreamError fail(String model, JsonObject chat, boolean stream) throws Exception {
        HttpResponse<String> response = send(model, chat, stream);
        return adapter.error(response.statusCode(), response.headers(), response.body());
    }

    /** A streamed call: the chunks relayed until the end, a ProviderException or a broken connection. */
    Streamed stream(String model, JsonObject chat) throws Exception {
        HttpRequest request = adapter.request(provider, model, chat, true);
        HttpResponse<Stream<String>> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        StreamTranslator translator = adapter.stream(model, STREAM_ID, STREAM_CREATED);
        SseParser parser = new SseParser(MAX_EVENT_CHARS);
        List<JsonObject> chunks = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                SseEvent event = parser.line(it.next());
                if (event != null) {
                    chunks.addAll(translator.onEvent(event));
                }
            }
        } catch (ProviderException | UncheckedIOException failure) {
            return new Streamed(chunks, translator, failure);
        }
        return new Streamed(chunks, translator, null);
    }

    /**
     * What a stream gave.
     *
     * @param failure the ProviderException or the UncheckedIOException that ended it, or {@code null}
     */
    record Streamed(List<JsonObject> chunks, StreamTranslator translator, Exception failure) {

        /** The concatenated {@code delta.content} of choice 0. */
        String content() {
            StringBuilder content = new StringBuilder();
            for (JsonObject chunk : chunks) {
                for (var choice : chunk.getJsonArray("choices")) {
                    JsonObject delta = choice.asJsonObject().getJsonObject("delta");
                    if (delta != null && delta.get("content") instanceof jakarta.json.JsonString text) {
                        content.append(text.getString());
                    }
                }
            }
            return content.toString();
        }
    }
}
