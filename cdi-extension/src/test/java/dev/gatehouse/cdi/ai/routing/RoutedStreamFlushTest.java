package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.OpenAiAdapter;

/**
 * When the relay flushes: after the first chunk always (time to first byte), then whenever the provider's stream has
 * nothing more already received — chunks that arrived together go out with one flush, and no chunk waits for data
 * that has not arrived ({@link Arrivals}: the body in the parts it arrives in).
 */
class RoutedStreamFlushTest {

    private static final Target TARGET = new Target("fake", "gpt-4o-mini");

    private final StreamWatchdog watchdog = new StreamWatchdog();

    @AfterEach
    void stop() {
        watchdog.close();
    }

    /** Records chunk contents and flushes in order. */
    private static final class Recording implements RoutedStream.ChunkSink {

        final List<String> calls = new ArrayList<>();

        @Override
        public void chunk(JsonObject chunk) {
            JsonObject delta = chunk.getJsonArray("choices").isEmpty() ? null
                    : chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
            calls.add(delta != null && delta.containsKey("content") ? delta.getString("content") : "other");
        }

        @Override
        public void flush() {
            calls.add("flush");
        }
    }

    private static String event(String content) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static final String FINISH = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n";

    private List<String> relayed(Arrivals body) throws Exception {
        RoutedStream stream = RoutedStream.open(TARGET, List.of(), watchdog.watch(body, Duration.ofSeconds(30)),
                Duration.ofSeconds(30), new OpenAiAdapter().stream("gpt-4o-mini", "chatcmpl-1", 1));
        Recording sink = new Recording();
        try (stream) {
            assertEquals(RoutedStream.End.COMPLETE, stream.relay(sink));
        }
        return sink.calls;
    }

    @Test
    void relayWhenChunksArriveTogetherThenOneFlushForThem() throws Exception {
        List<String> calls = relayed(Arrivals.of(event("a"), event("b") + event("c") + event("d"), FINISH));
        assertEquals(List.of("a", "flush", "b", "c", "d", "flush", "other", "flush"), calls);
    }

    @Test
    void relayWhenEachChunkArrivesAloneThenEachFlushed() throws Exception {
        List<String> calls = relayed(Arrivals.of(event("a"), event("b"), event("c"), FINISH));
        assertEquals(List.of("a", "flush", "b", "flush", "c", "flush", "other", "flush"), calls);
    }

    @Test
    void relayWhenWholeStreamArrivedAtOnceThenFirstChunkStillFlushedAtOnce() throws Exception {
        List<String> calls = relayed(Arrivals.of(event("a") + event("b") + event("c") + FINISH));
        assertEquals(List.of("a", "flush", "b", "c", "other", "flush"), calls);
    }

    @Test
    void relayWhenClientGoneAtFlushThenClientGone() throws Exception {
        RoutedStream stream = RoutedStream.open(TARGET, List.of(),
                watchdog.watch(Arrivals.of(event("a"), event("b"), FINISH), Duration.ofSeconds(30)),
                Duration.ofSeconds(30), new OpenAiAdapter().stream("gpt-4o-mini", "chatcmpl-1", 1));
        List<String> chunks = new ArrayList<>();
        try (stream) {
            assertEquals(RoutedStream.End.CLIENT_GONE, stream.relay(new RoutedStream.ChunkSink() {
                @Override
                public void chunk(JsonObject chunk) {
                    chunks.add("chunk");
                }

                @Override
                public void flush() throws IOException {
                    throw new IOException("client gone");
                }
            }));
        }
        assertEquals(List.of("chunk"), chunks, "nothing more is relayed to a client found gone");
    }
}
