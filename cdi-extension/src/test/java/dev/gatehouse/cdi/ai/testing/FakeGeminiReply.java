package dev.gatehouse.cdi.ai.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One scripted answer of {@link FakeGemini}: immutable, built from the factories and refined with the
 * {@code with...}/{@code then...} methods. A reply has a JSON body, a list of stream events, or both (see
 * {@link #answer}); the fake streams the events to a {@code streamGenerateContent} call and sends the body otherwise.
 */
public final class FakeGeminiReply {

    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final List<String> events;
    private final Duration headersDelay;
    private final Duration eventDelay;
    private final boolean disconnect;
    private final HeldOpen held;

    private FakeGeminiReply(int status, Map<String, String> headers, String body, List<String> events,
            Duration headersDelay, Duration eventDelay, boolean disconnect, HeldOpen held) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.events = events == null ? null : List.copyOf(events);
        this.headersDelay = headersDelay;
        this.eventDelay = eventDelay;
        this.disconnect = disconnect;
        this.held = held;
    }

    /**
     * A finished text answer that fits both calls: one {@code GenerateContentResponse} for {@code generateContent},
     * and for {@code streamGenerateContent} one chunk per word with cumulative usage on every chunk, the last with
     * {@code finishReason} and the full usage (as Gemini streams).
     */
    public static FakeGeminiReply answer(String text, String finishReason, JsonObject usage) {
        String[] words = text.split("(?<= )");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            boolean last = i == words.length - 1;
            int candidates = usage.getInt("candidatesTokenCount") * (i + 1) / words.length;
            JsonObject partial = Json.createObjectBuilder(usage).add("candidatesTokenCount", candidates).build();
            events.add(FakeGeminiJson.chunk(words[i], last ? finishReason : null, last ? usage : partial).toString());
        }
        String body = FakeGeminiJson.response(text, finishReason, usage).toString();
        return new FakeGeminiReply(200, jsonType(), body, events, Duration.ZERO, Duration.ZERO, false, null);
    }

    /** {@link #answer(String, String, JsonObject)} finished by {@code STOP}, 10 prompt tokens, one token a word. */
    public static FakeGeminiReply answer(String text) {
        return answer(text, "STOP", FakeGeminiJson.usage(10, text.split("(?<= )").length));
    }

    /** A 200 answer with this JSON body. */
    public static FakeGeminiReply json(JsonObject body) {
        return status(200, body.toString());
    }

    /** A Google API error, with {@code code} as the HTTP status. */
    public static FakeGeminiReply error(int code, String status, String message) {
        return status(code, FakeGeminiJson.error(code, status, message).toString());
    }

    /** Any status with any body (which need not be JSON), typed {@code application/json}. */
    public static FakeGeminiReply status(int status, String body) {
        return new FakeGeminiReply(status, jsonType(), body, null, Duration.ZERO, Duration.ZERO, false, null);
    }

    /** A 200 {@code text/event-stream}, one {@code data:} event per chunk; the connection then ends cleanly. */
    public static FakeGeminiReply stream(JsonObject... chunks) {
        List<String> events = new ArrayList<>();
        for (JsonObject chunk : chunks) {
            events.add(chunk.toString());
        }
        return new FakeGeminiReply(200, Map.of(), null, events, Duration.ZERO, Duration.ZERO, false, null);
    }

    /** Adds a response header. */
    public FakeGeminiReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeGeminiReply(status, more, body, events, headersDelay, eventDelay, disconnect, held);
    }

    /** Waits this long before sending the status line and headers. */
    public FakeGeminiReply withHeadersDelay(Duration delay) {
        return new FakeGeminiReply(status, headers, body, events, delay, eventDelay, disconnect, held);
    }

    /** Waits this long before each stream event. */
    public FakeGeminiReply withEventDelay(Duration delay) {
        return new FakeGeminiReply(status, headers, body, events, headersDelay, delay, disconnect, held);
    }

    /** Then streams a Google API error object as an event (Gemini's way of failing mid-stream). */
    public FakeGeminiReply thenError(int code, String status, String message) {
        return thenData(FakeGeminiJson.error(code, status, message).toString());
    }

    /** Then streams an event with this data as is (e.g. malformed JSON). */
    public FakeGeminiReply thenData(String data) {
        List<String> more = new ArrayList<>(requireEvents());
        more.add(data);
        return new FakeGeminiReply(status, headers, body, more, headersDelay, eventDelay, disconnect, held);
    }

    /** Then drops the connection without ending the chunked body: the client sees the stream break. */
    public FakeGeminiReply thenDisconnect() {
        return new FakeGeminiReply(status, headers, body, requireEvents(), headersDelay, eventDelay, true, held);
    }

    /** Then sends nothing, the connection held open as {@code held} says; it finds out with empty chunks. */
    public FakeGeminiReply thenHoldOpen(HeldOpen held) {
        return new FakeGeminiReply(status, headers, body, requireEvents(), headersDelay, eventDelay, disconnect, held);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    String body() {
        return body;
    }

    List<String> events() {
        return events;
    }

    Duration headersDelay() {
        return headersDelay;
    }

    Duration eventDelay() {
        return eventDelay;
    }

    boolean disconnect() {
        return disconnect;
    }

    HeldOpen held() {
        return held;
    }

    private List<String> requireEvents() {
        return Objects.requireNonNull(events, "not a stream reply");
    }

    private static Map<String, String> jsonType() {
        return Map.of("Content-Type", "application/json; charset=UTF-8");
    }
}
