package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.JsonObject;

import dev.gatehouse.cdi.json.Json;

/**
 * What {@link FakeOpenAi} answers to one request. The factories cover what a test needs: a model's answer (rendered
 * as JSON or as a stream, whichever the request asked for), any JSON with any status, OpenAI's error body, a raw body
 * (HTML from a proxy, malformed JSON), a scripted stream; {@link #withHeader} adds a response header to any of them.
 */
@FunctionalInterface
public interface FakeOpenAiReply {

    /** Writes the whole answer (status, headers, body) to the exchange. */
    void send(HttpExchange exchange, FakeOpenAiRequest request) throws IOException;

    /** The same reply with one more response header ({@code Retry-After}, {@code x-ratelimit-reset-tokens}...). */
    default FakeOpenAiReply withHeader(String name, String value) {
        FakeOpenAiReply reply = this;
        return (exchange, request) -> {
            exchange.getResponseHeaders().add(name, value);
            reply.send(exchange, request);
        };
    }

    /** The model answers {@code content}: a {@code chat.completion}, or chunks when the request streams. */
    static FakeOpenAiAnswer answer(String content) {
        return FakeOpenAiAnswer.text(content);
    }

    /** The model calls one function: {@code tool_calls}, or its chunks when the request streams. */
    static FakeOpenAiAnswer toolCall(String function, String argumentsJson) {
        return FakeOpenAiAnswer.toolCall(function, argumentsJson);
    }

    /** 200 with this JSON body. */
    static FakeOpenAiReply json(JsonObject body) {
        return json(200, body);
    }

    /** {@code status} with this JSON body. */
    static FakeOpenAiReply json(int status, JsonObject body) {
        return raw(status, "application/json", body.toString());
    }

    /** OpenAI's error: {@code {"error":{"message","type","param":null,"code"}}} ({@code code} may be null). */
    static FakeOpenAiReply error(int status, String type, String message, String code) {
        return json(status, Json.createObjectBuilder().add("error", FakeOpenAi.error(type, message, code)).build());
    }

    /** {@code status}, this content type and exactly this body. */
    static FakeOpenAiReply raw(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** 200 {@code text/event-stream}, written step by step as scripted. */
    static FakeOpenAiReply stream(FakeOpenAiStream script) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            script.writeTo(out);
            out.close();
        };
    }
}
