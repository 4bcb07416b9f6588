package dev.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiRequest;

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

    /**
     * The last request the provider received carried the provider's key and nothing of {@code callerToken}: the
     * gateway never forwards the caller's credentials. Failure messages never quote the token.
     */
    static void assertLastRequestCarriedOnlyTheProviderKey(String callerToken) {
        FakeOpenAiRequest request = SERVER.lastRequest();
        assertEquals("Bearer " + API_KEY, request.header("Authorization").orElse(null));
        assertFalse(request.body().contains(callerToken), "the caller's token in the provider request's body");
        assertFalse(request.headers().values().stream().flatMap(Collection::stream)
                .anyMatch(value -> value.contains(callerToken)), "the caller's token in a provider request header");
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
