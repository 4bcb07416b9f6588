package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.GeminiExchange.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiJson;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;

/** {@link GeminiStreamTranslator}: a {@code streamGenerateContent?alt=sse} answer as OpenAI chunks. */
class GeminiStreamTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hello'}]}");
    private static final String HEAD = "'id':'chatcmpl-stream-1','object':'chat.completion.chunk','created':"
            + GeminiExchange.CREATED + ",'model':'gemini-2.5-flash',";

    private FakeGemini gemini;
    private GeminiExchange exchange;

    @BeforeEach
    void start() throws Exception {
        gemini = FakeGemini.start();
        exchange = GeminiExchange.with(gemini);
    }

    @AfterEach
    void stop() {
        gemini.close();
    }

    @Test
    void streamWhenAnswerThenRoleContentFinishAndUsageChunks() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hello"),
                FakeGeminiJson.chunk(" world", "STOP", FakeGeminiJson.usage(4, 2))));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals(List.of(
                json("{" + HEAD + "'choices':[{'index':0,'delta':{'role':'assistant','content':''},'logprobs':null,"
                        + "'finish_reason':null}]}"),
                json("{" + HEAD + "'choices':[{'index':0,'delta':{'content':'Hello'},'logprobs':null,"
                        + "'finish_reason':null}]}"),
                json("{" + HEAD + "'choices':[{'index':0,'delta':{'content':' world'},'logprobs':null,"
                        + "'finish_reason':null}]}"),
                json("{" + HEAD + "'choices':[{'index':0,'delta':{},'logprobs':null,'finish_reason':'stop'}]}"),
                json("{" + HEAD + "'choices':[],'usage':{'prompt_tokens':4,'completion_tokens':2,'total_tokens':6,"
                        + "'prompt_tokens_details':{'cached_tokens':0},"
                        + "'completion_tokens_details':{'reasoning_tokens':0}}}")), streamed.chunks());
        assertTrue(streamed.translator().complete());
        assertEquals(new Usage(4, 2, 0, 0, true), streamed.translator().usage());
        assertNull(streamed.failure());
        assertNull(streamed.broken());
    }

    @Test
    void streamWhenUsageOnEveryChunkThenTheLastIsAuthoritative() throws Exception {
        gemini.enqueue(FakeGeminiReply.answer("The quick brown fox", "STOP", FakeGeminiJson.usage(9, 40, 100, 0)));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("The quick brown fox", streamed.text());
        assertEquals(new Usage(9, 140, 0, 100, true), streamed.translator().usage());
        JsonObject last = streamed.chunks().get(streamed.chunks().size() - 1);
        assertEquals(140, last.getJsonObject("usage").getInt("completion_tokens"));
        assertEquals(1 + 4 + 1 + 1, streamed.chunks().size());
    }

    @Test
    void streamWhenMaxTokensThenFinishReasonLength() throws Exception {
        gemini.enqueue(FakeGeminiReply.answer("Once upon a", "MAX_TOKENS", FakeGeminiJson.usage(3, 3)));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("length", finishReasons(streamed).get(0));
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenOutputFilteredThenContentFilterAfterTheTextAlreadySent() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Sure, here"),
                json("{'candidates':[{'content':{'role':'model'},'finishReason':'SAFETY','index':0}],"
                        + "'usageMetadata':{'promptTokenCount':5,'candidatesTokenCount':3,'totalTokenCount':8}}")));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Sure, here", streamed.text());
        assertEquals(List.of("content_filter"), finishReasons(streamed));
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenPromptBlockedThenRoleFinishContentFilterAndUsage() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.blocked("SAFETY",
                json("{'promptTokenCount':6,'totalTokenCount':6}"))));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals(3, streamed.chunks().size());
        assertEquals("assistant", delta(streamed.chunks().get(0)).getString("role"));
        assertEquals(List.of("content_filter"), finishReasons(streamed));
        assertEquals(new Usage(6, 0, 0, 0, true), streamed.translator().usage());
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenThoughtPartsThenLeftOutAndCountedAsReasoning() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(
                FakeGeminiJson.withParts(Json.createArrayBuilder().add(FakeGeminiJson.thought("Considering...")),
                        null, FakeGeminiJson.usage(8, 0, 25, 0)),
                FakeGeminiJson.chunk("Yes.", "STOP", FakeGeminiJson.usage(8, 2, 25, 0))));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Yes.", streamed.text());
        assertEquals(new Usage(8, 27, 0, 25, true), streamed.translator().usage());
    }

    @Test
    void streamWhenChunkHasOnlyUsageOrEmptyTextThenNoContentChunkForIt() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(json("{'usageMetadata':{'promptTokenCount':2}}"),
                FakeGeminiJson.chunk(""), FakeGeminiJson.chunk("Hi", "STOP", FakeGeminiJson.usage(2, 1))));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals(List.of("{'role':'assistant','content':''}", "{'content':'Hi'}", "{}"),
                streamed.chunks().stream().filter(c -> !c.getJsonArray("choices").isEmpty())
                        .map(c -> delta(c).toString().replace('"', '\'')).toList());
    }

    @Test
    void streamWhenConnectionEndsWithoutFinishReasonThenNotComplete() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hel", null, FakeGeminiJson.usage(3, 1)),
                FakeGeminiJson.chunk("lo")));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Hello", streamed.text());
        assertFalse(streamed.translator().complete());
        assertTrue(finishReasons(streamed).isEmpty());
        assertNull(streamed.broken());
    }

    @Test
    void streamWhenConnectionDroppedMidStreamThenBrokenAndNotComplete() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hel")).thenDisconnect());

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertNotNull(streamed.broken());
        assertEquals("Hel", streamed.text());
        assertFalse(streamed.translator().complete());
    }

    @Test
    void streamWhenErrorObjectMidStreamThenProviderExceptionWithoutItsMessage() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hel"))
                .thenError(503, "UNAVAILABLE", "The model is overloaded; prompt was: secret"));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertNotNull(streamed.failure());
        assertEquals("Gemini reported an error instead of an answer (code 503, UNAVAILABLE)",
                streamed.failure().getMessage());
        assertFalse(streamed.translator().complete());
    }

    @Test
    void streamWhenEventIsNotJsonThenProviderException() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hel")).thenData("{\"candidates\": [secret"));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Gemini stream event is not valid JSON", streamed.failure().getMessage());
    }

    @Test
    void streamWhenEventIsJsonButNotAnObjectThenProviderException() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hel")).thenData("[1,2]"));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Gemini stream event is not a JSON object", streamed.failure().getMessage());
    }

    @Test
    void streamWhenEventIsDeeplyNestedJsonThenProviderExceptionNotStackOverflow() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hel"))
                .thenData("{\"candidates\":" + "[".repeat(60_000)));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Gemini stream event is not valid JSON", streamed.failure().getMessage());
    }

    @Test
    void streamWhenEventsFollowTheFinishThenIgnored() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Done", "STOP", FakeGeminiJson.usage(2, 1)),
                FakeGeminiJson.chunk("more", "STOP", FakeGeminiJson.usage(2, 99))).thenData("not json"));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("Done", streamed.text());
        assertNull(streamed.failure());
        assertEquals(new Usage(2, 1, 0, 0, true), streamed.translator().usage());
        assertEquals(4, streamed.chunks().size());
    }

    @Test
    void streamWhenNoUsageReportedThenNoUsageChunkAndUsageUnknown() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("Hi", "STOP", null)));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertTrue(streamed.chunks().stream().noneMatch(c -> c.containsKey("usage")));
        assertEquals(Usage.UNKNOWN, streamed.translator().usage());
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenRefusedBeforeStartingThenUpstreamError() throws Exception {
        gemini.enqueue(FakeGeminiReply.status(429, FakeGeminiJson.rateLimited("20s").toString()));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals(new UpstreamError(429, "rate_limit_error", "The AI provider's rate limit or quota was exceeded.",
                Duration.ofSeconds(20)), streamed.error());
        assertTrue(streamed.chunks().isEmpty());
    }

    @Test
    void streamWhenEventLargerThanTheParserBoundThenProviderException() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("x".repeat(70_000), "STOP", null)));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals("stream event larger than 65536 characters", streamed.failure().getMessage());
        assertTrue(streamed.chunks().isEmpty());
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    private static List<String> finishReasons(GeminiExchange.Streamed streamed) {
        return streamed.chunks().stream()
                .filter(c -> !c.getJsonArray("choices").isEmpty())
                .map(c -> c.getJsonArray("choices").getJsonObject(0))
                .filter(choice -> !choice.isNull("finish_reason"))
                .map(choice -> choice.getString("finish_reason"))
                .toList();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}   | 503 | overloaded_error      | The AI provider is overloaded or unavailable.
            {"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}} | 500 | api_error             | The AI provider failed to answer.
            {"error":{"code":400,"message":"Bad temperature.","status":"INVALID_ARGUMENT"}}      | 400 | invalid_request_error | Bad temperature.
            {"error":{"message":"Deadline expired.","status":"DEADLINE_EXCEEDED"}}               | 504 | api_error             | The AI provider timed out.
            {"error":{"message":"Something new."}}                                               | 500 | api_error             | The AI provider failed to answer.
            """)
    void streamWhenErrorObjectThenReportsWhatTheSameHttpErrorMapsTo(String data, int status, String type,
            String message) throws Exception {
        gemini.enqueue(FakeGeminiReply.stream().thenData(data));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals(new UpstreamError(status, type, message, null), streamed.failure().reported().orElseThrow());
    }

    @Test
    void streamWhenRateLimitErrorObjectThenReportsItsRetryDelay() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream().thenData(FakeGeminiJson.rateLimited("47s").toString()));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertEquals(new UpstreamError(429, "rate_limit_error", "The AI provider's rate limit or quota was exceeded.",
                Duration.ofSeconds(47)), assertInstanceOf(ProviderException.class, streamed.failure()).reported()
                        .orElseThrow());
    }
}
