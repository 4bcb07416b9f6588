package dev.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * Streaming through the deployed gateway ({@code POST /v1/chat/completions} with {@code "stream": true}): the
 * provider's chunks are relayed as Server-Sent Events while they come, one flush each, and the end says how the
 * provider's stream ended. Part of {@link SampleApplicationTests}, so it runs on every server.
 */
interface ChatStreamTests {

    /** Text of the first content chunk of {@link FakeProvider#ANSWER} (the fake streams four characters a chunk). */
    String FIRST_PIECE = FakeProvider.ANSWER.substring(0, 4);

    /** The sample application, deployed with the test configuration. */
    Http sampleApplication();

    @Test
    default void chatCompletionWhenStreamedThenChunksCarryTheAnswerAndEndInDone() {
        try (EventStream events = streamChat(false)) {
            List<String> data = events.rest();

            assertEquals("[DONE]", data.get(data.size() - 1), data::toString);
            List<JsonObject> chunks = data.subList(0, data.size() - 1).stream().map(Http::object).toList();
            assertAll(() -> assertEquals(FakeProvider.ANSWER, EventStream.content(chunks), data::toString),
                    () -> assertEquals(List.of("chat.completion.chunk"),
                            chunks.stream().map(c -> c.getString("object")).distinct().toList(), data::toString),
                    () -> assertEquals(1, chunks.stream().map(c -> c.getString("id")).distinct().count(),
                            data::toString),
                    () -> assertTrue(chunks.stream().noneMatch(c -> c.get("usage") instanceof JsonObject),
                            "usage relayed although the caller did not ask for it: " + data));
        }
    }

    @Test
    default void chatCompletionWhenStreamedWithIncludeUsageThenUsageChunkBeforeDone() {
        try (EventStream events = streamChat(true)) {
            List<String> data = events.rest();

            assertEquals("[DONE]", data.get(data.size() - 1), data::toString);
            JsonObject usageChunk = Http.object(data.get(data.size() - 2));
            assertEquals(JsonValue.EMPTY_JSON_ARRAY, usageChunk.getJsonArray("choices"), data::toString);
            JsonObject usage = usageChunk.getJsonObject("usage");
            assertAll(() -> assertEquals(19, usage.getInt("prompt_tokens")),
                    () -> assertEquals(10, usage.getInt("completion_tokens")),
                    () -> assertEquals(29, usage.getInt("total_tokens")));
        }
    }

    /**
     * The server flushes each chunk: the fake provider sends the role chunk and the first piece of text, then holds the
     * rest until the test has seen that piece arrive through the server. A server that buffered would deliver nothing
     * until the provider finished (after the hold's 30 s limit), which {@link FakeOpenAi#repliesFinished()} reveals.
     */
    @Test
    default void chatCompletionWhenProviderTricklesThenFirstChunkArrivesWhileProviderStillHoldsTheRest() {
        CountDownLatch firstPieceSeen = new CountDownLatch(1);
        FakeOpenAi provider = FakeProvider.server();
        int finishedBefore = provider.repliesFinished();
        provider.enqueue(FakeOpenAiReply.answer(FakeProvider.ANSWER).holdAfter(2, firstPieceSeen));
        try (EventStream events = streamChat(false)) {
            JsonObject first = events.nextWithContent();
            int finishedWhenSeen = provider.repliesFinished();
            firstPieceSeen.countDown();

            assertEquals(FIRST_PIECE, EventStream.content(List.of(first)));
            assertEquals(finishedBefore, finishedWhenSeen,
                    "the first chunk arrived only after the provider had finished: the server buffered the stream");
            List<String> rest = events.rest();
            assertEquals("[DONE]", rest.get(rest.size() - 1), rest::toString);
        } finally {
            firstPieceSeen.countDown();
        }
    }

    /**
     * The provider's connection drops in the middle of the answer (after the test saw the first piece arrive, so the
     * gateway is past the point where it could fall back): the stream ends with an error event, never {@code [DONE]}.
     */
    @Test
    default void chatCompletionWhenProviderBreaksOffThenErrorEventAndNoDone() {
        CountDownLatch firstPieceSeen = new CountDownLatch(1);
        FakeProvider.server().enqueue(FakeOpenAiReply.answer(FakeProvider.ANSWER)
                .holdAfter(2, firstPieceSeen).cutAfter(2));
        try (EventStream events = streamChat(false)) {
            assertEquals(FIRST_PIECE, EventStream.content(List.of(events.nextWithContent())));
            firstPieceSeen.countDown();
            List<String> rest = events.rest();

            assertEquals(1, rest.size(), () -> "one error event after the relayed chunks, got " + rest);
            assertFalse(rest.contains("[DONE]"), rest::toString);
            JsonObject error = Http.object(rest.get(0)).getJsonObject("error");
            assertAll(() -> assertEquals("upstream_stream_error", error.getString("code"), rest::toString),
                    () -> assertEquals("api_error", error.getString("type"), rest::toString),
                    () -> assertEquals("The model provider's stream broke off", error.getString("message")));
        } finally {
            firstPieceSeen.countDown();
        }
    }

    private EventStream streamChat(boolean includeUsage) {
        String body = "{\"model\":\"chat\",\"stream\":true,"
                + (includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";
        EventStream events = sampleApplication().postForEvents("v1/chat/completions", TestTokens.valid().mint(), body);
        try {
            assertEquals(200, events.status(), events::remainingText);
            assertTrue(events.contentType().startsWith("text/event-stream"), events::contentType);
            return events;
        } catch (AssertionError e) {
            events.close();
            throw e;
        }
    }
}
