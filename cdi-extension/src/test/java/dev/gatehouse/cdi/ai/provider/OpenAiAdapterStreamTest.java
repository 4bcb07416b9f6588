package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.STREAM_CREATED;
import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.STREAM_ID;
import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.hello;
import static dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.gatehouse.cdi.ai.provider.OpenAiRoundTrip.Streamed;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiAnswer;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;

/** Streams that end well: what the client sees and the usage kept. */
class OpenAiAdapterStreamTest {

    private static final String MODEL = "gpt-4o-mini";

    @RegisterExtension
    final OpenAiFixture openAi = new OpenAiFixture();

    @Test
    void streamThenRelaysEveryChunkWithTheGivenIdCreatedAndModel() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.answer("Hello there, gateway!").servedModel("gpt-4o-mini-2024-07-18"));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertNull(streamed.failure());
        assertEquals("Hello there, gateway!", streamed.content());
        assertTrue(streamed.chunks().size() > 3);
        for (JsonObject chunk : streamed.chunks()) {
            assertEquals(STREAM_ID, chunk.getString("id"));
            assertEquals(STREAM_CREATED, chunk.getJsonNumber("created").longValueExact());
            assertEquals(MODEL, chunk.getString("model"));
            assertEquals("chat.completion.chunk", chunk.getString("object"));
            assertEquals("fp_fake", chunk.getString("system_fingerprint"));
        }
    }

    @Test
    void streamWhenUsageChunkThenCapturesUsageAndRelaysIt() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.answer("Thinking done.").usage(1200, 340, 1024, 256));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals(new Usage(1200, 340, 1024, 256, true), streamed.translator().usage());
        JsonObject last = streamed.chunks().get(streamed.chunks().size() - 1);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, last.getJsonArray("choices"));
        assertEquals(FakeOpenAiAnswer.usageJson(1200, 340, 1024, 256), last.getJsonObject("usage"));
        assertTrue(streamed.chunks().subList(0, streamed.chunks().size() - 1).stream()
                .noneMatch(chunk -> chunk.containsKey("usage")), "usage: null is dropped from the other chunks");
    }

    @Test
    void streamWhenDoneThenCompleteAndDoneYieldsNoChunk() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.answer("Hi"));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertTrue(streamed.translator().complete());
        assertTrue(streamed.chunks().stream().noneMatch(chunk -> chunk.toString().contains("[DONE]")));
        assertEquals("stop", streamed.chunks().get(streamed.chunks().size() - 2).getJsonArray("choices")
                .getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void streamWhenProviderSendsNoUsageThenUsageUnknown() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                        + "\"finish_reason\":null}"))
                .chunk(chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}"))
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertTrue(streamed.translator().complete());
        assertEquals(Usage.UNKNOWN, streamed.translator().usage());
        assertFalse(streamed.translator().usage().reported());
    }

    @Test
    void streamWhenUsageComesWithTheLastChoiceThenCaptured() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"Bonjour\"},\"finish_reason\":null}"))
                .chunk(json("{\"id\":\"cmpl-m\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":7,\"total_tokens\":12,\"completion_tokens\":5}}"))
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals(new Usage(7, 5, 0, 0, true), streamed.translator().usage());
        assertEquals("Bonjour", streamed.content());
    }

    @Test
    void streamWhenUsageChunkHasNullChoicesThenRelaysEmptyChoices() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}"))
                .data("{\"id\":\"v\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":null,\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}")
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals(new Usage(3, 1, 0, 0, true), streamed.translator().usage());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, streamed.chunks().get(1).getJsonArray("choices"));
    }

    @Test
    void streamWhenServerSendsUnknownFinishReasonThenStop() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.answer("local model").finishReason("eos"));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        List<String> reasons = streamed.chunks().stream().flatMap(c -> c.getJsonArray("choices").stream())
                .map(JsonValue::asJsonObject).filter(c -> c.get("finish_reason") != JsonValue.NULL)
                .map(c -> c.getString("finish_reason")).toList();
        assertEquals(List.of("stop"), reasons);
    }

    @Test
    void streamWhenToolCallThenFinishReasonToolCallsAndArgumentsRelayed() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        StringBuilder arguments = new StringBuilder();
        streamed.chunks().stream().flatMap(c -> c.getJsonArray("choices").stream())
                .map(c -> c.asJsonObject().getJsonObject("delta"))
                .filter(delta -> delta.containsKey("tool_calls"))
                .forEach(delta -> arguments.append(delta.getJsonArray("tool_calls").getJsonObject(0)
                        .getJsonObject("function").getString("arguments")));
        assertEquals("{\"city\":\"Paris\"}", arguments.toString());
        assertEquals("tool_calls", streamed.chunks().get(streamed.chunks().size() - 2).getJsonArray("choices")
                .getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void streamWhenCommentsAndKeepAlivesThenIgnored() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .comment("OPENROUTER PROCESSING")
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}"))
                .raw("data:\n\n")
                .comment("keep-alive")
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}"))
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertNull(streamed.failure());
        assertEquals(2, streamed.chunks().size());
        assertEquals("ab", streamed.content());
    }

    @Test
    void streamWhenBodyStartsWithByteOrderMarkThenFirstChunkKept() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .raw("\uFEFF")
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"first\"},\"finish_reason\":\"stop\"}"))
                .done()));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals("first", streamed.content());
    }

    @Test
    void streamWhenLinesEndWithCrlfThenSameChunks() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .raw("data: " + chunk("{\"index\":0,\"delta\":{\"content\":\"crlf\"},\"finish_reason\":\"stop\"}")
                        + "\r\n\r\n")
                .raw("data: [DONE]\r\n\r\n")));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertEquals("crlf", streamed.content());
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenEventsFollowDoneThenIgnored() throws Exception {
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}"))
                .done()
                .data("not json at all")));

        Streamed streamed = openAi.roundTrip().stream(MODEL, hello());

        assertNull(streamed.failure());
        assertEquals(1, streamed.chunks().size());
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenChunksAreDelayedThenEachArrivesBeforeTheNextIsWritten() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        openAi.fake().enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of()
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\"first\"},\"finish_reason\":null}"))
                .holdUntil(firstRead)
                .pause(Duration.ofMillis(20))
                .chunk(chunk("{\"index\":0,\"delta\":{\"content\":\" second\"},\"finish_reason\":\"stop\"}"))
                .done()));
        StreamTranslator translator = openAi.roundTrip().adapter.stream(MODEL, STREAM_ID, STREAM_CREATED);
        SseParser parser = new SseParser(1024);

        HttpResponse<Stream<String>> response = OpenAiRoundTrip.CLIENT.send(
                openAi.roundTrip().adapter.request(openAi.roundTrip().provider, MODEL, hello(), true),
                HttpResponse.BodyHandlers.ofLines());

        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            List<JsonObject> first = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> nextChunks(it, parser, translator), "the first chunk must arrive while the server waits");
            assertEquals("first", first.get(0).getJsonArray("choices").getJsonObject(0).getJsonObject("delta")
                    .getString("content"));
            firstRead.countDown();
            assertEquals(" second", nextChunks(it, parser, translator).get(0).getJsonArray("choices")
                    .getJsonObject(0).getJsonObject("delta").getString("content"));
        }
    }

    private static List<JsonObject> nextChunks(Iterator<String> lines, SseParser parser, StreamTranslator translator)
            throws ProviderException {
        while (lines.hasNext()) {
            SseEvent event = parser.line(lines.next());
            if (event != null) {
                return translator.onEvent(event);
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static JsonObject chunk(String choice) {
        return json("{\"id\":\"chatcmpl-up\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"served-model\",\"choices\":[" + choice + "]}");
    }
}
