package dev.gatehouse.cdi.ai.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/** The fake's own contract, seen from a plain HTTP client: checks like the API's, scripting, recording. */
class FakeAnthropicTest {

    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Hi\"}]}";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FakeAnthropic anthropic;

    @BeforeEach
    void start() throws Exception {
        anthropic = FakeAnthropic.start();
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(anthropic.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("/messages", body, "x-api-key", anthropic.apiKey(), "anthropic-version", "2023-06-01",
                "content-type", "application/json");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void fakeWhenKeyMissingThenAnswers401AuthenticationErrorLikeTheApi() throws Exception {
        HttpResponse<String> response = post("/messages", BODY, "anthropic-version", "2023-06-01");

        assertEquals(401, response.statusCode());
        assertEquals("authentication_error", json(response.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void fakeWhenVersionMissingThenAnswers400() throws Exception {
        HttpResponse<String> response = post("/messages", BODY, "x-api-key", anthropic.apiKey(),
                "content-type", "application/json");

        assertEquals(400, response.statusCode());
        assertEquals("anthropic-version: header is required",
                json(response.body()).getJsonObject("error").getString("message"));
    }

    @Test
    void fakeWhenOtherPathThenAnswers404NotFoundError() throws Exception {
        HttpResponse<String> response = post("/chat/completions", BODY, "x-api-key", anthropic.apiKey());

        assertEquals(404, response.statusCode());
        assertEquals("not_found_error", json(response.body()).getJsonObject("error").getString("type"));
    }

    @Test
    void fakeWhenSystemRoleInMessagesThenAnswers400LikeTheApi() throws Exception {
        HttpResponse<String> response = post(BODY.replace("\"user\"", "\"system\""));

        assertEquals(400, response.statusCode());
        assertEquals("messages.0.role: Input should be 'user' or 'assistant'",
                json(response.body()).getJsonObject("error").getString("message"));
    }

    @Test
    void fakeWhenNothingQueuedThenAnswersHelloMessageWithUsage() throws Exception {
        JsonObject message = json(post(BODY).body());

        assertEquals("Hello!", message.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals(12, message.getJsonObject("usage").getInt("input_tokens"));
    }

    @Test
    void fakeWhenStreamRequestedThenDocumentedEventSequence() throws Exception {
        String body = post(BODY.replace("{\"model\"", "{\"stream\":true,\"model\"")).body();

        assertTrue(body.startsWith("event: message_start\ndata: {\"type\":\"message_start\""), body);
        assertTrue(body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), body);
    }

    @Test
    void fakeWhenRepliesQueuedThenServedInOrderAndRequestsRecorded() throws Exception {
        anthropic.enqueue(FakeAnthropicReply.error(529, "overloaded_error", "Overloaded"),
                FakeAnthropicReply.malformedJson());

        HttpResponse<String> overloaded = post(BODY);
        HttpResponse<String> malformed = post(BODY);

        assertEquals(529, overloaded.statusCode());
        assertEquals(200, malformed.statusCode());
        assertThrows(JsonException.class, () -> json(malformed.body()));
        assertEquals(List.of(BODY, BODY), anthropic.requests().stream().map(FakeAnthropicRequest::body).toList());
        assertEquals("2023-06-01", anthropic.lastRequest().header("Anthropic-Version"));
    }
}
