package dev.gatehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;

/**
 * The OpenAI-compatible model provider behind the deployed sample's AI gateway: a {@link FakeOpenAi} on loopback in
 * this JVM, started once (the deployment's configuration names its port), answering every call with a fixed text in
 * OpenAI's real wire format (streamed or not, as asked).
 */
final class FakeProvider {

    static final String API_KEY = "sk-it-provider-key";
    static final String ANSWER = "Hello from the fake provider";

    private static final FakeOpenAi SERVER = start();

    private FakeProvider() {
    }

    static FakeOpenAi server() {
        return SERVER;
    }

    static String baseUrl() {
        return SERVER.baseUrl().toString();
    }

    private static FakeOpenAi start() {
        try {
            FakeOpenAi fake = FakeOpenAi.requiringKey(API_KEY);
            fake.otherwise(FakeOpenAiReply.answer(ANSWER));
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
