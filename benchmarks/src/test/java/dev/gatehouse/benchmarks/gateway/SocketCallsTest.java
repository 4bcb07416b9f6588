package dev.gatehouse.benchmarks.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;

/** The lean load generator against the fake provider the benchmark uses (chunked streams, sized answers). */
class SocketCallsTest {

    private static final String KEY = "sk-socket-calls-test";

    private FakeOpenAi fake;
    private Endpoint endpoint;

    @BeforeEach
    void startFake() throws Exception {
        fake = FakeOpenAi.requiringKey(KEY).otherwise(FakeOpenAiReply.answer("Hello from the fake provider."));
        endpoint = endpoint("Bearer " + KEY);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void timesBlockingAndStreamedCallsOverOneKeptConnection() throws Exception {
        try (SocketCalls calls = new SocketCalls()) {
            for (int i = 0; i < 5; i++) {
                assertTrue(calls.blocking(endpoint, i) > 0);
                ChatClient.StreamTimes times = calls.stream(endpoint, i);
                assertTrue(times.firstData() > 0, "first data: line timed");
                assertTrue(times.firstData() <= times.total(), "first line before the end");
            }
        }
        assertEquals(1, fake.connections());
        assertEquals(10, fake.requests().size());
    }

    @Test
    void sendsTheRequestOfTheJdkClient() throws Exception {
        try (SocketCalls calls = new SocketCalls()) {
            calls.stream(endpoint, 0);
        }
        assertEquals("POST", fake.lastRequest().method());
        assertEquals(ChatCalls.STREAM_BODY, fake.lastRequest().body());
        assertEquals("application/json", fake.lastRequest().header("Content-Type").orElseThrow());
        assertTrue(fake.lastRequest().includeUsage());
    }

    @Test
    void failsOnAnAnswerOtherThanOk() throws Exception {
        Endpoint wrongKey = endpoint("Bearer sk-wrong");
        try (SocketCalls calls = new SocketCalls()) {
            IllegalStateException blocking = assertThrows(IllegalStateException.class,
                    () -> calls.blocking(wrongKey, 0));
            assertTrue(blocking.getMessage().contains("answered 401"), blocking.getMessage());
            IllegalStateException stream = assertThrows(IllegalStateException.class, () -> calls.stream(wrongKey, 0));
            assertTrue(stream.getMessage().contains("answered 401"), stream.getMessage());
        }
    }

    @Test
    void replacesAConnectionIdleForLongerThanItsLimit() throws Exception {
        try (SocketCalls calls = new SocketCalls(Duration.ofMillis(50))) {
            calls.blocking(endpoint, 0);
            calls.blocking(endpoint, 1);
            Thread.sleep(200);
            calls.blocking(endpoint, 2);
        }
        assertEquals(2, fake.connections());
    }

    @Test
    void keepsOneConnectionPerThread() throws Exception {
        try (SocketCalls calls = new SocketCalls()) {
            calls.blocking(endpoint, 0);
            Thread other = new Thread(() -> {
                try {
                    calls.blocking(endpoint, 1);
                    calls.blocking(endpoint, 2);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            other.start();
            other.join();
            calls.blocking(endpoint, 3);
        }
        assertEquals(2, fake.connections());
        assertEquals(4, fake.requests().size());
    }

    private Endpoint endpoint(String authorization) {
        return new Endpoint("fake", URI.create(fake.baseUrl() + "/chat/completions"), new String[] {authorization});
    }
}
