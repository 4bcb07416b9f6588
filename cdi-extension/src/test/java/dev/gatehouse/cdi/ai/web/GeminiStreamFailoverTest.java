package dev.gatehouse.cdi.ai.web;

import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiJson;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;
import dev.gatehouse.cdi.ai.testing.HeldOpen;

/** {@link StreamFailoverTests} against the Gemini API. */
class GeminiStreamFailoverTest extends StreamFailoverTests {

    private FakeGemini gemini;

    @Override
    Primary startPrimary() throws Exception {
        gemini = FakeGemini.start();
        return new Primary("gemini", gemini.baseUrl(), gemini.apiKey(), "gemini-2.0-flash");
    }

    @Override
    void stopPrimary() {
        gemini.close();
    }

    @Override
    void overloadedAfter200() {
        gemini.enqueue(FakeGeminiReply.stream().thenError(503, "UNAVAILABLE",
                "The model is overloaded. Please try again later."));
    }

    @Override
    Expected overloadedAnswer() {
        return new Expected(503, "overloaded_error", "The AI provider is overloaded or unavailable.");
    }

    @Override
    void rejectsAfter200(String message) {
        gemini.enqueue(FakeGeminiReply.stream().thenError(400, "INVALID_ARGUMENT", message));
    }

    @Override
    void cutsBeforeFirstChunk() {
        gemini.enqueue(FakeGeminiReply.stream().thenDisconnect());
    }

    @Override
    void cutsAfter(String text) {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk(text)).thenDisconnect());
    }

    @Override
    void stallsBeforeFirstChunk(HeldOpen held) {
        gemini.enqueue(FakeGeminiReply.stream().thenHoldOpen(held));
    }

    /** The chunk carries the usage so far, as Gemini's chunks do. */
    @Override
    void stallsAfter(String text, HeldOpen held) {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk(text, null, FakeGeminiJson.usage(10, 3)))
                .thenHoldOpen(held));
    }

    @Override
    UsageSoFar usageWhenStalledAfter(String text) {
        return new UsageSoFar("provider", 10, 3);
    }

    /** Gemini sends no keep-alives: the answer's chunks, one a word, trickle. */
    @Override
    void keepsSendingSlowly(String text) {
        gemini.enqueue(FakeGeminiReply.answer(text).withEventDelay(LIVE_GAP));
    }
}
