package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.AnthropicRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.cdi.ai.provider.AnthropicRoundTrip.Streamed;
import dev.gatehouse.cdi.ai.testing.AnthropicWire;
import dev.gatehouse.cdi.ai.testing.FakeAnthropic;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicReply;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicStream;
import jakarta.json.JsonObject;

/** Streamed answers, relayed event by event as OpenAI {@code chat.completion.chunk}s. */
@Timeout(10)
class AnthropicStreamTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hi'}]}");

    private FakeAnthropic anthropic;
    private AnthropicRoundTrip roundTrip;

    @BeforeEach
    void start() throws Exception {
        anthropic = FakeAnthropic.start();
        roundTrip = new AnthropicRoundTrip(new AnthropicAdapter(), anthropic.provider());
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private Streamed relay(FakeAnthropicStream stream) throws Exception {
        anthropic.enqueue(stream);
        return roundTrip.stream(HELLO);
    }

    private static String chunk(String choices) {
        return "{'id':'chatcmpl-test','object':'chat.completion.chunk','created':1750000000,"
                + "'model':'claude-sonnet-4-5','choices':" + choices + "}";
    }

    private static String delta(String delta, String finishReason) {
        return chunk("[{'index':0,'delta':" + delta + ",'logprobs':null,'finish_reason':" + finishReason + "}]");
    }

    @Test
    void streamWhenTextAnswerThenRoleTextFinishAndUsageChunks() throws Exception {
        Streamed streamed = relay(FakeAnthropicStream.text("Hel", "lo"));

        assertNull(streamed.failure());
        assertEquals(List.of(
                json(delta("{'role':'assistant','content':''}", "null")),
                json(delta("{'content':'Hel'}", "null")),
                json(delta("{'content':'lo'}", "null")),
                json(delta("{}", "'stop'")),
                json("{'id':'chatcmpl-test','object':'chat.completion.chunk','created':1750000000,"
                        + "'model':'claude-sonnet-4-5','choices':[],'usage':{'prompt_tokens':12,"
                        + "'completion_tokens':2,'total_tokens':14,'prompt_tokens_details':{'cached_tokens':0},"
                        + "'completion_tokens_details':{'reasoning_tokens':0}}}")),
                streamed.chunks());
        assertTrue(streamed.translator().complete());
        assertEquals(new Usage(12, 2, 0, 0, true), streamed.translator().usage());
    }

    @Test
    void streamWhenCacheTokensThenPromptSumsThemAndOutputIsFromMessageDelta() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 200, 300)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "ok"))
                .event(AnthropicWire.blockStop(0))
                .event(AnthropicWire.messageDelta("end_turn", AnthropicWire.outputUsage(42)))
                .event(AnthropicWire.messageStop()));

        assertEquals(new Usage(510, 42, 300, 0, true), streamed.translator().usage());
        assertEquals(streamed.translator().usage().toJson(),
                streamed.chunks().get(streamed.chunks().size() - 1).getJsonObject("usage"));
    }

    @Test
    void streamWhenMessageDeltaCarriesCumulativeInputCountsThenTheyReplaceTheStartCounts() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event(AnthropicWire.messageDelta("end_turn", AnthropicWire.usage(15, 7, 0, 4)))
                .event(AnthropicWire.messageStop()));

        assertEquals(new Usage(19, 7, 4, 0, true), streamed.translator().usage());
    }

    @Test
    void streamWhenMaxTokensReachedThenFinishReasonLength() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "Once upon"))
                .event(AnthropicWire.messageDelta("max_tokens", AnthropicWire.outputUsage(2)))
                .event(AnthropicWire.messageStop()));

        List<JsonObject> chunks = streamed.chunks();
        assertEquals("length", Streamed.finishReason(chunks.get(chunks.size() - 2)));
    }

    @Test
    void streamWhenToolUseThenToolCallChunksWithArgumentsInPieces() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(50, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "Checking."))
                .event(AnthropicWire.blockStop(0))
                .event(AnthropicWire.toolUseBlockStart(1, "toolu_01", "weather"))
                .event(AnthropicWire.inputJsonDelta(1, ""))
                .event(AnthropicWire.inputJsonDelta(1, "{\"city\":"))
                .event(AnthropicWire.inputJsonDelta(1, " \"Paris\"}"))
                .event(AnthropicWire.blockStop(1))
                .event(AnthropicWire.messageDelta("tool_use", AnthropicWire.outputUsage(30)))
                .event(AnthropicWire.messageStop()));

        List<JsonObject> chunks = streamed.chunks();
        assertEquals(List.of(
                json(delta("{'tool_calls':[{'index':0,'id':'toolu_01','type':'function',"
                        + "'function':{'name':'weather','arguments':''}}]}", "null")),
                json(delta("{'tool_calls':[{'index':0,'function':{'arguments':'{\\'city\\':'}}]}", "null")),
                json(delta("{'tool_calls':[{'index':0,'function':{'arguments':' \\'Paris\\'}'}}]}", "null")),
                json(delta("{}", "'tool_calls'"))),
                chunks.subList(2, 6));
        assertEquals("Checking.", streamed.content());
    }

    @Test
    void streamWhenPingsThinkingServerToolsAndUnknownEventsThenNoChunksForThem() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event(AnthropicWire.ping())
                .event(AnthropicWire.thinkingBlockStart(0))
                .event(AnthropicWire.thinkingDelta(0, "secret reasoning"))
                .event(AnthropicWire.blockStop(0))
                .event(AnthropicWire.serverToolUseBlockStart(1, "srvtoolu_1", "web_search"))
                .event(AnthropicWire.inputJsonDelta(1, "{\"query\":\"answer\"}"))
                .event(AnthropicWire.blockStop(1))
                .event("future_event", "{\"type\":\"future_event\"}")
                .raw(": a comment line\n\n")
                .event(AnthropicWire.textBlockStart(2))
                .event(AnthropicWire.textDelta(2, "42"))
                .event(AnthropicWire.messageDelta("end_turn", AnthropicWire.outputUsage(9)))
                .event(AnthropicWire.messageStop()));

        assertEquals(4, streamed.chunks().size());
        assertEquals("42", streamed.content());
        assertFalse(streamed.chunks().toString().contains("secret reasoning"));
        assertFalse(streamed.chunks().toString().contains("query"));
    }

    @Test
    void streamWhenErrorEventMidStreamThenProviderExceptionAfterRelayedText() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "Par"))
                .event(AnthropicWire.errorEvent("overloaded_error", "Overloaded while writing about Paris")));

        ProviderException failure = assertInstanceOf(ProviderException.class, streamed.failure());
        assertEquals("Anthropic stream ended with an error event (overloaded_error)", failure.getMessage());
        assertEquals("Par", streamed.content());
        assertFalse(streamed.translator().complete());
    }

    @Test
    void streamWhenConnectionDroppedThenBrokenBodyAndNotComplete() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "Half"))
                .dropConnection());

        assertInstanceOf(UncheckedIOException.class, streamed.failure());
        assertEquals("Half", streamed.content());
        assertFalse(streamed.translator().complete());
        assertEquals(new Usage(10, 1, 0, 0, true), streamed.translator().usage());
    }

    @Test
    void streamWhenBodyEndsWithoutMessageStopThenNotComplete() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "Half")));

        assertNull(streamed.failure());
        assertFalse(streamed.translator().complete());
        assertTrue(streamed.chunks().stream().allMatch(chunk -> Streamed.finishReason(chunk) == null));
    }

    @Test
    void streamWhenEventDataIsNotJsonThenProviderException() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{"));

        assertEquals("Anthropic stream event is not a JSON object", streamed.failure().getMessage());
    }

    @Test
    void streamWhenPausesOutlastResponseTimeoutThenStillCompletes() throws Exception {
        roundTrip.complete(HELLO); // a warm client, so that the headers come well within the timeout
        ProviderSettings fast = new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(),
                anthropic.apiKey(), Duration.ofSeconds(1), Duration.ofMillis(700), 0, Map.of());
        anthropic.enqueue(FakeAnthropicReply.stream()
                .event(AnthropicWire.messageStart(AnthropicWire.usage(10, 1, 0, 0)))
                .delay(Duration.ofMillis(900))
                .event(AnthropicWire.textBlockStart(0))
                .event(AnthropicWire.textDelta(0, "slow"))
                .delay(Duration.ofMillis(900))
                .event(AnthropicWire.messageDelta("end_turn", AnthropicWire.outputUsage(1)))
                .event(AnthropicWire.messageStop()));

        Streamed streamed = new AnthropicRoundTrip(new AnthropicAdapter(), fast).stream(HELLO);

        assertNull(streamed.failure());
        assertEquals("slow", streamed.content());
        assertTrue(streamed.translator().complete());
    }

    @Test
    void streamWhenEventsFollowMessageStopThenIgnored() throws Exception {
        Streamed streamed = relay(FakeAnthropicStream.text("done")
                .event(AnthropicWire.textDelta(0, "late"))
                .event(AnthropicWire.errorEvent("api_error", "late")));

        assertNull(streamed.failure());
        assertEquals("done", streamed.content());
    }

    @Test
    void streamWhenContentArrivesWithoutMessageStartThenRoleChunkComesFirstAndUsageUnknown() throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.textDelta(0, "hi"))
                .event(AnthropicWire.messageStop()));

        assertEquals("assistant", Streamed.delta(streamed.chunks().get(0)).getString("role"));
        assertEquals(3, streamed.chunks().size());
        assertEquals(Usage.UNKNOWN, streamed.translator().usage());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            overloaded_error      | 503 | overloaded_error      | The provider is overloaded; try again later
            rate_limit_error      | 429 | rate_limit_error      | The provider's rate limit was reached
            api_error             | 502 | api_error             | The provider failed to answer
            timeout_error         | 504 | api_error             | The provider timed out
            invalid_request_error | 400 | invalid_request_error | prompt is too long: 210000 tokens > 200000 maximum
            request_too_large     | 413 | invalid_request_error | prompt is too long: 210000 tokens > 200000 maximum
            authentication_error  | 502 | authentication_error  | The provider rejected the gateway's credentials
            billing_error         | 502 | permission_error      | The provider refused the gateway's account access to this model
            a_type_added_later    | 502 | api_error             | The provider failed to answer
            """)
    void streamWhenErrorEventThenReportsWhatTheSameHttpErrorMapsTo(String errorType, int status, String type,
            String message) throws Exception {
        Streamed streamed = relay(FakeAnthropicReply.stream()
                .event(AnthropicWire.errorEvent(errorType, "prompt is too long: 210000 tokens > 200000 maximum")));

        ProviderException failure = assertInstanceOf(ProviderException.class, streamed.failure());
        assertEquals(new UpstreamError(status, type, message, null), failure.reported().orElseThrow());
    }
}
