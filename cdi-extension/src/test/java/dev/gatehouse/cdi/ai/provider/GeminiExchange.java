package dev.gatehouse.cdi.ai.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import dev.gatehouse.cdi.ai.testing.FakeGemini;

/**
 * Drives {@link GeminiAdapter} end to end the way the router will: the adapter builds the request, a JDK
 * {@link HttpClient} sends it to {@link FakeGemini}, and the answer goes to {@code completion}/{@code error}, or line by
 * line through {@link SseParser} into the {@link StreamTranslator}.
 */
final class GeminiExchange {

    static final String MODEL = "gemini-2.5-flash";
    static final String STREAM_ID = "chatcmpl-stream-1";
    static final long CREATED = 1_767_225_600L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(CREATED), ZoneOffset.UTC);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final GeminiAdapter adapter = new GeminiAdapter(CLOCK);
    final ProviderSettings settings;

    GeminiExchange(ProviderSettings settings) {
        this.settings = settings;
    }

    static GeminiExchange with(FakeGemini gemini) {
        return new GeminiExchange(settings(gemini, gemini.apiKey(), Duration.ofSeconds(5), Map.of()));
    }

    static ProviderSettings settings(FakeGemini gemini, String apiKey, Duration responseTimeout,
            Map<String, String> extraHeaders) {
        return new ProviderSettings("google", "gemini", gemini.baseUrl(), apiKey, Duration.ofSeconds(2),
                responseTimeout, 0, extraHeaders);
    }

    /** A non-streamed call: a completion, or the mapped refusal. */
    Answer call(JsonObject chat) throws IOException, InterruptedException, ProviderException {
        HttpRequest request = adapter.request(settings, MODEL, chat, false);
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 == 2) {
            return new Answer(adapter.completion(MODEL, parse(response.body())), null);
        }
        return new Answer(null, adapter.error(response.statusCode(), response.headers(), response.body()));
    }

    /** A streamed call, read to its end or to the first failure. */
    Streamed stream(JsonObject chat) throws IOException, InterruptedException {
        HttpRequest request = adapter.request(settings, MODEL, chat, true);
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        StreamTranslator translator = adapter.stream(MODEL, STREAM_ID, CREATED);
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Streamed(List.of(), translator, null, null,
                    adapter.error(response.statusCode(), response.headers(), body));
        }
        List<JsonObject> chunks = new ArrayList<>();
        SseParser parser = new SseParser(64 * 1024);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                SseEvent event = parser.line(line);
                if (event != null) {
                    chunks.addAll(translator.onEvent(event));
                }
            }
        } catch (ProviderException e) {
            return new Streamed(chunks, translator, e, null, null);
        } catch (IOException e) {
            return new Streamed(chunks, translator, null, e, null);
        }
        return new Streamed(chunks, translator, null, null, null);
    }

    /** JSON written with single quotes for readability: {@code json("{'role':'user'}")}. */
    static JsonObject json(String singleQuoted) {
        try (JsonReader reader = Json.createReader(new StringReader(singleQuoted.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    private static JsonObject parse(String body) throws ProviderException {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new ProviderException("answer is not a JSON object");
        }
    }

    /** Exactly one of the two is set. */
    record Answer(Completion completion, UpstreamError error) {
    }

    /**
     * @param chunks what was relayed before the end or the failure
     * @param failure the translator's refusal, if any
     * @param broken the connection's failure, if any
     * @param error the mapped refusal when the stream did not start
     */
    record Streamed(List<JsonObject> chunks, StreamTranslator translator, ProviderException failure,
            IOException broken, UpstreamError error) {

        /** The relayed text. */
        String text() {
            StringBuilder text = new StringBuilder();
            for (JsonObject chunk : chunks) {
                if (!chunk.getJsonArray("choices").isEmpty()) {
                    JsonObject delta = chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
                    text.append(delta.getString("content", ""));
                }
            }
            return text.toString();
        }
    }
}
