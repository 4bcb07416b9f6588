package dev.gatehouse.cdi.ai.web;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;

/** {@link StreamFailoverTests} against an OpenAI-compatible server. */
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
}
