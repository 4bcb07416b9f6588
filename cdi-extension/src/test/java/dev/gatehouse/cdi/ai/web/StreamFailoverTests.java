package dev.gatehouse.cdi.ai.web;

import static dev.gatehouse.cdi.ai.web.GatewayCalls.attempts;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.events;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.json;
import static dev.gatehouse.cdi.ai.web.GatewayCalls.streamedText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.HeldOpen;
import dev.gatehouse.cdi.ai.usage.TokenEstimate;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * Streamed calls whose provider fails or stalls before or after its first chunk, through the real HTTP endpoint
 * (embedded Tomcat, Gatehouse's filter): written once here, run for each provider kind by a subclass that scripts the
 * faults in that provider's wire format. The provider under test is {@code primary}, silent for at most
 * {@link #STALL_LIMIT} before and after its first chunk; a {@link FakeOpenAi} is {@code backup}. Aliases:
 * {@value #FALLBACK} (primary, then backup), {@value #SINGLE} (primary only), {@value #BACKUP_FIRST} (backup, then
 * primary). No retries.
 */
abstract class StreamFailoverTests {

    static final String FALLBACK = "fallback";
    static final String SINGLE = "single";
    static final String BACKUP_FIRST = "backup-first";
    static final String BACKUP = "backup/gpt-4o-mini";
    /** The primary's {@code stream-first-chunk-timeout} and {@code stream-idle-timeout}. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(1);
    /** Gaps between the bytes of a slow but live stream: far below {@link #STALL_LIMIT}... */
    static final Duration LIVE_GAP = Duration.ofMillis(50);
    /** ...and this many of them, longer than it in all. */
    static final int LIVE_GAPS = 30;

    /** The provider under test, started: its kind, where it is, its key ({@code null} for none) and model. */
    record Primary(String kind, URI baseUrl, String apiKey, String model) {
    }

    /** The OpenAI-style error a caller gets. */
    record Expected(int status, String type, String message) {
    }

    /** What a usage record counts: reported by the provider, or estimated by the gateway. */
    record UsageSoFar(String source, long prompt, long completion) {

        /** The gateway's estimate for a call asking "Say hi" that got {@code text} before it ended. */
        static UsageSoFar estimated(String text) {
            return new UsageSoFar("estimated", TokenEstimate.ofMessages(json(GatewayCalls.chat(SINGLE, true))),
                    TokenEstimate.ofChars(text.length()));
        }
    }

    @TempDir
    Path dir;
    FakeOpenAi backup;
    EmbeddedGateway gateway;
    GatewayCalls calls;
    String primary;
    final String token = TestTokens.valid().mint();

    /** Starts the fake provider under test. */
    abstract Primary startPrimary() throws Exception;

    abstract void stopPrimary();

    /** Its next answer: 200 {@code text/event-stream}, then at once an error event saying it is overloaded. */
    abstract void overloadedAfter200();

    /** What the caller gets when that was the only target. */
    abstract Expected overloadedAnswer();

    /** Its next answer: 200, then at once an error event rejecting the request with {@code message}. */
    abstract void rejectsAfter200(String message);

    /** Its next answer: 200, then the connection is cut before anything that translates into a chunk. */
    abstract void cutsBeforeFirstChunk();

    /** Its next answer: 200, the beginning of an answer with {@code text}, then the connection is cut. */
    abstract void cutsAfter(String text);

    /** Its next answer: 200, then nothing, the connection {@code held} open. */
    abstract void stallsBeforeFirstChunk(HeldOpen held);

    /** Its next answer: 200, the beginning of an answer with {@code text}, then nothing, the connection {@code held}. */
    abstract void stallsAfter(String text, HeldOpen held);

    /** The usage a call has once the provider {@linkplain #stallsAfter stalled after} {@code text}. */
    abstract UsageSoFar usageWhenStalledAfter(String text);

    /**
     * Its next answer: {@code text} (of {@value #LIVE_GAPS} words or more), after or among bytes that keep coming
     * {@link #LIVE_GAP} apart, {@value #LIVE_GAPS} times: the keep-alives the provider sends (SSE comments, pings)
     * or, where it sends none, the answer's own chunks.
     */
    abstract void keepsSendingSlowly(String text);

    @BeforeEach
    void start() throws Exception {
        backup = FakeOpenAi.start();
        Primary fake = startPrimary();
        primary = "primary/" + fake.model();
        Map<String, String> params = new HashMap<>(TestConfig.in(dir).properties());
        params.put("gatehouse.ai.providers", "primary,backup");
        provider(params, "primary", fake.kind(), fake.baseUrl(), fake.apiKey());
        params.put("gatehouse.ai.provider.primary.stream-first-chunk-timeout", STALL_LIMIT.toString());
        params.put("gatehouse.ai.provider.primary.stream-idle-timeout", STALL_LIMIT.toString());
        provider(params, "backup", "openai", backup.baseUrl(), null);
        params.put("gatehouse.ai.aliases", String.join(",", FALLBACK, SINGLE, BACKUP_FIRST));
        params.put("gatehouse.ai.alias." + FALLBACK + ".targets", primary + "," + BACKUP);
        params.put("gatehouse.ai.alias." + SINGLE + ".targets", primary);
        params.put("gatehouse.ai.alias." + BACKUP_FIRST + ".targets", BACKUP + "," + primary);
        gateway = EmbeddedGateway.start(dir, params);
        calls = new GatewayCalls(gateway);
    }

    private static void provider(Map<String, String> params, String name, String kind, URI baseUrl, String apiKey) {
        String prefix = "gatehouse.ai.provider." + name + ".";
        params.put(prefix + "kind", kind);
        params.put(prefix + "base-url", baseUrl.toString());
        params.put(prefix + "max-retries", "0");
        if (apiKey != null) {
            params.put(prefix + "api-key", apiKey);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        stopPrimary();
        backup.close();
    }

    @Test
    void streamWhenErrorEventBeforeFirstChunkThenFallsBackToTheNextTarget() throws Exception {
        overloadedAfter200();

        assertBackupServedAfterPrimary("stream_" + overloadedAnswer().status());
    }

    @Test
    void streamWhenOnlyTargetSendsErrorEventFirstThenHttpErrorInsteadOfAStream() throws Exception {
        overloadedAfter200();

        HttpResponse<String> response = calls.chat(token, SINGLE, true);

        Expected expected = overloadedAnswer();
        assertError(expected, response);
        JsonObject record = calls.lastUsage(token);
        assertEquals(expected.status(), record.getInt("status"));
        assertEquals("failed", record.getString("end"));
        assertEquals(List.of(primary + " stream_" + expected.status()), attempts(record));
    }

    @Test
    void streamWhenErrorEventFirstRejectsTheRequestThen400AndNoFallback() throws Exception {
        rejectsAfter200("max_tokens: 100000 is greater than the maximum of 8192 for this model");

        HttpResponse<String> response = calls.chat(token, FALLBACK, true);

        assertError(new Expected(400, "invalid_request_error",
                "max_tokens: 100000 is greater than the maximum of 8192 for this model"), response);
        assertEquals(0, backup.requests().size(), "the caller's mistake is not retried elsewhere");
        assertEquals(List.of(primary + " stream_400"), attempts(calls.lastUsage(token)));
    }

    @Test
    void streamWhenConnectionCutBeforeFirstChunkThenFallsBackToTheNextTarget() throws Exception {
        cutsBeforeFirstChunk();

        assertBackupServedAfterPrimary("stream_cut");
    }

    @Test
    void streamWhenConnectionCutAfterAChunkThenErrorEventWithoutDoneAndRecordKept() throws Exception {
        backup.enqueue(FakeOpenAiReply.error(503, "server_error", "down", null));
        cutsAfter("Half an answer");

        HttpResponse<String> response = calls.chat(token, BACKUP_FIRST, true);

        JsonObject record = assertStreamEndedInErrorEvent(response, "Half an answer", "upstream_stream_error",
                "The model provider's stream broke off", "upstream_failed");
        assertEquals(List.of(BACKUP + " 503", primary + " ok"), attempts(record));
    }

    @Test
    void streamWhenStalledBeforeFirstChunkThenCancelledAndFallsBackToTheNextTarget() throws Exception {
        HeldOpen held = new HeldOpen();
        stallsBeforeFirstChunk(held);

        assertBackupServedAfterPrimary("stream_stalled");
        assertTrue(held.closedByClient(), "the gateway cancelled the stalled call");
    }

    @Test
    void streamWhenOnlyTargetStallsBeforeFirstChunkThen504InsteadOfAStream() throws Exception {
        HeldOpen held = new HeldOpen();
        stallsBeforeFirstChunk(held);

        HttpResponse<String> response = calls.chat(token, SINGLE, true);

        assertError(new Expected(504, "api_error", "The model provider's stream stalled before it answered"),
                response);
        JsonObject record = calls.lastUsage(token);
        assertEquals(504, record.getInt("status"));
        assertEquals("failed", record.getString("end"));
        assertEquals(List.of(primary + " stream_stalled"), attempts(record));
        assertTrue(held.closedByClient(), "the gateway cancelled the stalled call");
    }

    @Test
    void streamWhenStalledAfterAChunkThenErrorEventWithoutDoneCallCancelledAndUsageSoFarKept() throws Exception {
        HeldOpen held = new HeldOpen();
        stallsAfter("Half an answer", held);

        HttpResponse<String> response = calls.chat(token, SINGLE, true);

        JsonObject record = assertStreamEndedInErrorEvent(response, "Half an answer", "upstream_stream_timeout",
                "The model provider's stream stalled", "upstream_stalled");
        assertTrue(held.closedByClient(), "the gateway cancelled the stalled call");
        assertEquals(List.of(primary + " ok"), attempts(record));
        UsageSoFar expected = usageWhenStalledAfter("Half an answer");
        assertEquals(expected, new UsageSoFar(record.getString("usage_source"),
                record.getJsonNumber("prompt_tokens").longValue(),
                record.getJsonNumber("completion_tokens").longValue()));
    }

    @Test
    void streamWhenBytesKeepComingForLongerThanTheStallLimitThenServedWhole() throws Exception {
        String text = String.join(" ", Collections.nCopies(LIVE_GAPS, "alive"));
        keepsSendingSlowly(text);

        HttpResponse<String> response = calls.chat(token, SINGLE, true);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(text, streamedText(response));
        assertEquals("[DONE]", last(events(response)));
        JsonObject record = calls.lastUsage(token);
        assertEquals("complete", record.getString("end"));
        assertEquals(List.of(primary + " ok"), attempts(record));
    }

    /** Calls {@value #FALLBACK}: the backup's whole stream, after the primary's attempt ended in {@code outcome}. */
    private void assertBackupServedAfterPrimary(String outcome) throws Exception {
        backup.enqueue(FakeOpenAiReply.answer("From the backup"));

        HttpResponse<String> response = calls.chat(token, FALLBACK, true);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("From the backup", streamedText(response));
        assertEquals("[DONE]", last(events(response)));
        assertEquals(List.of(primary + " " + outcome, BACKUP + " ok"), attempts(calls.lastUsage(token)));
    }

    /**
     * A 200 stream of {@code text} that ended in an {@code api_error} event with {@code code} and {@code message},
     * without {@code [DONE]}; returns its usage record, which says status 200 and {@code end}.
     */
    private JsonObject assertStreamEndedInErrorEvent(HttpResponse<String> response, String text, String code,
            String message, String end) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(text, streamedText(response));
        List<String> events = events(response);
        assertFalse(events.contains("[DONE]"), response.body());
        JsonObject error = json(last(events)).getJsonObject("error");
        assertEquals("api_error", error.getString("type"));
        assertEquals(code, error.getString("code"));
        assertEquals(message, error.getString("message"));
        JsonObject record = calls.lastUsage(token);
        assertEquals(200, record.getInt("status"));
        assertEquals(end, record.getString("end"));
        return record;
    }

    private static void assertError(Expected expected, HttpResponse<String> response) {
        assertEquals(expected.status(), response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "a plain error answer, not a stream");
        JsonObject error = json(response).getJsonObject("error");
        assertEquals(expected.type(), error.getString("type"));
        assertEquals(expected.message(), error.getString("message"));
    }

    private static String last(List<String> events) {
        return events.get(events.size() - 1);
    }
}
