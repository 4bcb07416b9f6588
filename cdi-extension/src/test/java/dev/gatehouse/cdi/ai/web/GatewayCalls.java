package dev.gatehouse.cdi.ai.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** The gateway's HTTP API as a client calls it: JSON bodies, a bearer token, each answer read whole as text. */
final class GatewayCalls {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    GatewayCalls(EmbeddedGateway gateway) {
        this.base = URI.create(gateway.base());
    }

    /** @param token the bearer token, or {@code null} for none; @param body JSON, or {@code null} for none */
    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /v1/chat/completions} of {@link #chat(String, boolean)}. */
    HttpResponse<String> chat(String token, String model, boolean stream) throws Exception {
        return call("POST", "/v1/chat/completions", token, chat(model, stream));
    }

    /** The most recent usage record of the caller ({@code GET /v1/usage}). */
    JsonObject lastUsage(String token) throws Exception {
        return json(call("GET", "/v1/usage", token, null)).getJsonArray("recent").getJsonObject(0);
    }

    /**
     * Streams {@code model}'s answer over a plain socket (HTTP/1.1), reads it line by line until {@code seen} matches a
     * line, then closes the connection: a client that goes away in the middle of a stream.
     */
    void hangUpMidStream(String token, String model, Predicate<String> seen) throws Exception {
        byte[] body = chat(model, true).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = in.readLine(); !seen.test(line); line = in.readLine()) {
                if (line == null) {
                    throw new AssertionError("the stream ended before the line looked for");
                }
            }
        }
    }

    /**
     * The caller's most recent usage record once there is one: a call whose client went away is recorded after the
     * relay stops, which the client does not wait for. Fails after 10 s.
     */
    JsonObject awaitLastUsage(String token) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            JsonArray recent = json(call("GET", "/v1/usage", token, null)).getJsonArray("recent");
            if (!recent.isEmpty()) {
                return recent.getJsonObject(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no usage record within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** A chat request for {@code model} saying "Say hi". */
    static String chat(String model, boolean stream) {
        return Json.createObjectBuilder().add("model", model).add("stream", stream)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                        .add("content", "Say hi"))).build().toString();
    }

    static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The {@code data:} of each Server-Sent Event of a streamed answer, in order. */
    static List<String> events(HttpResponse<String> response) {
        return Arrays.stream(response.body().split("\n\n")).map(String::strip).filter(e -> !e.isEmpty())
                .map(e -> e.startsWith("data: ") ? e.substring("data: ".length()) : e).toList();
    }

    /** The text of a streamed answer: the {@code delta.content} of its chunks, joined. */
    static String streamedText(HttpResponse<String> response) {
        StringBuilder text = new StringBuilder();
        for (String event : events(response)) {
            if (event.startsWith("{") && json(event).get("choices") instanceof JsonArray choices && !choices.isEmpty()
                    && choices.getJsonObject(0).getJsonObject("delta").get("content") instanceof JsonString piece) {
                text.append(piece.getString());
            }
        }
        return text.toString();
    }

    /** A usage record's attempts ({@code "provider/model outcome"}). */
    static List<String> attempts(JsonObject record) {
        return record.getJsonArray("attempts").getValuesAs(JsonString::getString);
    }
}
