package dev.gatehouse.cdi.ai.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AliasSettings;
import dev.gatehouse.cdi.ai.config.RoutingSettings;
import dev.gatehouse.cdi.ai.config.Strategy;
import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.GeminiAdapter;
import dev.gatehouse.cdi.ai.provider.OpenAiAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.testing.FakeGemini;
import dev.gatehouse.cdi.ai.testing.FakeGeminiJson;
import dev.gatehouse.cdi.ai.testing.FakeGeminiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;

/**
 * Fallback, retries, Retry-After and streams (those failing or stalling before their first chunk too) over real HTTP to
 * fake OpenAI and Gemini servers.
 */
class ChatRouterTest {

    private static final Target PRIMARY = new Target("primary", "gpt-4o-mini");
    private static final Target BACKUP = new Target("backup", "gemini-2.0-flash");
    private static final JsonObject CHAT = Json.createObjectBuilder().add("model", "chat")
            .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user")
                    .add("content", "Hello"))).build();
    private static final JsonObject STREAMED = Json.createObjectBuilder(CHAT).add("stream", true).build();
    private static final FakeOpenAiReply ERROR_EVENT_FIRST = FakeOpenAiReply.stream(FakeOpenAiStream.of()
            .error("server_error", "The server had an error while processing your request."));
    /** 200, then nothing until the fake is closed. */
    private static final FakeOpenAiReply SILENT = FakeOpenAiReply.stream(FakeOpenAiStream.of()
            .holdUntil(new CountDownLatch(1)));
    private static final Duration SHORT = Duration.ofMillis(300);
    /** Longer than any test waits for a stall. */
    private static final Duration LONG = Duration.ofSeconds(30);

    private FakeOpenAi openai;
    private FakeGemini gemini;
    private final List<Duration> sleeps = new ArrayList<>();
    private final StreamWatchdog watchdog = new StreamWatchdog();
    private TargetHealth health;
    private ChatRouter router;
    private AliasSettings alias;

    @BeforeEach
    void start() throws Exception {
        openai = FakeOpenAi.start();
        gemini = FakeGemini.start();
        router = router(openai.baseUrl());
    }

    private ChatRouter router(URI primaryUrl) {
        return router(primaryUrl, ProviderSettings.DEFAULT_STREAM_FIRST_CHUNK_TIMEOUT,
                ProviderSettings.DEFAULT_STREAM_IDLE_TIMEOUT);
    }

    /** The primary's stream may be silent {@code firstChunk} before its first chunk, {@code idle} after it. */
    private ChatRouter router(URI primaryUrl, Duration firstChunk, Duration idle) {
        RoutingSettings routing = new RoutingSettings(Duration.ofMillis(100), Duration.ofSeconds(5), 5,
                Duration.ofSeconds(30));
        AiSettings settings = new AiSettings("/v1", Map.of(
                // headers within 5 s: the first call of the JVM warms up, and a busy machine is no reason to fall back
                "primary", new ProviderSettings("primary", "openai", primaryUrl, "sk-primary", Duration.ofSeconds(2),
                        Duration.ofSeconds(5), firstChunk, idle, 1, Map.of()),
                "backup", new ProviderSettings("backup", "gemini", gemini.baseUrl(), gemini.apiKey(),
                        Duration.ofSeconds(2), Duration.ofSeconds(1), 0, Map.of())),
                Map.of(), routing, dev.gatehouse.cdi.ai.usage.PriceTable.NONE, "admin", List.of());
        alias = new AliasSettings("chat", List.of(PRIMARY, BACKUP), Strategy.PRIORITY, List.of(), Set.of());
        health = new TargetHealth(routing, Clock.systemUTC());
        return new ChatRouter(settings, Map.of("openai", new OpenAiAdapter(), "gemini", new GeminiAdapter()),
                clients(Duration.ofSeconds(5)), watchdog, health, new TargetOrder(health, new Random(1)),
                new Backoff(routing, new Random(1)), sleeps::add, Clock.systemUTC());
    }

    /** The clients the router calls providers with: by default the gateway's (plain http: its own client). */
    ProviderClients clients(Duration connectTimeout) {
        return ProviderClients.create(connectTimeout);
    }

    @AfterEach
    void stop() {
        openai.close();
        gemini.close();
        watchdog.close();
    }

    @Test
    void completeWhenPrimaryAnswersThenNoFallback() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("Hi there"));
        RoutedCompletion done = router.complete(alias, CHAT);
        assertEquals(PRIMARY, done.target());
        assertEquals(List.of(new Attempt(PRIMARY, "ok")), done.attempts());
        assertEquals("gpt-4o-mini", openai.lastRequest().json().getString("model"), "the alias is replaced");
        assertEquals(0, gemini.requests().size());
    }

    @Test
    void completeWhenPrimaryFailsTwiceWith500ThenRetriedOnceThenFallsBack() throws Exception {
        openai.enqueue(FakeOpenAiReply.error(500, "server_error", "boom", null));
        openai.enqueue(FakeOpenAiReply.error(500, "server_error", "boom", null));
        gemini.enqueue(FakeGeminiReply.answer("From Gemini"));
        RoutedCompletion done = router.complete(alias, CHAT);
        assertEquals(BACKUP, done.target());
        assertEquals(List.of(new Attempt(PRIMARY, "500"), new Attempt(PRIMARY, "500"), new Attempt(BACKUP, "ok")),
                done.attempts());
        assertEquals(1, sleeps.size(), "one backoff before the retry");
        assertEquals("From Gemini", done.completion().response().getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
    }

    @Test
    void completeWhenRetryAfterLongerThanBackoffThenFallsBackAtOnceAndNobodyAsksAgain() throws Exception {
        openai.enqueue(FakeOpenAiReply.error(429, "rate_limit_error", "slow down", null).withHeader("Retry-After", "120"));
        gemini.enqueue(FakeGeminiReply.answer("one"), FakeGeminiReply.answer("two"));
        assertEquals(BACKUP, router.complete(alias, CHAT).target());
        assertEquals(0, sleeps.size(), "no retry of a target that asked for two minutes");
        RoutedCompletion second = router.complete(alias, CHAT);
        assertEquals(List.of(new Attempt(BACKUP, "ok")), second.attempts(), "the blocked target gets no request");
        assertEquals(1, openai.requests().size());
    }

    @Test
    void completeWhenCallerMistakeThenPassedOnWithoutFallback() {
        openai.enqueue(FakeOpenAiReply.error(400, "invalid_request_error", "max_tokens is too large", null));
        GatewayException e = assertThrows(GatewayException.class, () -> router.complete(alias, CHAT));
        assertEquals(400, e.error().status());
        assertEquals("invalid_request_error", e.error().type());
        assertEquals(0, gemini.requests().size());
    }

    @Test
    void completeWhenPrimaryUnreachableThenFallsBack() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        router = router(URI.create("http://127.0.0.1:" + closedPort + "/v1"));
        gemini.enqueue(FakeGeminiReply.answer("still here"));
        RoutedCompletion done = router.complete(alias, CHAT);
        assertEquals(BACKUP, done.target());
        assertEquals("connect", done.attempts().get(0).outcome());
    }

    @Test
    void completeWhenHeadersTooLateThenTimeoutAndFallback() throws Exception {
        gemini.enqueue(FakeGeminiReply.answer("too late").withHeadersDelay(Duration.ofSeconds(3)));
        openai.enqueue(FakeOpenAiReply.answer("in time"));
        AliasSettings slowFirst = new AliasSettings("chat", List.of(BACKUP, PRIMARY), Strategy.PRIORITY, List.of(),
                Set.of());
        RoutedCompletion done = router.complete(slowFirst, CHAT);
        assertEquals(PRIMARY, done.target());
        assertEquals(new Attempt(BACKUP, "timeout"), done.attempts().get(0));
    }

    @Test
    void streamWhenHeadersTooLateThenTimeoutAndFallback() throws Exception {
        gemini.enqueue(FakeGeminiReply.answer("too late").withHeadersDelay(Duration.ofSeconds(3)));
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("in time").done()));
        AliasSettings slowFirst = new AliasSettings("chat", List.of(BACKUP, PRIMARY), Strategy.PRIORITY, List.of(),
                Set.of());
        try (RoutedStream stream = router.stream(slowFirst, STREAMED, "chatcmpl-20", 1L)) {
            assertEquals(List.of(new Attempt(BACKUP, "timeout"), new Attempt(PRIMARY, "ok")), stream.attempts());
            assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunk -> { }));
        }
    }

    @Test
    void streamWhenProviderEndedThenItsConnectionIsKeptForTheNextCall() throws Exception {
        for (int call = 0; call < 10; call++) {
            openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Hi").done()));
            try (RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-3" + call, 1L)) {
                assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunk -> { }));
            }
        }
        // closing a body before its chunked end had been read cancelled the exchange and closed the connection
        assertEquals(1, openai.connections(), "ten streamed calls over one kept-alive connection");
    }

    @Test
    void streamWhenProviderHoldsItsBodyOpenAfterDoneThenCloseIsBoundedAndDropsTheConnection() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Hi").done().holdUntil(never)));
        RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-40", 1L);
        assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunk -> { }));

        // reading the rest of the body waits at most FINISH_WAIT (and the watchdog's tick), then gives up
        assertTimeoutPreemptively(RoutedStream.FINISH_WAIT.plusSeconds(5), stream::close);
        assertEquals(0, watchdog.watching(), "the body was closed");
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Again").done()));
        try (RoutedStream next = router.stream(alias, STREAMED, "chatcmpl-41", 1L)) {
            assertEquals(RoutedStream.End.COMPLETE, next.relay(chunk -> { }));
        }
        assertEquals(2, openai.connections(), "a body not ended in time costs its connection");
    }

    @Test
    void completeWhenEveryTargetFailsThenLastErrorWithAttempts() {
        openai.otherwise(FakeOpenAiReply.error(503, "server_error", "down", null));
        gemini.otherwise(FakeGeminiReply.error(503, "UNAVAILABLE", "overloaded"));
        GatewayException e = assertThrows(GatewayException.class, () -> router.complete(alias, CHAT));
        assertEquals(503, e.error().status());
        assertEquals(3, e.attempts().size());
    }

    @Test
    void completeWhenProviderRefusesFeatureThenCallerGets400() {
        JsonObject twoAnswers = Json.createObjectBuilder(CHAT).add("n", 2).build();
        AliasSettings geminiOnly = new AliasSettings("g", List.of(BACKUP), Strategy.PRIORITY, List.of(), Set.of());
        GatewayException e = assertThrows(GatewayException.class, () -> router.complete(geminiOnly, twoAnswers));
        assertEquals(400, e.error().status());
        assertEquals(0, gemini.requests().size());
    }

    @Test
    void streamWhenPrimaryUnavailableThenFallsBackBeforeFirstByteAndRelaysToTheEnd() throws Exception {
        openai.otherwise(FakeOpenAiReply.error(503, "server_error", "down", null));
        gemini.enqueue(FakeGeminiReply.answer("streamed from gemini"));
        List<JsonObject> chunks = new ArrayList<>();
        try (RoutedStream stream = router.stream(alias, Json.createObjectBuilder(CHAT).add("stream", true).build(),
                "chatcmpl-1", 1_700_000_000L)) {
            assertEquals(BACKUP, stream.target());
            assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunks::add));
            assertTrue(stream.usage().reported());
        }
        String text = chunks.stream().filter(c -> !c.getJsonArray("choices").isEmpty())
                .map(c -> c.getJsonArray("choices").getJsonObject(0).getJsonObject("delta"))
                .filter(d -> d.containsKey("content")).map(d -> d.getString("content")).reduce("", String::concat);
        assertEquals("streamed from gemini", text.strip());
        assertTrue(chunks.stream().allMatch(c -> c.getString("id").equals("chatcmpl-1")));
    }

    @Test
    void streamWhenConnectionCutMidwayThenUpstreamFailedNotComplete() throws Exception {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("partial").cutConnection()));
        List<JsonObject> chunks = new ArrayList<>();
        try (RoutedStream stream = router.stream(alias, CHAT, "chatcmpl-2", 1L)) {
            assertEquals(RoutedStream.End.UPSTREAM_FAILED, stream.relay(chunks::add));
        }
        assertEquals(1, chunks.size(), "what arrived before the break was relayed");
    }

    @Test
    void streamWhenClientGoneThenRelayStops() throws Exception {
        openai.enqueue(FakeOpenAiReply.answer("a long answer that keeps coming"));
        try (RoutedStream stream = router.stream(alias, CHAT, "chatcmpl-3", 1L)) {
            assertEquals(RoutedStream.End.CLIENT_GONE, stream.relay(chunk -> {
                throw new java.io.IOException("client closed the connection");
            }));
        }
    }

    @Test
    void streamWhenErrorEventBeforeFirstChunkThenRetriedWithBackoffThenFallsBack() throws Exception {
        assertPrimaryTriedTwiceThenBackupServes(ERROR_EVENT_FIRST, "stream_500");
        assertEquals(1, sleeps.size(), "one backoff before the retry, as after an HTTP 500");
    }

    @Test
    void streamWhenErrorEventAsksForALongRetryDelayThenFallsBackAndNobodyAsksAgainUntilThen() throws Exception {
        AliasSettings geminiFirst = new AliasSettings("chat", List.of(BACKUP, PRIMARY), Strategy.PRIORITY, List.of(),
                Set.of());
        gemini.enqueue(FakeGeminiReply.stream().thenData(FakeGeminiJson.rateLimited("47s").toString()));
        openai.enqueue(FakeOpenAiReply.answer("one")).enqueue(FakeOpenAiReply.answer("two"));
        Instant before = Instant.now();
        try (RoutedStream first = router.stream(geminiFirst, STREAMED, "chatcmpl-5", 1L)) {
            assertEquals(List.of(new Attempt(BACKUP, "stream_429"), new Attempt(PRIMARY, "ok")), first.attempts());
        }
        assertFalse(health.blockedUntil(BACKUP).isBefore(before.plusSeconds(47)), "the RetryInfo delay Gemini sent");
        try (RoutedStream second = router.stream(geminiFirst, STREAMED, "chatcmpl-6", 1L)) {
            assertEquals(List.of(new Attempt(PRIMARY, "ok")), second.attempts());
        }
        assertEquals(1, gemini.requests().size());
    }

    @Test
    void streamWhenErrorEventsBeforeFirstChunkKeepComingThenTheBreakerCoolsTheTargetDown() throws Exception {
        assertBreakerCoolsPrimaryDown(ERROR_EVENT_FIRST);
    }

    @Test
    void streamWhenSilentBeforeFirstChunkForTheLimitThenRetriedWithBackoffThenFallsBack() throws Exception {
        router = router(openai.baseUrl(), SHORT, LONG);
        assertPrimaryTriedTwiceThenBackupServes(SILENT, "stream_stalled");
        assertEquals(1, sleeps.size(), "one backoff before the retry, as after a broken stream");
        assertEquals(0, watchdog.watching(), "the stalled streams were closed");
    }

    @Test
    void streamWhenStallsBeforeFirstChunkKeepComingThenTheBreakerCoolsTheTargetDown() throws Exception {
        router = router(openai.baseUrl(), SHORT, LONG);
        assertBreakerCoolsPrimaryDown(SILENT);
    }

    @Test
    void streamWhenSilentBeforeFirstChunkLongerThanTheIdleLimitThenStillServed() throws Exception {
        router = router(openai.baseUrl(), LONG, SHORT);
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().pause(SHORT.multipliedBy(3)).content("Thought")
                .done()));
        List<JsonObject> chunks = new ArrayList<>();
        try (RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-12", 1L)) {
            assertEquals(List.of(new Attempt(PRIMARY, "ok")), stream.attempts(), "the first chunk's limit applied");
            assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunks::add));
        }
        assertEquals(1, chunks.size());
    }

    @Test
    void streamWhenSilentAfterFirstChunkForTheIdleLimitThenRelayEndsStalledAndStreamClosed() throws Exception {
        router = router(openai.baseUrl(), LONG, SHORT);
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Hel").holdUntil(new CountDownLatch(1))));
        List<JsonObject> chunks = new ArrayList<>();
        try (RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-13", 1L)) {
            // the first chunk's limit (30 s) would outlast this bound: the idle limit applies after the first chunk
            assertEquals(RoutedStream.End.UPSTREAM_STALLED,
                    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> stream.relay(chunks::add)));
            assertEquals(0, watchdog.watching(), "the watchdog closed the stream");
        }
        assertEquals(1, chunks.size(), "what arrived before the stall was relayed");
    }

    /** The primary (one retry) answers {@code reply} each time: after five failures it gets no more calls. */
    private void assertBreakerCoolsPrimaryDown(FakeOpenAiReply reply) throws Exception {
        openai.otherwise(reply);
        gemini.otherwise(FakeGeminiReply.answer("from gemini"));
        for (int call = 0; call < 3; call++) {
            try (RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-7", 1L)) {
                assertEquals(BACKUP, stream.target());
            }
        }
        assertFalse(health.available(PRIMARY), "five failures in a row (breaker-failures) cool it down");
        assertEquals(5, openai.requests().size());
    }

    @Test
    void streamWhenProviderSendsOnlyKeepAlivesAndEndsThenFallsBack() throws Exception {
        assertPrimaryTriedTwiceThenBackupServes(FakeOpenAiReply.stream(FakeOpenAiStream.of().comment("keep-alive")),
                "stream_cut");
    }

    @Test
    void streamWhenFirstEventUnreadableThenFallsBackAsMalformed() throws Exception {
        assertPrimaryTriedTwiceThenBackupServes(
                FakeOpenAiReply.stream(FakeOpenAiStream.of().data("{\"choices\": [oops").done()), "malformed");
    }

    /** The primary (one retry) answers {@code reply} each time; the backup's stream is served. */
    private void assertPrimaryTriedTwiceThenBackupServes(FakeOpenAiReply reply, String outcome) throws Exception {
        openai.otherwise(reply);
        gemini.enqueue(FakeGeminiReply.answer("from gemini"));
        try (RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-8", 1L)) {
            assertEquals(List.of(new Attempt(PRIMARY, outcome), new Attempt(PRIMARY, outcome),
                    new Attempt(BACKUP, "ok")), stream.attempts());
        }
    }

    @Test
    void streamWhenProviderFinishesWithoutAnyChunkThenServedAsAnEmptyAnswer() throws Exception {
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().done()));
        List<JsonObject> chunks = new ArrayList<>();
        try (RoutedStream stream = router.stream(alias, STREAMED, "chatcmpl-10", 1L)) {
            assertEquals(List.of(new Attempt(PRIMARY, "ok")), stream.attempts());
            assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunks::add));
        }
        assertEquals(List.of(), chunks);
    }

    @Test
    void streamWhenFirstChunkReadThenServedWhileTheProviderHoldsTheRest() throws Exception {
        CountDownLatch firstRelayed = new CountDownLatch(1);
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Hel").holdUntil(firstRelayed)
                .content("lo").done()));
        // the fake holds the rest for 10 s unless the first chunk is relayed: a router that read on would time out
        RoutedStream stream = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> router.stream(alias, STREAMED, "chatcmpl-11", 1L));
        List<String> pieces = new ArrayList<>();
        try (stream) {
            assertEquals(RoutedStream.End.COMPLETE, stream.relay(chunk -> {
                pieces.add(chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
                firstRelayed.countDown();
            }));
        }
        assertEquals(List.of("Hel", "lo"), pieces);
    }
}
