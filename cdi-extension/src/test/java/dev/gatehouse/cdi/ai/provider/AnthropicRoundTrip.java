package dev.gatehouse.cdi.ai.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * Drives an {@link AnthropicAdapter} as the gateway will: builds the request with the adapter, sends it with a JDK
 * {@link HttpClient}, and hands the answer to {@code completion}/{@code error}, or the streamed lines through an
 * {@link SseParser} to the adapter's {@link StreamTranslator}.
 */
final class AnthropicRoundTrip {

    static final String MODEL = "claude-sonnet-4-5";
    static final String STREAM_ID = "chatcmpl-test";
    static final long STREAM_CREATED = 1_750_000_000L;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final AnthropicAdapter adapter;
    private final ProviderSettings provider;

    AnthropicRoundTrip(AnthropicAdapter adapter, ProviderSettings provider) {
        this.adapter = adapter;
        this.provider = provider;
    }

    /** JSON written with single quotes, for readable test data. */
    static JsonObject json(String singleQuoted) {
        try (JsonReader reader = Json.createReader(new StringReader(singleQuoted.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    /** Sends the chat request without streaming and returns the raw answer. */
    HttpResponse<String> send(JsonObject chat) throws IOException, InterruptedException {
        return CLIENT.send(adapter.request(provider, MODEL, chat, false), BodyHandlers.ofString());
    }

    /** A 200 answer translated by {@code completion}. */
    Completion complete(JsonObject chat) throws Exception {
        HttpResponse<String> response = send(chat);
        assertEquals(200, response.statusCode(), response::body);
        return adapter.completion(MODEL, json(response.body()));
    }

    /** A non-2xx answer translated by {@code error}. */
    UpstreamError fail(JsonObject chat) throws Exception {
        HttpResponse<String> response = send(chat);
        return adapter.error(response.statusCode(), response.headers(), response.body());
    }

    /** A streamed answer relayed to its end, a broken connection, or the translator's refusal. */
    Streamed stream(JsonObject chat) throws IOException, InterruptedException {
        HttpRequest request = adapter.request(provider, MODEL, chat, true);
        HttpResponse<Stream<String>> response = CLIENT.send(request, BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        SseParser parser = new SseParser(64 * 1024);
        StreamTranslator translator = adapter.stream(MODEL, STREAM_ID, STREAM_CREATED);
        List<JsonObject> chunks = new ArrayList<>();
        Exception failure = null;
        try (Stream<String> lines = response.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext();) {
                SseEvent event = parser.line(it.next());
                if (event != null) {
                    chunks.addAll(translator.onEvent(event));
                }
            }
        } catch (ProviderException | UncheckedIOException e) {
            failure = e;
        }
        return new Streamed(chunks, translator, failure);
    }

    /**
     * @param failure what ended the relay early ({@link ProviderException} or {@link UncheckedIOException}), or
     *        {@code null}
     */
    record Streamed(List<JsonObject> chunks, StreamTranslator translator, Exception failure) {

        /** The {@code delta.content} of every chunk, concatenated. */
        String content() {
            StringBuilder content = new StringBuilder();
            for (JsonObject chunk : chunks) {
                if (!chunk.getJsonArray("choices").isEmpty()) {
                    content.append(delta(chunk).getString("content", ""));
                }
            }
            return content.toString();
        }

        static JsonObject delta(JsonObject chunk) {
            return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
        }

        static String finishReason(JsonObject chunk) {
            JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
            return choice.isNull("finish_reason") ? null : choice.getString("finish_reason");
        }
    }
}
