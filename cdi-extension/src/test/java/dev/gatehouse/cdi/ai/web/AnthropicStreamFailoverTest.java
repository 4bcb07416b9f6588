package dev.gatehouse.cdi.ai.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.AnthropicWire;
import dev.gatehouse.cdi.ai.testing.FakeAnthropic;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicReply;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicStream;
import dev.gatehouse.cdi.ai.testing.HeldOpen;

/** {@link StreamFailoverTests} against the Anthropic Messages API, and a client that hangs up mid-stream. */
class AnthropicStreamFailoverTest extends StreamFailoverTests {

    private FakeAnthropic anthropic;

    @Override
    Primary startPrimary() throws Exception {
        anthropic = FakeAnthropic.start();
        return new Primary("anthropic", anthropic.baseUrl(), anthropic.apiKey(), "claude-3-5-haiku-latest");
    }

    @Override
    void stopPrimary() {
        anthropic.close();
    }

    @Override
    void overloadedAfter200() {
        anthropic.enqueue(FakeAnthropicReply.stream().event(AnthropicWire.errorEvent("overloaded_error", "Overloaded")));
    }

    @Override
    Expected overloadedAnswer() {
        return new Expected(503, "overloaded_error", "The provider is overloaded; try again later");
    }

    @Override
    void rejectsAfter200(String message) {
        anthropic.enqueue(FakeAnthropicReply.stream().event(AnthropicWire.errorEvent("invalid_request_error", message)));
    }

    @Override
    void cutsBeforeFirstChunk() {
        anthropic.enqueue(FakeAnthropicReply.stream().dropConnection());
    }

    @Override
    void cutsAfter(String text) {
        anthropic.enqueue(started().event(AnthropicWire.textDelta(0, text)).dropConnection());
    }

    @Override
    void stallsBeforeFirstChunk(HeldOpen held) {
        anthropic.enqueue(FakeAnthropicReply.stream().holdOpen(held));
    }

    @Override
    void stallsAfter(String text, HeldOpen held) {
        anthropic.enqueue(started().event(AnthropicWire.textDelta(0, text)).holdOpen(held));
    }

    /** What {@code message_start} reported. */
    @Override
    UsageSoFar usageWhenStalledAfter(String text) {
        return new UsageSoFar("provider", 12, 1);
    }

    /** {@code ping}s, as Anthropic sends while a block is slow to come. */
    @Override
    void keepsSendingSlowly(String text) {
        FakeAnthropicStream stream = started();
        for (int i = 0; i < LIVE_GAPS; i++) {
            stream.event(AnthropicWire.ping()).delay(LIVE_GAP);
        }
        anthropic.enqueue(stream.event(AnthropicWire.textDelta(0, text)).event(AnthropicWire.blockStop(0))
                .event(AnthropicWire.messageDelta("end_turn", AnthropicWire.outputUsage(1)))
                .event(AnthropicWire.messageStop()));
    }

    @Test
    void streamWhenClientHangsUpThenUpstreamCancelledAndRecordSaysClientGoneWithUsageSoFar() throws Exception {
        CountDownLatch upstreamClosed = new CountDownLatch(1);
        anthropic.enqueue(started().textUntilClosed(0, "tick ", Duration.ofMillis(20), upstreamClosed));

        calls.hangUpMidStream(token, SINGLE, line -> line != null && line.contains("tick"));

        assertTrue(upstreamClosed.await(10, TimeUnit.SECONDS), "the gateway closed its connection to the provider");
        JsonObject record = calls.awaitLastUsage(token);
        assertEquals("client_gone", record.getString("end"));
        assertEquals(200, record.getInt("status"));
        assertEquals(12, record.getInt("prompt_tokens"), "the input tokens message_start reported");
        assertEquals("provider", record.getString("usage_source"));
        assertEquals(List.of(primary + " ok"), GatewayCalls.attempts(record));
    }

    /** {@code message_start} (12 input tokens) and a text block's start: a stream that has begun. */
    private static FakeAnthropicStream started() {
        return FakeAnthropicReply.stream().event(AnthropicWire.messageStart(AnthropicWire.usage(12, 1, 0, 0)))
                .event(AnthropicWire.textBlockStart(0));
    }
}
