package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.GeminiExchange.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiJson;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;

/** The response timeout bounds the wait for Gemini's headers, not the length of a stream. */
class GeminiTimeoutTest {

    private static final JsonObject HELLO = json("{'messages':[{'role':'user','content':'Hello'}]}");
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private FakeGemini gemini;
    private GeminiExchange exchange;

    @BeforeEach
    void start() throws Exception {
        gemini = FakeGemini.start();
        exchange = new GeminiExchange(GeminiExchange.settings(gemini, gemini.apiKey(), TIMEOUT, Map.of()));
    }

    @AfterEach
    void stop() {
        gemini.close();
    }

    @Test
    void requestWhenHeadersComeLaterThanTheResponseTimeoutThenHttpTimeout() {
        gemini.enqueue(FakeGeminiReply.answer("Late").withHeadersDelay(TIMEOUT.multipliedBy(3)));

        assertThrows(HttpTimeoutException.class, () -> exchange.call(HELLO));
    }

    @Test
    void streamWhenItLastsLongerThanTheResponseTimeoutThenNotATimeout() throws Exception {
        gemini.enqueue(FakeGeminiReply.stream(FakeGeminiJson.chunk("one "), FakeGeminiJson.chunk("two "),
                FakeGeminiJson.chunk("three", "STOP", FakeGeminiJson.usage(1, 3)))
                .withEventDelay(TIMEOUT.dividedBy(2)));

        GeminiExchange.Streamed streamed = exchange.stream(HELLO);

        assertNull(streamed.broken());
        assertEquals("one two three", streamed.text());
        assertTrue(streamed.translator().complete());
    }
}
