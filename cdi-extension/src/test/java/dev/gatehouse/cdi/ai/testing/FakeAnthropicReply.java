package dev.gatehouse.cdi.ai.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.JsonObject;

/** What {@link FakeAnthropic} answers to one request. */
@FunctionalInterface
public interface FakeAnthropicReply {

    /** Writes the answer; the server closes the exchange afterwards. */
    void send(HttpExchange exchange, FakeAnthropicRequest request) throws IOException;

    /**
     * A successful answer with this text, in the form the request asked for: a {@code message} (usage 12 input, one
     * output token per part, {@code end_turn}), or the documented event sequence for {@code "stream": true}.
     */
    static FakeAnthropicReply text(String... parts) {
        return (exchange, request) -> {
            if (request.wantsStream()) {
                FakeAnthropicStream.text(parts).send(exchange, request);
            } else {
                message(AnthropicWire.message(String.join("", parts), "end_turn",
                        AnthropicWire.usage(12, parts.length, 0, 0))).send(exchange, request);
            }
        };
    }

    /** 200 with this {@code message} object. */
    static FakeAnthropicReply message(JsonObject message) {
        return status(200, message.toString());
    }

    /** An error answer in Anthropic's shape, e.g. {@code error(529, "overloaded_error", "Overloaded")}. */
    static FakeAnthropicReply error(int status, String type, String message, String... headerNamesAndValues) {
        return status(status, AnthropicWire.error(type, message).toString(), headerNamesAndValues);
    }

    /** 200 with a JSON body cut in the middle. */
    static FakeAnthropicReply malformedJson() {
        return status(200, "{\"id\":\"msg_fake\",\"type\":\"message\",\"content\":[{\"type\":\"te");
    }

    /** A stream to script event by event. */
    static FakeAnthropicStream stream() {
        return new FakeAnthropicStream();
    }

    /** Any status with any body (sent as {@code application/json}) and headers. */
    static FakeAnthropicReply status(int status, String body, String... headerNamesAndValues) {
        if (headerNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("header names and values come in pairs");
        }
        return (exchange, request) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("request-id", "req_fake");
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }
}
