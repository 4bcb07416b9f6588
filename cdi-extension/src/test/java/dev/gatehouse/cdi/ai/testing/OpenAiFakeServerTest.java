package dev.gatehouse.cdi.ai.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** {@link FakeOpenAi} speaks OpenAI's wire format, so that the tests built on it mean something. */
class OpenAiFakeServerTest {

    private static final String KEY = "sk-test-abcdefghijklmnop";
    /** A request body without its closing brace, to append fields to. */
    private static final String HELLO =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    private final HttpClient client = HttpClient.newHttpClient();
    private FakeOpenAi openAi;

    @BeforeEach
    void start() throws Exception {
        openAi = FakeOpenAi.requiringKey(KEY);
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(openAi.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject error(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject().getJsonObject("error");
        }
    }

    @Test
    void baseUrlThenLoopbackV1() {
        assertTrue(openAi.baseUrl().toString().matches("http://127\\.0\\.0\\.1:\\d+/v1"), openAi.baseUrl()::toString);
    }

    @Test
    void postWhenNoAuthorizationThen401AsOpenAiAnswers() throws Exception {
        HttpResponse<String> response = post("/chat/completions", null, HELLO + "}");

        assertEquals(401, response.statusCode());
        assertEquals(FakeOpenAi.error("invalid_request_error", FakeOpenAiRefusals.NO_KEY, null), error(response));
    }

    @Test
    void postWhenWrongKeyThen401QuotingTheKeyMasked() throws Exception {
        HttpResponse<String> response = post("/chat/completions", "Bearer sk-wrong-0123456789xyz", HELLO + "}");

        assertEquals(401, response.statusCode());
        assertEquals("invalid_api_key", error(response).getString("code"));
        assertTrue(error(response).getString("message")
                .startsWith("Incorrect API key provided: sk-w" + "*".repeat(14) + "9xyz."), response::body);
    }

    @Test
    void postWhenUnknownPathThen404InvalidUrl() throws Exception {
        HttpResponse<String> response = post("/completions", "Bearer " + KEY, HELLO + "}");

        assertEquals(404, response.statusCode());
        assertEquals("Invalid URL (POST /v1/completions)", error(response).getString("message"));
    }

    @Test
    void postWhenBodyNotJsonThen400() throws Exception {
        HttpResponse<String> response = post("/chat/completions", "Bearer " + KEY, "{not json");

        assertEquals(400, response.statusCode());
        assertEquals(FakeOpenAiRefusals.NOT_JSON, error(response).getString("message"));
    }

    @Test
    void postWhenStreamOptionsWithoutStreamThen400OnStreamOptions() throws Exception {
        HttpResponse<String> response = post("/chat/completions", "Bearer " + KEY,
                HELLO + ",\"stream_options\":{\"include_usage\":true}}");

        assertEquals(400, response.statusCode());
        assertEquals("stream_options", error(response).getString("param"));
    }

    @Test
    void postThenRecordsMethodPathHeadersAndBody() throws Exception {
        post("/chat/completions", "Bearer " + KEY, HELLO + "}");

        FakeOpenAiRequest received = openAi.lastRequest();
        assertEquals("POST", received.method());
        assertEquals("/v1/chat/completions", received.path());
        assertEquals(Optional.of("Bearer " + KEY), received.header("AUTHORIZATION"));
        assertEquals(HELLO + "}", received.body());
        assertEquals(1, openAi.requests().size());
    }

    @Test
    void postWhenScriptedThenRepliesInOrderThenOtherwise() throws Exception {
        openAi.enqueue(FakeOpenAiReply.error(503, "server_error", "overloaded", null))
                .enqueue(FakeOpenAiReply.answer("second"))
                .otherwise(FakeOpenAiReply.error(500, "server_error", "no more", null));

        List<Integer> statuses = List.of(post("/chat/completions", "Bearer " + KEY, HELLO + "}").statusCode(),
                post("/chat/completions", "Bearer " + KEY, HELLO + "}").statusCode(),
                post("/chat/completions", "Bearer " + KEY, HELLO + "}").statusCode());

        assertEquals(List.of(503, 200, 500), statuses);
    }

    @Test
    void postWhenAnswerNotStreamedThenChatCompletionObject() throws Exception {
        HttpResponse<String> response = post("/chat/completions", "Bearer " + KEY, HELLO + "}");

        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("chat.completion", body.getString("object"));
        assertEquals("gpt-4o-mini", body.getString("model"));
        assertEquals("Hello from FakeOpenAi.", body.getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertEquals(29, body.getJsonObject("usage").getInt("total_tokens"));
    }

    @Test
    void postWhenStreamedWithUsageThenOpenAiFramingUsageNullAndUsageChunkBeforeDone() throws Exception {
        HttpResponse<String> response = post("/chat/completions", "Bearer " + KEY,
                HELLO + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().endsWith("\n\ndata: [DONE]\n\n"), response::body);
        List<String> events = Arrays.asList(response.body().split("\n\n"));
        assertTrue(events.stream().allMatch(event -> event.startsWith("data: ") && !event.contains("\n")));
        List<JsonObject> chunks = events.subList(0, events.size() - 1).stream()
                .map(event -> Json.createReader(new StringReader(event.substring(6))).readObject()).toList();
        JsonObject usageChunk = chunks.get(chunks.size() - 1);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, usageChunk.getJsonArray("choices"));
        assertEquals(19, usageChunk.getJsonObject("usage").getInt("prompt_tokens"));
        assertTrue(chunks.subList(0, chunks.size() - 1).stream()
                .allMatch(chunk -> chunk.get("usage") == JsonValue.NULL));
        assertEquals(1, chunks.stream().map(chunk -> chunk.getString("id")).distinct().count());
    }

    @Test
    void postWhenStreamedWithoutIncludeUsageThenNoUsageAnywhere() throws Exception {
        HttpResponse<String> response = post("/chat/completions", "Bearer " + KEY, HELLO + ",\"stream\":true}");

        assertFalse(response.body().contains("usage"), response::body);
        assertTrue(response.body().contains("\"finish_reason\":\"stop\""));
    }

    @Test
    void postWhenStreamHeldThenChunksBeforeTheHoldArriveAndTheReplyIsUnfinishedUntilReleased() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        openAi.enqueue(FakeOpenAiReply.answer("abcdefgh").holdAfter(2, release));

        try (Stream<String> lines = client.send(streamed(), HttpResponse.BodyHandlers.ofLines()).body()) {
            Iterator<String> data = lines.filter(line -> line.startsWith("data: ")).iterator();
            data.next();
            assertTrue(data.next().contains("\"content\":\"abcd\""));
            assertEquals(0, openAi.repliesFinished(), "the fake holds the rest");
            release.countDown();
            data.forEachRemaining(line -> { });
        } finally {
            release.countDown();
        }
        assertEquals(1, openAi.awaitRepliesFinished(1));
    }

    @Test
    void postWhenStreamHeldThenCutThenChunksBeforeTheCutThenTheReadFailsWithoutDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        openAi.enqueue(FakeOpenAiReply.answer("abcdefgh").holdAfter(2, release).cutAfter(2));
        List<String> data = new ArrayList<>();

        try (Stream<String> lines = client.send(streamed(), HttpResponse.BodyHandlers.ofLines()).body()) {
            Iterator<String> it = lines.filter(line -> line.startsWith("data: ")).iterator();
            data.add(it.next());
            data.add(it.next());
            release.countDown();
            assertThrows(UncheckedIOException.class, () -> it.forEachRemaining(data::add));
        } finally {
            release.countDown();
        }

        assertEquals(2, data.size(), data::toString);
        assertTrue(data.get(1).contains("\"content\":\"abcd\""), data::toString);
        assertEquals(0, openAi.repliesFinished());
    }

    private HttpRequest streamed() {
        return HttpRequest.newBuilder(URI.create(openAi.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(HELLO + ",\"stream\":true}")).build();
    }
}
