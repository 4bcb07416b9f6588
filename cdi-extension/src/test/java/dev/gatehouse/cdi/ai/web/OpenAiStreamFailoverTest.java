package dev.gatehouse.cdi.ai.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;
import dev.gatehouse.cdi.ai.testing.HeldOpen;

/** {@link StreamFailoverTests} against an OpenAI-compatible server, and an application stopped while a stream waits. */
class OpenAiStreamFailoverTest extends StreamFailoverTests {

    private FakeOpenAi openai;

    @Override
    Primary startPrimary() throws Exception {
        openai = FakeOpenAi.start();
        return new Primary("openai", openai.baseUrl(), null, "gpt-4o");
    }

    @Override
    void stopPrimary() {
        openai.close();
    }

    @Override
    void overloadedAfter200() {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().error("server_error",
                "The server had an error while processing your request. Sorry about that!")));
    }

    @Override
    Expected overloadedAnswer() {
        return new Expected(500, "api_error", "The provider failed to answer.");
    }

    @Override
    void rejectsAfter200(String message) {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().error("invalid_request_error", message)));
    }

    @Override
    void cutsBeforeFirstChunk() {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().cutConnection()));
    }

    @Override
    void cutsAfter(String text) {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content(text)
                .cutConnection()));
    }

    @Override
    void stallsBeforeFirstChunk(HeldOpen held) {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().holdOpen(held)));
    }

    @Override
    void stallsAfter(String text, HeldOpen held) {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content(text).holdOpen(held)));
    }

    /** OpenAI reports usage in the last chunk only. */
    @Override
    UsageSoFar usageWhenStalledAfter(String text) {
        return UsageSoFar.estimated(text);
    }

    /** SSE comments while the model thinks, as OpenRouter and other OpenAI-compatible servers send (OpenAI none). */
    @Override
    void keepsSendingSlowly(String text) {
        FakeOpenAiStream stream = FakeOpenAiStream.of();
        for (int i = 0; i < LIVE_GAPS; i++) {
            stream.comment("keep-alive").pause(LIVE_GAP);
        }
        openai.enqueue(FakeOpenAiReply.stream(stream.content(text).done()));
    }

    @Test
    void undeployWhileAStreamWaitsOnItsProviderThenTheProviderCallIsCancelled() throws Exception {
        HeldOpen held = new HeldOpen();
        backup.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Hi").holdOpen(held)));
        // the caller leaves; the relay waits on the provider (the backup's default limits: a minute and more)
        calls.hangUpMidStream(token, BACKUP_FIRST, line -> line != null && line.contains("Hi"));

        gateway.close();
        gateway = null;

        assertTrue(held.closedByClient(), "stopping the application cancelled the provider call");
    }
}
